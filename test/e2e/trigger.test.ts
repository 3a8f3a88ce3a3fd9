// The LiangXin Trigger in a real n8n: workflow B (examples/callback-on-image-ready.json, trigger version
// 1.1) is published and listens; workflow A (examples/callback-create-tasks.json) creates tasks with B's
// production URL. Workflow V1 is B as a trigger of version 1 saved with its defaults (no verification).
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import type { Sandbox } from '../../tools/sandbox';
import { startFakeServer, type FakeServer } from '../helpers/fakeServer';
import { executionsOf, type ExecutionSummary } from './queue/executions';
import type { N8nInstance } from './runtime';
import { SETUP_TIMEOUT_MS, useRealN8n, type Credential } from './suite';
import { example, nodeNamed } from './workflows';

const TOKEN = 'e2e-callback-token-4b1d';
const WEBHOOK_PATH = 'webhook/liangxin-images-ready/liangxin';
const V1_WEBHOOK_PATH = 'webhook/liangxin-images-ready-v1/liangxin';

let sandbox: Sandbox;
let n8n: N8nInstance;
let good: Credential;
let workflowB: string;
let workflowV1: string;
let callbackUrl: string;
let v1CallbackUrl: string;
/** An address inside the network that a forged callback names as its result. */
let internal: FakeServer;

const realN8n = useRealN8n('e2e-trigger', { sandboxOptions: { taskDurationMs: 1000, callbackRepeats: 2, callbackDelayMs: 300 } });

beforeAll(async () => {
	({ sandbox, n8n } = realN8n());
	[good] = realN8n().credentials;
	const onImageReady = example('callback-on-image-ready.json', good);
	const trigger = nodeNamed(onImageReady, 'LiangXin Trigger');
	trigger.parameters.token = TOKEN;
	// Saved as the editor saves a default: absent. Version 1.1 must then verify.
	delete trigger.parameters.verifyWithApi;
	workflowB = await n8n.importWorkflow(onImageReady);
	await n8n.publishWorkflow(workflowB);

	const v1 = example('callback-on-image-ready.json', good);
	v1.name += ' (trigger version 1)';
	const v1Trigger = nodeNamed(v1, 'LiangXin Trigger');
	Object.assign(v1Trigger, { id: randomUUID(), typeVersion: 1, webhookId: 'liangxin-images-ready-v1' });
	v1Trigger.parameters = { token: TOKEN, options: { downloadImages: true } };
	workflowV1 = await n8n.importWorkflow(v1);
	await n8n.publishWorkflow(workflowV1);

	internal = await startFakeServer();
	const baseUrl = await n8n.start();
	await n8n.rest.setupOwnerAndLogin();
	callbackUrl = `${baseUrl}/${WEBHOOK_PATH}`;
	v1CallbackUrl = `${baseUrl}/${V1_WEBHOOK_PATH}`;
}, SETUP_TIMEOUT_MS);

afterAll(async () => await internal?.close());

const executionsOfB = async () => await executionsOf(n8n, workflowB);

/** Waits until a workflow (B unless named) has `count` executions, then a little longer to see that no other one comes. */
async function settledExecutions(count: number, workflowId = workflowB): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + 20_000;
	while ((await executionsOf(n8n, workflowId)).length < count && Date.now() < deadline) await sleep(250);
	await sleep(2000);
	return await executionsOf(n8n, workflowId);
}

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
	expect(deliveries.map((entry) => entry.taskId).sort()).toEqual([...taskIds, ...taskIds].sort());
	// A copy that arrives while the first is still being handled gets 503 (LiangXin delivers it again).
	for (const taskId of taskIds) {
		const statuses = deliveries.filter((entry) => entry.taskId === taskId).map((entry) => entry.status);
		expect(statuses).toContain(200);
		expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
	}

	const executions = await settledExecutions(before + 2);
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
	expect(await settledExecutions(before)).toHaveLength(before);
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
	expect(await settledExecutions(before)).toHaveLength(before);
}, 60_000);

describe('a forged callback never makes n8n fetch a URL', () => {
	/** A finished task's genuine body, its result URL swapped for the internal address. */
	async function forgedCallback(prompt: string) {
		const { taskId } = await createTaskDirectly(prompt);
		await sleep(1200);
		const record = await fetch(`${sandbox.baseUrl}/api/v1/jobs/recordInfo?taskId=${taskId}`, { headers: { authorization: `Bearer ${sandbox.apiKey}` } });
		const body = (await record.json()) as { data: Record<string, unknown> };
		expect(body.data.state).toBe('success');
		const forged = { ...body, data: { ...body.data, resultJson: JSON.stringify({ resultUrls: [`${internal.url}/latest/meta-data`] }) } };
		return { taskId, forged };
	}

	test("version 1.1 verifies by default and downloads only LiangXin's images", async () => {
		const { taskId, forged } = await forgedCallback('a picture with a forged result');
		const before = (await executionsOfB()).length;
		const delivery = await sandbox.forgeCallback(`${callbackUrl}?token=${TOKEN}`, forged);
		expect(delivery.status).toBe(200);
		const executions = await settledExecutions(before + 1);
		expect(executions).toHaveLength(before + 1);
		const data = await executionData(executions[0].id);
		expect(data).toContain(taskId);
		expect(data).toContain(sandbox.tasks.get(taskId)!.resultUrls[0]);
		expect(data).not.toContain('latest/meta-data');
		expect(internal.requests).toEqual([]);
	}, 60_000);

	test('version 1 keeps its stored default (no verification): emits the forged body as data, downloads nothing', async () => {
		const { taskId, forged } = await forgedCallback('a picture for an old trigger');
		const before = (await executionsOf(n8n, workflowV1)).length;
		const recordInfoCalls = () => sandbox.recordInfoCalls().filter((call) => call.query.taskId === taskId).length;
		const asked = recordInfoCalls();
		const delivery = await sandbox.forgeCallback(`${v1CallbackUrl}?token=${TOKEN}`, forged);
		expect(delivery.status).toBe(200);
		const executions = await settledExecutions(before + 1, workflowV1);
		expect(executions).toHaveLength(before + 1);
		const data = await executionData(executions[0].id);
		expect(data).toContain(taskId);
		expect(data).toContain(`${internal.url}/latest/meta-data`);
		expect(recordInfoCalls()).toBe(asked);
		expect(internal.requests).toEqual([]);
	}, 60_000);
});
