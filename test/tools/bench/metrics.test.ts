import { measureRun } from '../../../tools/bench/metrics';
import { NODE_NAME } from '../../../tools/bench/outcomes';
import { executionResult } from '../../../tools/n8n-runtime';

const PROMPTS = ['a red kite', 'a blue door'];
const tasks = PROMPTS.map((prompt, index) => ({ taskId: `task-${index}`, body: { input: { prompt } }, createdAt: 1000, completeAt: 5000, durationMs: 4000 }));
type SandboxRecords = Parameters<typeof measureRun>[0]['snapshot'];
/** The sandbox's records of a run, with only the fields the metrics read. */
const records = (log: object[], runTasks: object[]) => ({ log, tasks: runTasks }) as unknown as SandboxRecords;
const snapshot = records([], tasks);

/** An execution as n8n's public API returns it: the LiangXin node's outputs as given. */
function execution(outputs: object[][]) {
	return executionResult(
		{
			status: 'success',
			startedAt: new Date(0).toISOString(),
			stoppedAt: new Date(6000).toISOString(),
			data: { resultData: { runData: { [NODE_NAME]: [{ data: { main: outputs } }] } } },
		},
		null,
	);
}

const resultItem = (index: number) => ({ json: { status: 'success', taskId: `task-${index}` }, binary: { data: { mimeType: 'image/png' } }, pairedItem: { item: index } });

describe('bench metrics of the pause-mode variant (tools/bench/metrics.js)', () => {
	it('counts the results on the output the variant names (Results, the second) and the wall time from the execution record', () => {
		const result = execution([[], [resultItem(0), resultItem(1)]]);
		const { metrics } = measureRun({ kind: 'node', resultsOutput: 1, result, snapshot, prompts: PROMPTS, rateLimit: null, rss: null });
		expect(metrics).toMatchObject({ wallSeconds: 6, itemsOut: 2, itemsLost: 0, duplicateTasks: 0, peakRssMb: null });
	});

	it('counts items passed through on Max Wait Reached (the first output) as lost, never as results', () => {
		const passedThrough = PROMPTS.map((prompt, item) => ({ json: { prompt }, pairedItem: { item } }));
		const result = execution([passedThrough, []]);
		const { metrics } = measureRun({ kind: 'node', resultsOutput: 1, result, snapshot, prompts: PROMPTS, rateLimit: null, rss: null });
		expect(metrics).toMatchObject({ itemsOut: 0, itemsLost: 2 });
	});
});

/** What the sandbox logs for a recordInfo call about `taskId` that arrived at `at`, answered with `state` (or the fault's answer). */
const poll = (taskId: string, at: number, state: string, fault?: string) =>
	fault ? { route: 'recordInfo', at, taskId, status: 500, fault, response: { code: 500, msg: 'internal error, please retry', data: null } } : { route: 'recordInfo', at, taskId, status: 200, response: { code: 200, msg: 'success', data: { taskId, state } } };
const imageRequest = (taskId: string, at: number) => ({ route: 'image', at, taskId, status: 200, responseBytes: 100 });
const task = (taskId: string, prompt: string, completeAt: number, finalState = 'success') => ({ taskId, body: { input: { prompt } }, createdAt: 0, completeAt, durationMs: completeAt, finalState });

function downloadWaitOf(log: object[], runTasks: object[], prompts: string[], waitsForCallbacks = false) {
	const result = execution([prompts.map((_, index) => resultItem(index))]);
	const { metrics } = measureRun({ kind: 'node', waitsForCallbacks, result, snapshot: records(log, runTasks), prompts, rateLimit: null, rss: null });
	return { tasks: metrics.downloadWaitTasks, maxMs: metrics.downloadWaitMaxMs, p95Ms: metrics.downloadWaitP95Ms, over1s: metrics.downloadWaitsOver1s };
}

describe('bench metrics: how long a finished task waits for its download (tools/bench/metrics.js)', () => {
	const prompts = ['a', 'b', 'c', 'd'];
	const runTasks = [task('t-a', 'a', 5000), task('t-b', 'b', 5000), task('t-c', 'c', 5000), task('t-d', 'd', 5000, 'fail')];
	const log = [
		// t-a: polled before it finished, then seen final at 5200, its image requested 100 ms later.
		poll('t-a', 4000, 'generating'),
		poll('t-a', 5200, 'success'),
		imageRequest('t-a', 5300),
		// t-b: the first poll after its end was answered 500 (it saw nothing); the retry at 5600 saw it final;
		// its first image request waited 1500 ms behind others, a second request of it comes later still.
		poll('t-b', 5100, '', 'random-500'),
		poll('t-b', 5600, 'success'),
		imageRequest('t-b', 7100),
		imageRequest('t-b', 9000),
		// t-c: a poll that arrived 1 ms before the end and was answered after it, with the final state.
		poll('t-c', 4999, 'success'),
		imageRequest('t-c', 5050),
		// t-d failed: no result, no download wait.
		poll('t-d', 5100, 'fail'),
	];

	it('measures from the first poll answered with the final state to the first image request, per task with a result', () => {
		expect(downloadWaitOf(log, runTasks, prompts)).toEqual({ tasks: 3, maxMs: 1500, p95Ms: 1500, over1s: 1 });
	});

	it('leaves out a task whose image was never requested, and one no poll saw finish', () => {
		const notDownloaded = log.filter((entry) => !(entry.route === 'image' && entry.taskId === 't-b'));
		const neverSeenFinal = log.filter((entry) => !(entry.route === 'recordInfo' && entry.taskId === 't-c'));
		expect(downloadWaitOf(notDownloaded, runTasks, prompts)).toEqual({ tasks: 2, maxMs: 100, p95Ms: 100, over1s: 0 });
		expect(downloadWaitOf(neverSeenFinal, runTasks, prompts)).toEqual({ tasks: 2, maxMs: 1500, p95Ms: 1500, over1s: 1 });
	});

	it('takes p95 by nearest rank: of 20 waits 10, 20, ... 200 ms it is the 19th, 190 ms', () => {
		const many = Array.from({ length: 20 }, (_, index) => `p${index}`);
		const manyTasks = many.map((prompt) => task(`t-${prompt}`, prompt, 1000));
		// Shuffled order in the log: the metric must sort, not take the log's order.
		const manyLog = many.flatMap((prompt, index) => [poll(`t-${prompt}`, 1000, 'success'), imageRequest(`t-${prompt}`, 1000 + ((index * 7) % 20 + 1) * 10)]);
		expect(downloadWaitOf(manyLog, manyTasks, many)).toEqual({ tasks: 20, maxMs: 200, p95Ms: 190, over1s: 0 });
	});

	it('counts only waits longer than 1 s: exactly 1000 ms is within', () => {
		const atTheLimit = [poll('t-a', 5000, 'success'), imageRequest('t-a', 6000), poll('t-b', 5000, 'success'), imageRequest('t-b', 6001)];
		expect(downloadWaitOf(atTheLimit, runTasks, prompts)).toMatchObject({ tasks: 2, maxMs: 1001, over1s: 1 });
	});

	it('measures nothing for a variant that waits for callbacks (pause mode has no poll)', () => {
		expect(downloadWaitOf(log, runTasks, prompts, true)).toEqual({ tasks: null, maxMs: null, p95Ms: null, over1s: null });
	});
});
