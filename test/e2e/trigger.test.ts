// The LiangXin Trigger in a real n8n: workflow B (examples/callback-on-image-ready.json) is published
// and listens; workflow A (examples/callback-create-tasks.json) creates tasks with B's production URL.
import type { Sandbox } from '../../scripts/sandbox/index';
import type { N8nInstance } from './runtime';
import { SETUP_TIMEOUT_MS, useRealN8n, type Credential } from './suite';
import { example, nodeNamed } from './workflows';

const TOKEN = 'e2e-callback-token-4b1d';
const WEBHOOK_PATH = 'webhook/liangxin-images-ready/liangxin';

let sandbox: Sandbox;
let n8n: N8nInstance;
let good: Credential;
let workflowB: string;
let callbackUrl: string;

const realN8n = useRealN8n('e2e-trigger', { sandboxOptions: { taskDurationMs: 1000, callbackRepeats: 2, callbackDelayMs: 300 } });

beforeAll(async () => {
	({ sandbox, n8n } = realN8n());
	[good] = realN8n().credentials;
	const onImageReady = example('callback-on-image-ready.json', good);
	nodeNamed(onImageReady, 'LiangXin Trigger').parameters.token = TOKEN;
	workflowB = await n8n.importWorkflow(onImageReady);
	await n8n.publishWorkflow(workflowB);
	const baseUrl = await n8n.start();
	await n8n.rest.setupOwnerAndLogin();
	callbackUrl = `${baseUrl}/${WEBHOOK_PATH}`;
}, SETUP_TIMEOUT_MS);

interface ExecutionSummary {
	id: string;
	status: string;
}

async function executionsOfB(): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: workflowB }));
	const answer = await n8n.rest.ok('GET', `/rest/executions?filter=${filter}`);
	return answer.data.results as ExecutionSummary[];
}

/** Waits until B has `count` executions, then a little longer to see that no other one comes. */
async function settledExecutionsOfB(count: number): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + 20_000;
	while ((await executionsOfB()).length < count && Date.now() < deadline) await sleep(250);
	await sleep(2000);
	return await executionsOfB();
}

const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

async function executionData(id: string): Promise<string> {
	return JSON.stringify(await n8n.rest.ok('GET', `/rest/executions/${id}`));
}

/** A task created straight on the sandbox, and the recordInfo body LiangXin would POST for it. */
async function createTaskDirectly(prompt: string) {
	const headers = { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' };
	const created = await fetch(`${sandbox.baseUrl}/api/v1/jobs/createTask`, {
		method: 'POST',
		headers,
		body: JSON.stringify({ model: 'nano-banana-pro', input: { prompt } }),
	});
	const taskId = ((await created.json()) as { data: { taskId: string } }).data.taskId;
	const record = await fetch(`${sandbox.baseUrl}/api/v1/jobs/recordInfo?taskId=${taskId}`, { headers });
	return { taskId, body: (await record.json()) as { data: Record<string, unknown> } };
}

test('workflow A creates tasks with B\'s URL; each callback arrives twice; B runs once per task', async () => {
	const before = (await executionsOfB()).length;
	const createTasks = example('callback-create-tasks.json', good);
	nodeNamed(createTasks, 'Create Task').parameters.callbackUrl = `${callbackUrl}?token=${TOKEN}`;
	const result = await n8n.execute(await n8n.importWorkflow(createTasks));
	expect(result.error).toBeUndefined();
	const taskIds = result.items('Create Task').map((item) => item.json.taskId as string);
	expect(taskIds).toHaveLength(2);

	const deliveries = await sandbox.waitForCallbacks(4, 30_000);
	expect(deliveries.map((entry) => entry.status)).toEqual([200, 200, 200, 200]);
	expect(deliveries.map((entry) => entry.taskId).sort()).toEqual([...taskIds, ...taskIds].sort());

	const executions = await settledExecutionsOfB(before + 2);
	expect(executions).toHaveLength(before + 2);
	const data = await Promise.all(executions.slice(0, 2).map(async (execution) => await executionData(execution.id)));
	for (const taskId of taskIds) expect(data.filter((text) => text.includes(taskId))).toHaveLength(1);
	// Verification is on in the example: the trigger asked the API about each task before emitting.
	for (const taskId of taskIds) {
		expect(sandbox.recordInfoCalls().filter((call) => call.query.taskId === taskId).length).toBeGreaterThanOrEqual(1);
	}
}, 120_000);

test('a callback with a wrong token gets 401 and starts nothing', async () => {
	const { body } = await createTaskDirectly('a picture for a wrong token');
	await sleep(1200);
	const before = (await executionsOfB()).length;
	for (const url of [`${callbackUrl}?token=not-the-token`, callbackUrl]) {
		const delivery = await sandbox.forgeCallback(url, body);
		expect(delivery.status).toBe(401);
	}
	expect(await settledExecutionsOfB(before)).toHaveLength(before);
}, 60_000);

test('a forged success for a task still running is not emitted when verification is on', async () => {
	const { taskId, body } = await createTaskDirectly('a [slow] picture');
	expect(body.data.state).not.toBe('success');
	const before = (await executionsOfB()).length;
	const forged = {
		code: 200,
		msg: 'success',
		data: { ...body.data, state: 'success', resultJson: JSON.stringify({ resultUrls: ['https://evil.example.com/x.png'] }) },
	};
	const delivery = await sandbox.forgeCallback(`${callbackUrl}?token=${TOKEN}`, forged);
	expect(delivery.status).toBe(200);
	expect(JSON.parse(String(delivery.response))).toMatchObject({ started: false, reason: expect.stringMatching(/^task is (waiting|queuing|generating)$/) });
	expect(sandbox.recordInfoCalls().at(-1)?.query.taskId).toBe(taskId);
	expect(await settledExecutionsOfB(before)).toHaveLength(before);
}, 60_000);
