// Create & Wait in Wait Mode Pause Until Callback, run through n8n-core's real WorkflowExecute against
// the sandbox: what the node keeps when it pauses, and what a callback to the paused run then outputs.
import type { IDataObject, INodeExecutionData, INodeParameters, IRun } from 'n8n-workflow';

import { LiangXinApi } from '../../../../../credentials/LiangXinApi.credentials';
import { LiangXinNanoBananaPro } from '../../../../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import { TASK_PAST_MAX_WAIT_MESSAGE } from '../../../../../nodes/shared/actions/wait/maxWaitReached';
import { MAX_HELD_CALLBACKS, MAX_VERIFYING_CALLBACKS } from '../../../../../nodes/shared/actions/wait/resumeGate';
import { CALLBACK_TIME_LIMIT_MS, VERIFY_BUDGET } from '../../../../../nodes/shared/tasks/callbackAnswer';
import type { QueuedFault } from '../../../../../tools/sandbox';
import { CALLBACK_TIME_SCALE } from '../../../../helpers/callbackTimeScale';
import { useSandbox } from '../../../../helpers/liangxin';
import { n8nEnvironment } from '../../../../helpers/n8n';
import { itemsNode, workflowNode as node, workflowRunner } from '../../../../helpers/workflowExecute';

// What a callback gets when LiangXin is slow, on a clock four times as fast (LiangXin's slow answers below alike).
jest.mock('../../../../../nodes/shared/tasks/callbackAnswer', () => jest.requireActual('../../../../helpers/callbackTimeScale').scaledCallbackAnswer());

const GENERATE = 'Generate';

const sandbox = useSandbox({ taskDurationMs: 1000, slowTaskMs: 60_000 });

/** Items -> Generate (pause mode, prompt from `$json.prompt`) -> Max Wait Reached (output 0) and Results (output 1). */
function pauseRunner(items: IDataObject[], options: INodeParameters = {}) {
	const liangXin = new LiangXinNanoBananaPro();
	const generate = node(
		GENERATE,
		liangXin.description.name,
		{ operation: 'createAndWait', waitMode: 'pause', prompt: '={{ $json.prompt }}', options: { allowLocalCallbackUrl: true, ...options } },
		{ credentials: { liangXinApi: { id: 'liangXinApi', name: 'liangXinApi' } } },
	);
	return workflowRunner({
		nodes: [node('Items', 'items'), generate, node('Max Wait Reached', 'items'), node('Results', 'items')],
		connections: {
			Items: { main: [[{ node: GENERATE, type: 'main', index: 0 }]] },
			[GENERATE]: { main: [[{ node: 'Max Wait Reached', type: 'main', index: 0 }], [{ node: 'Results', type: 'main', index: 0 }]] },
		},
		nodeTypes: { items: itemsNode('items', items.map((json) => ({ json }))), [liangXin.description.name]: liangXin },
		credentials: { liangXinApi: { apiKey: sandbox().apiKey, baseUrl: sandbox().baseUrl } },
		credentialTypes: [new LiangXinApi()],
	});
}

const createdTaskIds = () => sandbox().createCalls().map((call) => call.taskId as string);

async function untilFinal(taskIds: string[]) {
	while (!taskIds.every((taskId) => ['success', 'fail'].includes(sandbox().taskState(taskId) ?? ''))) {
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

function expectPaused(run: IRun) {
	expect(run.status).toBe('waiting');
	expect(run.data.resultData.error).toBeUndefined();
}

/** The outputs a callback resumes the run with: [Max Wait Reached, Results]. */
async function resumedOutputs(runner: ReturnType<typeof pauseRunner>, paused: IRun): Promise<INodeExecutionData[][]> {
	const { result } = await runner.callback(paused.data, GENERATE);
	expect(result.workflowData).toBeDefined();
	return result.workflowData!;
}

describe('Pause Until Callback: a failed check just before the pause loses no created task', () => {
	const prompts = [{ prompt: 'a red kite' }, { prompt: 'a blue door' }];

	it.each<[string, Omit<QueuedFault, 'path'>]>([
		['recordInfo answers {"code":404,"msg":"task not found"}', { status: 404, body: { code: 404, msg: 'task not found' } }],
		['recordInfo answers 503 beyond every retry', { status: 503, headers: { 'retry-after': '0' }, times: 9 }],
		['recordInfo answers a redirect', { status: 302, headers: { location: 'http://127.0.0.1:9/elsewhere' } }],
		['recordInfo answers something else than a task', { status: 200, body: '<html>a proxy page</html>' }],
	])('%s: the run pauses anyway, and a callback after the tasks end delivers every task, paired', async (_case, fault) => {
		sandbox().queueFault({ path: 'recordInfo', ...fault });
		const runner = pauseRunner(prompts);
		const paused = await runner.start('Items');
		expectPaused(paused);
		expect(sandbox().pendingFaults()).toEqual([]);
		const taskIds = createdTaskIds();
		expect(new Set(taskIds).size).toBe(prompts.length);

		await untilFinal(taskIds);
		const [maxWaitReached, results] = await resumedOutputs(runner, paused);
		expect(maxWaitReached).toEqual([]);
		expect(results.map((item) => [item.json.taskId, item.json.status, item.pairedItem])).toEqual(
			taskIds.map((taskId, item) => [taskId, 'success', { item }]),
		);
		expect(sandbox().createCalls()).toHaveLength(prompts.length);
	});
});

describe('Pause Until Callback: a callback asks about the task its body names, and builds on what earlier checks found', () => {
	const prompts = [{ prompt: 'a red kite' }, { prompt: 'a blue door' }, { prompt: 'a green pear' }];
	const named = (taskId: string) => ({ code: 200, msg: 'success', data: { taskId, state: 'success' } });

	test('each task asked about once after the pause: its own callback verifies it, the one that ends the task last found running resumes', async () => {
		const runner = pauseRunner(prompts);
		const paused = await runner.start('Items');
		expectPaused(paused);
		const taskIds = createdTaskIds();
		const checkedBefore = sandbox().recordInfoCalls().length;
		// The check before the pause asked about the oldest task first and found it running.
		expect(sandbox().recordInfoCalls().map((call) => call.query.taskId)).toEqual([taskIds[0]]);

		await untilFinal(taskIds);
		expect((await runner.callback(paused.data, GENERATE, named(taskIds[1]))).result.workflowData).toBeUndefined();
		expect((await runner.callback(paused.data, GENERATE, named(taskIds[1]))).result.workflowData).toBeUndefined();
		const { result } = await runner.callback(paused.data, GENERATE, named(taskIds[0]));
		expect(result.workflowData![1].map((item) => [item.json.taskId, item.json.status, item.pairedItem])).toEqual(
			taskIds.map((taskId, item) => [taskId, 'success', { item }]),
		);
		expect(sandbox().recordInfoCalls().slice(checkedBefore).map((call) => call.query.taskId)).toEqual([taskIds[1], taskIds[0], taskIds[2]]);
	});

	test('a callback naming a task verified before, while a running task holds the pause, is answered at once: no turn, no call, never refused at the bound', async () => {
		const runner = pauseRunner([{ prompt: 'a [slow] red kite' }, { prompt: 'a blue door' }, { prompt: 'a green pear' }]);
		const paused = await runner.start('Items');
		expectPaused(paused);
		const [, doorTask, pearTask] = createdTaskIds();
		await untilFinal([doorTask, pearTask]);
		expect((await runner.callback(paused.data, GENERATE, named(doorTask))).answered).toMatchObject({ status: 200 });
		sandbox().configure({ slowResponseMs: 3000 * CALLBACK_TIME_SCALE });
		const checkedBefore = sandbox().recordInfoCalls().length;

		const slowCheck = runner.callback(paused.data, GENERATE, {});
		const repeats = await Promise.all(
			Array.from({ length: MAX_HELD_CALLBACKS + 2 }, async () => {
				const { answered, answeredAt } = await runner.callback(paused.data, GENERATE, named(doorTask));
				return { answered, answeredAt: answeredAt ?? Date.now() };
			}),
		);
		const slowAnswer = await slowCheck;
		expect(slowAnswer.answered).toMatchObject({ status: 200 });
		for (const { answered, answeredAt } of repeats) {
			expect(answered).toEqual({ status: 200, body: { resumed: false, reason: 'tasks are still running' } });
			// Answered while the check holding the turn still waited for LiangXin.
			expect(answeredAt).toBeLessThan(slowAnswer.answeredAt ?? Date.now());
		}
		// Only the callback naming nothing asked, about the task found running before the pause.
		expect(sandbox().recordInfoCalls().length - checkedBefore).toBe(1);
	}, 30_000);

	test(`callbacks naming tasks not verified yet ask about them beside the check holding the turn, ${MAX_VERIFYING_CALLBACKS} at a time: none waits for a turn, none refused`, async () => {
		const prompts = [{ prompt: 'a [slow] red kite' }, ...Array.from({ length: MAX_VERIFYING_CALLBACKS }, (_, index) => ({ prompt: `picture ${index}` }))];
		const runner = pauseRunner(prompts);
		const paused = await runner.start('Items');
		expectPaused(paused);
		const [kiteTask, ...others] = createdTaskIds();
		await untilFinal(others);
		sandbox().configure({ slowResponseMs: 1500 * CALLBACK_TIME_SCALE });
		const checkedBefore = sandbox().recordInfoCalls().length;

		const slowCheck = runner.callback(paused.data, GENERATE, {});
		const answers = await Promise.all(others.map(async (taskId) => (await runner.callback(paused.data, GENERATE, named(taskId))).answered));
		expect(answers).toEqual(others.map(() => ({ status: 200, body: { resumed: false, reason: 'tasks are still running' } })));
		expect((await slowCheck).answered).toMatchObject({ status: 200 });
		const asked = sandbox().recordInfoCalls().slice(checkedBefore).map((call) => call.query.taskId);
		expect([...asked].sort()).toEqual([kiteTask, ...others].sort());
	}, 30_000);

	test('a forged body changes nothing: naming a running task as done, or carrying its own results, only makes the node ask LiangXin', async () => {
		const runner = pauseRunner([{ prompt: 'a [slow] red kite' }, { prompt: 'a blue door' }]);
		const paused = await runner.start('Items');
		expectPaused(paused);
		const [kiteTask, doorTask] = createdTaskIds();
		const forged = { code: 200, msg: 'success', data: { ...named(kiteTask).data, resultJson: '{"resultUrls":["https://attacker.example/x.png"]}' } };
		const odd = [{ data: { taskId: 'task_not_of_this_pause' } }, { data: 'garbage' }, { data: { taskId: 42 } }, null as unknown as IDataObject];
		for (const body of [forged, ...odd]) {
			const { result, answered } = await runner.callback(paused.data, GENERATE, body);
			expect(result.workflowData).toBeUndefined();
			expect(answered).toMatchObject({ status: 200, body: { resumed: false } });
		}
		expect(sandbox().recordInfoCalls().some((call) => call.query.taskId === kiteTask)).toBe(true);

		sandbox().tasks.get(kiteTask)!.completeAt = Date.now() - 1;
		sandbox().tasks.get(kiteTask)!.transitions.at(-1)!.at = Date.now() - 1;
		await untilFinal([kiteTask, doorTask]);
		const [, results] = await resumedOutputs(runner, paused);
		expect(results.map((item) => [item.json.taskId, item.json.status])).toEqual([
			[kiteTask, 'success'],
			[doorTask, 'success'],
		]);
		expect(JSON.stringify(results)).not.toContain('attacker.example');
	});
});

describe('Pause Until Callback: the options the resume needs are read before any create and kept per item', () => {
	it('Max File Size and Binary Property set by expressions apply per item after the pause', async () => {
		const items = [
			{ prompt: 'a red kite', maxMb: 50, property: 'kite' },
			{ prompt: 'a blue door', maxMb: 0.0001, property: 'door' },
		];
		const runner = pauseRunner(items, { maxFileSizeMb: '={{ $json.maxMb }}', binaryPropertyPrefix: '={{ $json.property }}' });
		const paused = await runner.start('Items');
		expectPaused(paused);
		const taskIds = createdTaskIds();

		await untilFinal(taskIds);
		const [, [kite, door]] = await resumedOutputs(runner, paused);
		expect(Object.keys(kite.binary ?? {})).toEqual(['kite']);
		expect(kite.json).toMatchObject({ taskId: taskIds[0], status: 'success' });
		expect(door.json).toEqual({ taskId: taskIds[1], error: expect.stringMatching(/ is over 0\.0001 MB, the limit set by Max File Size \(MB\)$/) });
		expect(door.binary).toBeUndefined();
	});

	it('Max Wait is read per item: the pause lasts until the latest, and a task past its own Max Wait leaves on Max Wait Reached', async () => {
		const items = [
			{ prompt: 'a [slow] red kite', wait: 0.05 },
			{ prompt: 'a blue door', wait: 2 },
		];
		const runner = pauseRunner(items, { maxWaitMinutes: '={{ $json.wait }}' });
		const startedAt = Date.now();
		const paused = await runner.start('Items');
		const pausedAt = Date.now();
		expectPaused(paused);
		const waitTill = new Date(paused.data.waitTill!).getTime();
		expect(waitTill).toBeGreaterThanOrEqual(startedAt + 2 * 60_000);
		expect(waitTill).toBeLessThanOrEqual(pausedAt + 2 * 60_000);

		const [kiteTask, doorTask] = createdTaskIds();
		await untilFinal([doorTask]);
		// A callback before the kite's Max Wait (3 s) keeps waiting for it.
		expect((await runner.callback(paused.data, GENERATE)).result.workflowData).toBeUndefined();
		// The kite's Max Wait runs from its create's answer, before the pause: over by pausedAt + 3 s.
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, pausedAt + 3100 - Date.now())));

		const [maxWaitReached, results] = await resumedOutputs(runner, paused);
		expect(maxWaitReached).toEqual([
			{ json: { maxWaitReached: true, taskId: kiteTask, message: TASK_PAST_MAX_WAIT_MESSAGE }, pairedItem: { item: 0 } },
		]);
		expect(results.map((item) => [item.json.taskId, item.json.status, item.pairedItem])).toEqual([[doorTask, 'success', { item: 1 }]]);
		expect(sandbox().taskState(kiteTask)).not.toBe('success');
	});
});

describe('Pause Until Callback: a callback is answered within the time limit, whatever LiangXin does', () => {
	const slowPrompts = [{ prompt: 'a [slow] red kite' }, { prompt: 'a [slow] blue door' }, { prompt: 'a [slow] green pear' }];
	/** Generous for a loaded 2-core machine: what is measured is seconds, against minutes with the default retry policy. */
	const answeredWithinMs = CALLBACK_TIME_LIMIT_MS + 3000;
	/** A callback refused at the bound is answered before any check could have asked LiangXin anything. */
	const atOnceMs = 1000;
	let logs: string[];

	beforeEach(async () => {
		logs = [];
		(await n8nEnvironment()).lines = logs;
	});
	afterEach(() => expect(logs.join('\n')).not.toContain(sandbox().apiKey));

	/** A run paused with its tasks still running, and callbacks to it sent together, each timed from when they were sent. */
	async function pausedRun(items = slowPrompts) {
		const runner = pauseRunner(items);
		const paused = await runner.start('Items');
		expectPaused(paused);
		const checkedBefore = sandbox().recordInfoCalls().length;
		return {
			recordInfoCalls: () => sandbox().recordInfoCalls().length - checkedBefore,
			/** Each answered after `elapsedMs`, when the node answered it (its webhook() may go on). */
			callbacksTogether: async (count: number) => {
				const sentAt = Date.now();
				const send = async () => {
					const callback = await runner.callback(paused.data, GENERATE);
					return { ...callback, elapsedMs: (callback.answeredAt ?? Date.now()) - sentAt };
				};
				return await Promise.all(Array.from({ length: count }, send));
			},
		};
	}

	type Answer = Awaited<ReturnType<Awaited<ReturnType<typeof pausedRun>>['callbacksTogether']>>[number];

	/** The node's own "keep waiting, send it again later": nothing resumed. */
	function expectRetryLater(answer: Answer) {
		expect(answer.result).toEqual({ noWebhookResponse: true });
		expect(answer.answered).toEqual({ status: 503, body: { resumed: false, reason: expect.any(String) } });
		expect(answer.headers['retry-after']).toBe('10');
		expect(answer.elapsedMs).toBeLessThan(answeredWithinMs);
	}

	const refusedAtTheBound = (answer: Answer) =>
		String((answer.answered?.body as { reason?: string }).reason).includes('other callbacks of this execution are being checked');

	test('recordInfo answering 503: the callback gets 503 with Retry-After after one retry, well within the limit', async () => {
		const pause = await pausedRun();
		sandbox().queueFault({ path: 'recordInfo', status: 503, times: 1000 });

		const [answer] = await pause.callbacksTogether(1);
		expectRetryLater(answer);
		expect(pause.recordInfoCalls()).toBe(VERIFY_BUDGET.retry.maxRetries + 1);
		expect(logs.join('\n')).toContain('A LiangXin callback could not be handled; the execution keeps waiting: LiangXin API error 503');
	}, 30_000);

	test(`recordInfo answering 503 to callbacks sent together: ${MAX_HELD_CALLBACKS} are held and checked in turn, the others get 503 at once, unchecked`, async () => {
		const pause = await pausedRun();
		sandbox().queueFault({ path: 'recordInfo', status: 503, times: 1000 });

		const answers = await pause.callbacksTogether(MAX_HELD_CALLBACKS + 3);
		console.log(`answered after (ms): ${answers.map(({ elapsedMs }) => elapsedMs).join(', ')}`);
		answers.forEach(expectRetryLater);
		const refused = answers.filter(refusedAtTheBound);
		const held = answers.filter((answer) => !refusedAtTheBound(answer));
		expect([refused.length, held.length]).toEqual([3, MAX_HELD_CALLBACKS]);
		const firstHeldAnswer = Math.min(...held.map(({ elapsedMs }) => elapsedMs));
		for (const { elapsedMs } of refused) expect(elapsedMs).toBeLessThan(Math.min(atOnceMs, firstHeldAnswer));
		// Only the held callbacks asked LiangXin, each with one retry.
		expect(pause.recordInfoCalls()).toBe(MAX_HELD_CALLBACKS * (VERIFY_BUDGET.retry.maxRetries + 1));
	}, 60_000);

	test('recordInfo not answering at all: the callback and those queued behind it all get 503 within the limit', async () => {
		const pause = await pausedRun();
		sandbox().configure({ slowResponseMs: 120_000 });

		const answers = await pause.callbacksTogether(MAX_HELD_CALLBACKS);
		console.log(`answered after (ms): ${answers.map(({ elapsedMs }) => elapsedMs).join(', ')}`);
		answers.forEach(expectRetryLater);
		// The first check gives up after its two attempts (4 s each); the others' turn did not come in time.
		expect(logs.join('\n')).toContain('A LiangXin callback could not be handled; the execution keeps waiting: ');
	}, 60_000);

	test('a check that outlasts the limit (LiangXin answering each call in 1 s): 503 within the limit, and the check goes on to resume with every item', async () => {
		const prompts = Array.from({ length: 10 }, (_, index) => ({ prompt: `picture number ${index}` }));
		const pause = await pausedRun(prompts);
		const taskIds = createdTaskIds();
		await untilFinal(taskIds);
		// 1 s per call on the scaled clock: ten calls outlast the limit by a quarter.
		sandbox().configure({ slowResponseMs: 1000 * CALLBACK_TIME_SCALE });

		const [answer] = await pause.callbacksTogether(1);
		expect(answer.answered).toEqual({ status: 503, body: { resumed: false, reason: expect.stringContaining('it goes on') } });
		expect(answer.headers['retry-after']).toBe('10');
		expect(answer.elapsedMs).toBeLessThan(answeredWithinMs);
		expect(answer.result).toMatchObject({ noWebhookResponse: true });
		const [maxWaitReached, results] = answer.result.workflowData!;
		expect(maxWaitReached).toEqual([]);
		expect(results.map((item) => [item.json.taskId, item.json.status, item.pairedItem])).toEqual(
			taskIds.map((taskId, item) => [taskId, 'success', { item }]),
		);
		expect(pause.recordInfoCalls()).toBe(prompts.length);
	}, 90_000);

	test('once LiangXin answers again, a callback after the tasks end resumes with every item, paired', async () => {
		const prompts = [{ prompt: 'a red kite' }, { prompt: 'a blue door' }];
		const pause = await pausedRun(prompts);
		sandbox().queueFault({ path: 'recordInfo', status: 503, times: 2 });
		expectRetryLater((await pause.callbacksTogether(1))[0]);

		const taskIds = createdTaskIds();
		await untilFinal(taskIds);
		const [{ result }] = await pause.callbacksTogether(1);
		const [maxWaitReached, results] = result.workflowData!;
		expect(maxWaitReached).toEqual([]);
		expect(results.map((item) => [item.json.taskId, item.json.status, item.pairedItem])).toEqual(
			taskIds.map((taskId, item) => [taskId, 'success', { item }]),
		);
	}, 60_000);
});
