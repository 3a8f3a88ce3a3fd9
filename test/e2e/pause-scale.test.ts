// Wait Mode Pause Until Callback at scale, in a real n8n: 200 items created at LiangXin's pace, heavy-tailed
// task durations, every callback delivered twice; and callbacks that reach n8n before the pause is saved.
import * as fs from 'node:fs';

import type { LogEntry, Sandbox } from '../../tools/sandbox';
import { noOp, pauseRuns, pauseWorkflow, startPublished } from './pauseRuns';
import { executionDetails, executionsOf } from './queue/executions';
import type { N8nInstance, OutputItem } from './runtime';
import { SETUP_TIMEOUT_MS, useRealN8n } from './suite';

/** LiangXin's reported create limit, as the bench's sandbox enforces it (tools/bench/scenarios.js RATE_LIMIT). */
const CREATE_RATE_LIMIT = { max: 20, windowMs: 10_000 };
/**
 * The bench's heavy-tailed durations (tools/bench/scenarios.js TAIL_DURATIONS) at a fifth of their length, so that
 * the run fits in a few minutes: median ~5 s, 4 % of tasks 36-48 s.
 */
const TAIL_DURATIONS = { medianMs: 5_000, sigma: 0.55, longShare: 0.04, longMinMs: 36_000, maxMs: 48_000 };

/** LiangXin retries a callback "briefly" when it is not answered 2xx; how often is not documented: this is our stand-in. */
const CALLBACK_RETRY_DELAYS_MS = [2000, 5000, 15_000];

const SCALE_PROMPTS = Array.from({ length: 200 }, (_, index) => `a paused picture number ${index}`);
// 20 tasks are created at once, the next 5 one rate window later; the slow one keeps the execution waiting.
const EARLY_PROMPTS = [...Array.from({ length: 24 }, (_, index) => `a quick picture number ${index}`), 'a [slow] picture'];

let sandbox: Sandbox;
let n8n: N8nInstance;
let apiKey: string;
let workflows: Record<string, string>;
let runs: ReturnType<typeof pauseRuns>;

// With its default (5 s) n8n answered every request 503 "Database is not ready!" for a while after one slow
// health ping while this test's callbacks came in, on a loaded machine: see the README's Wait Mode.
const realN8n = useRealN8n('e2e-pause-scale', {
	sandboxOptions: { createRateLimit: CREATE_RATE_LIMIT },
	env: { DB_PING_TIMEOUT_MS: '30000' },
});

beforeAll(async () => {
	({ sandbox, n8n } = realN8n());
	const options = { allowLocalCallbackUrl: true, maxWaitMinutes: 10 };
	const credential = realN8n().credentials[0];
	const definitions = {
		scale: pauseWorkflow('scale', credential, { options, prompts: SCALE_PROMPTS, maxWaitReached: [noOp('Timed Out')] }),
		early: pauseWorkflow('early', credential, { options, prompts: EARLY_PROMPTS, maxWaitReached: [noOp('Timed Out')] }),
	};
	({ workflowIds: workflows, apiKey, runs } = await startPublished(n8n, definitions));
}, SETUP_TIMEOUT_MS);

/** What n8n answered a callback: the resume, the node's "keep waiting", or n8n's own refusal (its status). */
function answerTo({ status, response }: LogEntry): 'resumed' | 'waiting' | number | null {
	if (status === 200 && String(response).includes('Workflow was started')) return 'resumed';
	if (status === 200 && JSON.parse(String(response)).resumed === false) return 'waiting';
	return status;
}

const countsOf = (values: unknown[]) =>
	Object.fromEntries([...new Set(values)].map((value) => [String(value), values.filter((other) => other === value).length]));

/** Every item once, in order, paired, with exactly the sandbox's image; each prompt's task created once. */
async function expectEveryResultOnce(items: OutputItem[], prompts: string[]) {
	expect(items.map((item) => item.json.input?.prompt)).toEqual(prompts);
	expect(items.map((item) => item.pairedItem)).toEqual(prompts.map((_, item) => ({ item })));
	for (const item of items) {
		expect(item.json).toMatchObject({ status: 'success' });
		expect(n8n.readBinary(item.binary!.data).equals(await sandbox.imageBytes(item.json.taskId as string))).toBe(true);
	}
	const createdPrompts = [...sandbox.tasks.values()].map((task) => task.body.input.prompt as string);
	expect(createdPrompts.sort()).toEqual([...prompts].sort());
	expect(new Set(items.map((item) => item.json.taskId)).size).toBe(prompts.length);
}

/** The callbacks sent so far and once none is pending: each task's `callbackRepeats` deliveries. */
async function allCallbacks(count: number) {
	return await sandbox.waitForCallbacks(count, 60_000);
}

describe('Wait Mode Pause Until Callback at scale in a real n8n', () => {
	test('200 items, created at LiangXin\'s pace, heavy-tailed durations, every callback twice: one waiting execution, one resume, 0 lost, 0 duplicates', async () => {
		sandbox.configure({ taskDurations: TAIL_DURATIONS, seed: 2200, callbackRepeats: 2, callbackDelayMs: 1000, callbackRetryDelaysMs: CALLBACK_RETRY_DELAYS_MS });
		const startedAt = Date.now();
		const { id } = await runs.startRun('scale');
		await runs.untilPaused('scale', id, 180_000);
		const waitingAt = Date.now();
		const createdBeforeWaiting = sandbox.tasks.size;
		await runs.untilStatus('scale', id, 'success', 180_000);
		const doneAt = Date.now();

		const details = await executionDetails(n8n, apiKey, id);
		await expectEveryResultOnce(details.items('Results'), SCALE_PROMPTS);
		expect(details.ran('Timed Out')).toBe(false);
		expect(createdBeforeWaiting).toBe(200);
		expect(await executionsOf(n8n, workflows.scale)).toHaveLength(1);

		const answers = (await allCallbacks(400)).map(answerTo);
		// Shown whole when it fails: how n8n and the node answered the 400 deliveries.
		// A resuming delivery can outlast the sandbox's 10 s answer timeout on a loaded machine (null): at most one resumed.
		// 503: more callbacks of the pause at once than the node holds, or a check that ran out of time; each is retried.
		expect({ answers: countsOf(answers), resumes: answers.filter((answer) => answer === 'resumed').length }).toMatchObject({ resumes: expect.any(Number) });
		expect(answers.filter((answer) => answer === 'resumed').length).toBeLessThanOrEqual(1);
		expect(answers.every((answer) => ['resumed', 'waiting', 409, 500, 503, null].includes(answer as string | number | null))).toBe(true);

		const recordInfoCalls = sandbox.recordInfoCalls().length;
		const n8nLog = fs.readFileSync(n8n.logFile, 'utf8');
		console.log(
			`pause mode, 200 items: ${sandbox.createCalls().length} createTask calls, ${recordInfoCalls} recordInfo calls ` +
				`(${(recordInfoCalls / 200).toFixed(2)} per task), running ${Math.round((waitingAt - startedAt) / 1000)} s, ` +
				`waiting ${Math.round((doneAt - waitingAt) / 1000)} s; callback answers ${JSON.stringify(countsOf(answers))}; ` +
				`database ping failures in n8n's log: ${n8nLog.match(/Database ping failed/g)?.length ?? 0}`,
		);
		// N·ln N (1,060) per delivery round, two rounds, and the final check of all 200.
		expect(recordInfoCalls).toBeLessThanOrEqual(2 * 200 * Math.log(200) + 200);
		expect(n8nLog).not.toContain('Database is not ready');
	}, 420_000);

	test('callbacks that reach n8n before the pause is saved are refused (409) and change nothing: every result once', async () => {
		sandbox.configure({ taskDurationMs: 300, slowTaskMs: 15_000, callbackRepeats: 2, callbackDelayMs: 3000, callbackRetryDelaysMs: CALLBACK_RETRY_DELAYS_MS });
		const { id } = await runs.startRun('early');
		await runs.untilPaused('early', id, 60_000);
		await runs.untilStatus('early', id, 'success', 60_000);

		const details = await executionDetails(n8n, apiKey, id);
		await expectEveryResultOnce(details.items('Results'), EARLY_PROMPTS);
		expect(await executionsOf(n8n, workflows.early)).toHaveLength(1);

		const deliveries = await allCallbacks(2 * EARLY_PROMPTS.length);
		// n8n refuses a callback while the execution runs: "The execution ... is running already."
		const refused = deliveries.filter((delivery) => delivery.status === 409 && String(delivery.response).includes('is running already'));
		expect(refused.length).toBeGreaterThan(0);
		// n8n shows `waiting` a moment before it stops treating the execution as running, so the line is drawn by
		// n8n's own answers: once it let one callback through to the paused node, it refused none sent later.
		const letThrough = deliveries.filter((delivery) => ['resumed', 'waiting'].includes(answerTo(delivery) as string));
		const firstLetThroughAt = Math.min(...letThrough.map((delivery) => delivery.answeredAt ?? Infinity));
		expect(letThrough.length).toBeGreaterThan(0);
		expect(refused.filter((delivery) => delivery.at > firstLetThroughAt)).toEqual([]);
		expect(deliveries.map(answerTo).filter((answer) => answer === 'resumed').length).toBeLessThanOrEqual(1);
		expect(sandbox.createCalls()).toHaveLength(EARLY_PROMPTS.length);
	}, 180_000);
});
