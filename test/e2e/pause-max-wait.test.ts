// Pause Until Callback when callbacks are lost, in a real n8n: at Max Wait n8n resumes the pause without
// running the node and passes on one Max Wait Reached item per input item, naming its task; LiangXin
// Get Task (Wait Until Done) after it gives the tasks' real outcomes in the same execution. Lost here:
// callbacks that never come, and callbacks that come while n8n is down for a restart.
import { setTimeout as sleep } from 'node:timers/promises';

import type { Sandbox } from '../../tools/sandbox';
import { MAX_WAIT_REACHED_MESSAGE } from '../../nodes/shared/actions/wait/maxWaitReached';
import { noOp, pauseRuns, pauseWorkflow, startPublished } from './pauseRuns';
import { executionDetails } from './queue/executions';
import type { N8nInstance } from './runtime';
import { SETUP_TIMEOUT_MS, useRealN8n } from './suite';
import { liangXinNode } from './workflows';

const MAX_WAIT_MINUTES = 1;
/** Every callback lost. */
const ALL_LOST = ['a red kite', 'a blue door', 'a green pear'].map((prompt) => `${prompt} [no-callback]`);
/** The delivered callbacks come while the lost ones' tasks still run, so none can resume the pause. */
const SOME_LOST = ['a white swan', 'a black cat [slow] [no-callback]', 'a grey owl', 'a pink rose [slow] [no-callback]'];
/** Every callback delivered once, while n8n is down. */
const DURING_RESTART = ['a gold fish', 'a silver key', 'a brown bear'];

let sandbox: Sandbox;
let n8n: N8nInstance;
let apiKey: string;
let runs: ReturnType<typeof pauseRuns>;

const realN8n = useRealN8n('e2e-pause-max-wait', { sandboxOptions: { taskDurationMs: 3000, slowTaskMs: 20_000, callbackRepeats: 1 } });

beforeAll(async () => {
	({ sandbox, n8n } = realN8n());
	const credential = realN8n().credentials[0];
	const recover = [
		noOp('Max Wait Reached'),
		liangXinNode(
			'Get Task',
			{ operation: 'getTask', taskId: '={{ $json.taskId }}', waitUntilDone: true, options: { downloadImages: true } },
			credential,
		),
		noOp('Recovered'),
	];
	const options = { allowLocalCallbackUrl: true, maxWaitMinutes: MAX_WAIT_MINUTES };
	const promptsByPath = { 'all-lost': ALL_LOST, 'some-lost': SOME_LOST, restart: DURING_RESTART };
	const definitions = Object.fromEntries(
		Object.entries(promptsByPath).map(([path, prompts]) => [path, pauseWorkflow(path, credential, { options, prompts, maxWaitReached: recover })]),
	);
	({ apiKey, runs } = await startPublished(n8n, definitions));
}, SETUP_TIMEOUT_MS);

/** The execution as n8n's REST API gives it: its pause deadline while waiting, when it stopped once done. */
async function timesOf(id: string): Promise<{ waitTill?: string; stoppedAt?: string }> {
	const answer = await n8n.rest.ok('GET', `/rest/executions/${id}`);
	return answer.data ?? answer;
}

async function expectRecovered(id: string, prompts: string[]) {
	const details = await executionDetails(n8n, apiKey, id);
	expect(details.status).toBe('success');
	expect(details.ran('Results')).toBe(false);

	const reached = details.items('Max Wait Reached');
	const taskIds = reached.map((item) => item.json.taskId as string);
	expect(taskIds.map((taskId) => sandbox.tasks.get(taskId)?.body.input.prompt)).toEqual(prompts);
	for (const item of reached) {
		expect(item.json).toEqual({ maxWaitReached: true, taskId: item.json.taskId, message: MAX_WAIT_REACHED_MESSAGE });
		expect(item.binary).toBeUndefined();
	}

	const recovered = details.items('Recovered');
	expect(recovered.map((item) => [item.json.taskId, item.json.status, item.pairedItem])).toEqual(
		taskIds.map((taskId, item) => [taskId, 'success', { item }]),
	);
	for (const item of recovered) {
		expect(n8n.readBinary(item.binary!.data).equals(await sandbox.imageBytes(item.json.taskId as string))).toBe(true);
	}
}

/** What an answer was: its status (with n8n's "starting up" text when that is what it said), or `refused`. */
async function answerOf(request: Promise<Response>): Promise<string> {
	try {
		const response = await request;
		const text = await response.text();
		return text.includes('starting up') ? `${response.status} starting up` : String(response.status);
	} catch {
		return 'refused';
	}
}

/**
 * Each change in what n8n answers while it starts (with the seconds since the start), on /healthz and on the
 * pause's resume path with a wrong signature (which cannot resume anything; once n8n listens there: 401).
 */
async function answersWhileStarting(starting: Promise<string>, resumePath: string): Promise<string[]> {
	const seen: string[] = [];
	const startedAt = Date.now();
	let last = '';
	let started = false;
	const settled = starting.finally(() => (started = true));
	while (!started) {
		const baseUrl = n8n.baseUrl;
		if (baseUrl) {
			const health = await answerOf(fetch(`${baseUrl}/healthz`));
			const callback = await answerOf(fetch(`${baseUrl}${resumePath}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
			const answers = `healthz ${health}, resume path ${callback}`;
			if (answers !== last) seen.push(`${((Date.now() - startedAt) / 1000).toFixed(1)} s: ${answers}`);
			last = answers;
		}
		await sleep(50);
	}
	await settled;
	return seen;
}

describe('Pause Until Callback when callbacks never arrive, in a real n8n', () => {
	test('every callback lost, or only those of the last tasks to finish: by Max Wait the execution ends with every task\'s real outcome', async () => {
		const started = { 'all-lost': await runs.startRun('all-lost'), 'some-lost': await runs.startRun('some-lost') };
		const deadlines: Record<string, number> = {};
		for (const [path, { id }] of Object.entries(started)) {
			await runs.untilPaused(path, id, 30_000);
			deadlines[path] = Date.parse((await timesOf(id)).waitTill!);
		}
		for (const [path, { id }] of Object.entries(started)) {
			// n8n's wait tracker looks for expired pauses once a minute.
			await runs.untilStatus(path, id, 'success', MAX_WAIT_MINUTES * 60_000 + 150_000);
		}

		await expectRecovered(started['all-lost'].id, ALL_LOST);
		await expectRecovered(started['some-lost'].id, SOME_LOST);

		// The delivered callbacks were answered, and each task was created once.
		const delivered = sandbox.callbackCalls();
		expect(delivered.map((entry) => sandbox.tasks.get(entry.taskId!)?.body.input.prompt).sort()).toEqual(['a grey owl', 'a white swan']);
		expect(delivered.every((entry) => entry.status === 200)).toBe(true);
		const created = sandbox.createCalls().map((call) => (call.body as { input: { prompt: string } }).input.prompt);
		expect(created.sort()).toEqual([...ALL_LOST, ...SOME_LOST].sort());

		const lateness = Object.fromEntries(
			await Promise.all(
				Object.entries(started).map(async ([path, { id }]) => [path, (Date.parse((await timesOf(id)).stoppedAt!) - deadlines[path]) / 1000]),
			),
		);
		console.log(
			`Max Wait ${MAX_WAIT_MINUTES} min; seconds from Max Wait to the end of the execution: ${JSON.stringify(lateness)}; ` +
				`recordInfo calls: ${sandbox.recordInfoCalls().length} for ${created.length} tasks`,
		);
		// n8n sets a timer for each pause due within 70 s of its once-a-minute scan: it resumes on time.
		for (const seconds of Object.values(lateness)) expect(seconds).toBeLessThan(30);
	}, MAX_WAIT_MINUTES * 60_000 + 240_000);

	test('callbacks that come while n8n is down for a restart are lost: after it, Max Wait ends the execution naming every task', async () => {
		sandbox.configure({ taskDurationMs: 15_000, callbackRepeats: 1 });
		const { id } = await runs.killWhileWaiting('restart');
		const callBackUrl = new URL((sandbox.createCalls()[0].body as { callBackUrl: string }).callBackUrl);

		// LiangXin delivers each callback once; n8n is not there (the stand-in does not retry).
		const lost = await sandbox.waitForCallbacks(DURING_RESTART.length, 60_000);
		expect(lost.map((entry) => entry.status)).toEqual(DURING_RESTART.map(() => null));

		const wrongSignature = `${callBackUrl.pathname}?signature=${'0'.repeat(64)}`;
		const whileStarting = await answersWhileStarting(n8n.start(), wrongSignature);
		console.log(`while n8n started again: ${whileStarting.join(' -> ')}`);
		// n8n answers its health check before it listens on the resume URLs: a callback then is lost too.
		expect(whileStarting.some((line) => line.includes(': healthz 200, ') && !line.endsWith(' 401'))).toBe(true);
		await n8n.rest.setupOwnerAndLogin();

		await runs.untilStatus('restart', id, 'success', MAX_WAIT_MINUTES * 60_000 + 150_000);
		await expectRecovered(id, DURING_RESTART);
		expect(sandbox.callbackCalls()).toHaveLength(DURING_RESTART.length);
		expect(sandbox.createCalls()).toHaveLength(DURING_RESTART.length);
	}, MAX_WAIT_MINUTES * 60_000 + 300_000);
});
