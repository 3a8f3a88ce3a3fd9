// Create & Wait in Wait Mode Pause Until Callback, in a real n8n: a published workflow (Webhook -> 5
// prompts -> LiangXin -> Results / Max Wait Reached) started over HTTP; the sandbox calls back the
// execution's resume URL. Callbacks that never arrive: pause-max-wait.test.ts.
import { startFakeServer, successfulTask, type FakeServer } from '../helpers/fakeServer';
import type { Sandbox } from '../../tools/sandbox';
import { CALLBACK_TIME_LIMIT_MS } from '../../nodes/shared/tasks/callbackAnswer';
import { MAX_HELD_CALLBACKS } from '../../nodes/shared/actions/wait/resumeGate';
import { noOp, pauseRuns, pauseWorkflow, startPublished } from './pauseRuns';
import { executionDetails, executionsOf, settledExecutions } from './queue/executions';
import type { N8nInstance, OutputItem } from './runtime';
import { SETUP_TIMEOUT_MS, useRealN8n } from './suite';

const PROMPTS = ['a red kite', 'a blue door', 'a green pear', 'a white swan', 'a black cat'];

let sandbox: Sandbox;
let n8n: N8nInstance;
let apiKey: string;
let workflows: Record<string, string>;
let runs: ReturnType<typeof pauseRuns>;

const realN8n = useRealN8n('e2e-pause', { sandboxOptions: { taskDurationMs: 4000, callbackRepeats: 2, callbackDelayMs: 300 } });

beforeAll(async () => {
	({ sandbox, n8n } = realN8n());
	const workflow = (path: string, options: Record<string, unknown>, prompts = PROMPTS) =>
		pauseWorkflow(path, realN8n().credentials[0], { options, prompts, maxWaitReached: [noOp('Max Wait Reached')] });
	const definitions = {
		pause: workflow('pause', { allowLocalCallbackUrl: true, maxWaitMinutes: 5 }),
		raw: workflow('raw', { allowLocalCallbackUrl: true, maxWaitMinutes: 5, includeRaw: true, downloadImages: false }, PROMPTS.slice(0, 2)),
		guarded: workflow('guarded', {}),
		failing: workflow('failing', { allowLocalCallbackUrl: true, maxWaitMinutes: 5 }, ['a fine one', '[fail] a doomed one']),
	};
	({ workflowIds: workflows, apiKey, runs } = await startPublished(n8n, definitions));
}, SETUP_TIMEOUT_MS);

async function expectSandboxImages(items: OutputItem[]) {
	expect(items.map((item) => item.json.input?.prompt)).toEqual(PROMPTS);
	expect(items.map((item) => item.pairedItem)).toEqual(PROMPTS.map((_, item) => ({ item })));
	for (const item of items) {
		expect(item.json).toMatchObject({ status: 'success' });
		expect(n8n.readBinary(item.binary!.data).equals(await sandbox.imageBytes(item.json.taskId as string))).toBe(true);
	}
}

describe('Wait Mode Pause Until Callback in a real n8n', () => {
	test('5 items: waiting in the database while tasks render, one recordInfo before the first callback, one resume, the sandbox\'s images', async () => {
		const { id } = await runs.startRun('pause');
		await runs.untilPaused('pause', id, 30_000);
		expect(sandbox.createCalls()).toHaveLength(5);
		expect(sandbox.callbackCalls()).toHaveLength(0);
		// The check just before the pause stops at the first task still running.
		expect(sandbox.recordInfoCalls()).toHaveLength(1);

		await runs.untilStatus('pause', id, 'success', 60_000);
		const [execution] = await settledExecutions(n8n, workflows.pause, 1);
		expect(execution.id).toBe(id);
		const details = await executionDetails(n8n, apiKey, id);
		await expectSandboxImages(details.items('Results'));
		expect(details.ran('Max Wait Reached')).toBe(false);

		// Every callback arrived twice; exactly one resumed the execution. The others were told to wait on, told
		// to deliver again later (503: more callbacks of this pause than are held at once), or refused by n8n:
		// "already being resumed" (500) or "finished already" (409).
		const deliveries = await sandbox.waitForCallbacks(10, 30_000);
		const answers = deliveries.map(({ status, response }) =>
			status === 200 && String(response).includes('Workflow was started') ? 'resumed' : status === 200 ? JSON.parse(String(response)).resumed : status,
		);
		// Shown whole when it fails: which answers came back.
		expect({ answers, resumes: answers.filter((answer) => answer === 'resumed').length }).toMatchObject({ resumes: 1 });
		expect(answers.every((answer) => ['resumed', false, 409, 500, 503].includes(answer))).toBe(true);
		expect(await executionsOf(n8n, workflows.pause)).toHaveLength(1);
	});

	test('n8n killed during the wait and started again: callbacks after the restart complete it, 0 items lost', async () => {
		sandbox.configure({ taskDurationMs: 15_000, callbackRepeats: 1 });
		const { id } = await runs.killWhileWaiting('pause');
		const callBackUrl = new URL((sandbox.createCalls()[0].body as { callBackUrl: string }).callBackUrl);
		// The callbacks come while n8n is down: each is lost (LiangXin would retry it briefly).
		const lost = await sandbox.waitForCallbacks(5, 30_000);
		expect(lost.every((entry) => entry.status === null)).toBe(true);

		// The harness gives the restarted n8n a new port; the resume URL's path and signature are unchanged.
		const baseUrl = await n8n.start();
		await n8n.rest.setupOwnerAndLogin();
		expect(await runs.statusOf('pause', id)).toBe('waiting');
		const restarted = new URL(`${callBackUrl.pathname}${callBackUrl.search}`, baseUrl).toString();
		const retried = await sandbox.forgeCallback(restarted, { code: 200, msg: 'a retried callback' });
		expect(retried.status).toBe(200);

		await runs.untilStatus('pause', id, 'success', 60_000);
		await expectSandboxImages((await executionDetails(n8n, apiKey, id)).items('Results'));
		expect(sandbox.createCalls()).toHaveLength(5);
	}, 240_000);

	test('a pause whose check just before it fails (recordInfo 404 "task not found") still delivers every task on Results', async () => {
		sandbox.configure({ taskDurationMs: 4000, callbackRepeats: 1 });
		sandbox.queueFault({ path: 'recordInfo', status: 404, body: { code: 404, msg: 'task not found' } });
		const { id } = await runs.startRun('pause');
		await runs.untilPaused('pause', id, 30_000);
		expect(sandbox.pendingFaults()).toEqual([]);

		await runs.untilStatus('pause', id, 'success', 60_000);
		await expectSandboxImages((await executionDetails(n8n, apiKey, id)).items('Results'));
		expect(sandbox.createCalls()).toHaveLength(PROMPTS.length);
		expect(new Set(sandbox.createCalls().map((call) => call.taskId)).size).toBe(PROMPTS.length);
	});

	test('LiangXin answering 503 or nothing: callbacks get 503 with Retry-After within the time limit, those beyond the bound at once; the run still completes', async () => {
		sandbox.configure({ taskDurationMs: 30_000, callbackRepeats: 1 });
		const { id } = await runs.startRun('pause');
		await runs.untilPaused('pause', id, 30_000);
		const callBackUrl = (sandbox.createCalls()[0].body as { callBackUrl: string }).callBackUrl;
		const callback = async () => {
			const started = Date.now();
			const response = await fetch(callBackUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
			const body = (await response.json()) as { resumed?: boolean; reason?: string };
			return { status: response.status, retryAfter: response.headers.get('retry-after'), body, elapsedMs: Date.now() - started };
		};
		// Generous for a loaded 2-core machine; the retry policy would take minutes.
		const answeredWithinMs = CALLBACK_TIME_LIMIT_MS + 4000;

		sandbox.queueFault({ path: 'recordInfo', status: 503, times: 2 });
		const refusedByLiangXin = await callback();
		expect(refusedByLiangXin).toMatchObject({ status: 503, retryAfter: '10', body: { resumed: false } });
		expect(refusedByLiangXin.elapsedMs).toBeLessThan(answeredWithinMs);

		sandbox.configure({ slowResponseMs: 120_000 });
		const together = await Promise.all(Array.from({ length: MAX_HELD_CALLBACKS + 3 }, callback));
		console.log(`callbacks sent together while recordInfo hangs: ${JSON.stringify(together.map(({ status, elapsedMs }) => [status, elapsedMs]))}`);
		for (const answer of together) {
			expect(answer).toMatchObject({ status: 503, retryAfter: '10', body: { resumed: false } });
			expect(answer.elapsedMs).toBeLessThan(answeredWithinMs);
		}
		const atTheBound = together.filter(({ body }) => body.reason?.includes('other callbacks of this execution are being checked'));
		const held = together.filter((answer) => !atTheBound.includes(answer));
		expect(atTheBound).toHaveLength(3);
		for (const refused of atTheBound) expect(refused.elapsedMs).toBeLessThan(Math.min(...held.map(({ elapsedMs }) => elapsedMs)));
		expect(await runs.statusOf('pause', id)).toBe('waiting');

		// LiangXin answers again: the tasks' own callbacks resume the execution.
		sandbox.configure({ slowResponseMs: 0 });
		await runs.untilStatus('pause', id, 'success', 90_000);
		await expectSandboxImages((await executionDetails(n8n, apiKey, id)).items('Results'));
	}, 180_000);

	test('a failed task becomes an error item naming it, in its place, on Results', async () => {
		sandbox.configure({ taskDurationMs: 3000, callbackRepeats: 1 });
		const { id } = await runs.startRun('failing');
		await runs.untilStatus('failing', id, 'success', 60_000);
		const [fine, failed] = (await executionDetails(n8n, apiKey, id)).items('Results');
		expect(fine.json).toMatchObject({ status: 'success', input: { prompt: 'a fine one' } });
		const failedTaskId = [...sandbox.tasks.values()].find((task) => task.body.input.prompt.startsWith('[fail]'))!.taskId;
		expect(failed.json).toMatchObject({ taskId: failedTaskId, error: expect.stringContaining(`LiangXin task ${failedTaskId} failed`) });
		expect(failed.pairedItem).toEqual({ item: 1 });
	});

	test("Include Raw: the results show LiangXin's echo of the resume URL without its signature", async () => {
		sandbox.configure({ taskDurationMs: 3000, callbackRepeats: 1 });
		const { id } = await runs.startRun('raw');
		await runs.untilPaused('raw', id, 30_000);
		const signature = new URL((sandbox.createCalls()[0].body as { callBackUrl: string }).callBackUrl).searchParams.get('signature');
		expect(signature).toMatch(/^[0-9a-f]{64}$/);

		await runs.untilStatus('raw', id, 'success', 60_000);
		const results = (await executionDetails(n8n, apiKey, id)).items('Results');
		expect(results.map((item) => item.json.status)).toEqual(['success', 'success']);
		expect(JSON.stringify(results)).toContain('callback?signature=***');
		const response = await fetch(`${n8n.baseUrl}/api/v1/executions/${id}?includeData=true`, { headers: { 'x-n8n-api-key': apiKey } });
		const execution = (await response.json()) as { data: { resultData: unknown } };
		// Every node's output; n8n keeps the token itself apart from them, to check the callbacks.
		expect(JSON.stringify(execution.data.resultData)).not.toContain(signature);
	});

	describe('a callback is a hint: a forged body or a wrong signature changes nothing', () => {
		let internal: FakeServer;
		beforeAll(async () => (internal = await startFakeServer()));
		afterAll(async () => await internal.close());

		test('forged success with the right signature keeps waiting; wrong signature is refused by n8n', async () => {
			sandbox.configure({ taskDurationMs: 8000, callbackRepeats: 2 });
			const { id } = await runs.startRun('pause');
			await runs.untilPaused('pause', id, 30_000);
			const callBackUrl = (sandbox.createCalls()[0].body as { callBackUrl: string }).callBackUrl;
			expect(callBackUrl).toMatch(new RegExp(`/webhook-waiting/${id}/callback\\?signature=[0-9a-f]{64}$`));

			const [taskId] = sandbox.tasks.keys();
			const forged = successfulTask(taskId, [`${internal.url}/forged.png`]);
			const answered = await sandbox.forgeCallback(callBackUrl, forged);
			expect(answered.status).toBe(200);
			expect(JSON.parse(answered.response as string)).toMatchObject({ resumed: false });
			const wrong = await sandbox.forgeCallback(callBackUrl.replace(/signature=[0-9a-f]+/, `signature=${'0'.repeat(64)}`), forged);
			expect(wrong.status).toBe(401);
			expect(await runs.statusOf('pause', id)).toBe('waiting');

			await runs.untilStatus('pause', id, 'success', 60_000);
			await expectSandboxImages((await executionDetails(n8n, apiKey, id)).items('Results'));
			expect(internal.requests).toHaveLength(0);
		});
	});

	test('a local, plain-HTTP webhook URL is refused before any task is created, naming WEBHOOK_URL', async () => {
		const { id } = await runs.startRun('guarded');
		await runs.untilStatus('guarded', id, 'error', 30_000);
		const execution = await n8n.rest.ok('GET', `/rest/executions/${id}`);
		expect(JSON.stringify(execution)).toContain('LiangXin cannot call back this n8n');
		expect(JSON.stringify(execution)).toContain('WEBHOOK_URL');
		expect(sandbox.createCalls()).toHaveLength(0);
	});
});
