// The packed package inside a real n8n 2.41.1, against the LiangXin sandbox running in this process.
// Workflows run with `n8n execute` (~5 s each); one `n8n start` serves the REST cases at the end.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Sandbox } from '../../tools/sandbox';
import { startRecordingServer } from '../helpers/recordingServer';
import { runtime, type ExecutionResult, type N8nInstance, type OutputItem } from './runtime';
import { SETUP_TIMEOUT_MS, useRealN8n, type Credential } from './suite';
import {
	NODE_TYPE,
	chain,
	example,
	itemsNodes,
	liangXinNode,
	manualTrigger,
	nodeNamed,
	type Workflow,
} from './workflows';

const WRONG_KEY = 'wrong-key-e2e-7f3a9c51';
const LIANGXIN = 'LiangXin';

let sandbox: Sandbox;
let n8n: N8nInstance;
let good: Credential;
let wrong: Credential;
const workflowIds: Record<string, string> = {};

const prompts = ['a red fox in the snow', 'a lighthouse at dusk', 'a bowl of ramen, top view'];

/** The workflows of the execute cases, imported together in beforeAll (one CLI start instead of five). */
function suiteWorkflows(): Record<string, Workflow> {
	const createThenGet = example('create-then-get.json', good);
	nodeNamed(createThenGet, 'Wait').parameters = { amount: 3, unit: 'seconds' }; // sandbox tasks take 1.5 s
	return {
		createAndWait: chain('e2e create and wait', [
			manualTrigger(),
			...itemsNodes('Prompts', prompts.map((prompt) => ({ prompt }))),
			liangXinNode(LIANGXIN, { operation: 'createAndWait', prompt: '={{ $json.prompt }}', resolution: '1K' }, good),
		]),
		createThenGet,
		validation: chain('e2e validation', [
			manualTrigger(),
			liangXinNode(LIANGXIN, { operation: 'createAndWait', prompt: 'x' }, good),
		]),
		wrongKey: chain('e2e wrong key', [
			manualTrigger(),
			liangXinNode(LIANGXIN, { operation: 'createAndWait', prompt: 'a cat with the wrong key' }, wrong),
		]),
		continueOnFail: chain('e2e continue on fail', [
			manualTrigger(),
			...itemsNodes('Prompts', [{ prompt: 'first fine prompt' }, { prompt: '[fail] a doomed prompt' }, { prompt: 'third fine prompt' }]),
			liangXinNode(
				LIANGXIN,
				{ operation: 'createAndWait', prompt: '={{ $json.prompt }}' },
				good,
				{ onError: 'continueRegularOutput' },
			),
		]),
	};
}

const realN8n = useRealN8n('e2e', { apiKeys: [undefined, WRONG_KEY] });

beforeAll(async () => {
	({ sandbox, n8n } = realN8n());
	[good, wrong] = realN8n().credentials;
	const workflows = suiteWorkflows();
	const ids = await n8n.importWorkflows(Object.values(workflows));
	Object.keys(workflows).forEach((key, index) => (workflowIds[key] = ids[index]));
}, SETUP_TIMEOUT_MS);

async function execute(key: string): Promise<ExecutionResult> {
	return await n8n.execute(workflowIds[key]);
}

function pairedIndex(item: OutputItem): number | undefined {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return paired?.item;
}

async function expectImageFromSandbox(item: OutputItem) {
	const taskId = item.json.taskId as string;
	const binary = item.binary?.data;
	expect(binary).toMatchObject({ mimeType: 'image/png', fileName: `${taskId}-1.png` });
	const bytes = n8n.readBinary(binary!);
	expect(bytes.equals(await sandbox.imageBytes(taskId))).toBe(true);
	expect(runtime.imageSize(bytes)?.format).toBe('png');
}

describe('workflows run with n8n execute', () => {
	test('(a) Create & Wait turns 3 items into 3 images, each paired to its input', async () => {
		const result = await execute('createAndWait');

		expect(result.error).toBeUndefined();
		expect(result.ok).toBe(true);
		const items = result.items(LIANGXIN);
		expect(items).toHaveLength(3);
		for (const [index, item] of items.entries()) {
			expect(pairedIndex(item)).toBe(index);
			expect(item.json).toMatchObject({ model: 'nano-banana-pro', state: 'success', status: 'success' });
			expect(item.json.input).toMatchObject({ prompt: prompts[index], resolution: '1K' });
			expect(sandbox.tasks.get(item.json.taskId)?.body.input.prompt).toBe(prompts[index]);
			await expectImageFromSandbox(item);
		}

		const creates = sandbox.createCalls();
		expect(creates).toHaveLength(3);
		expect(creates.every((call) => call.authorized && call.status === 200)).toBe(true);
		expect(creates.map((call) => (call.body as any).input.prompt).sort()).toEqual([...prompts].sort());
		const taskIds = items.map((item) => item.json.taskId);
		expect(new Set(sandbox.recordInfoCalls().map((call) => call.taskId))).toEqual(new Set(taskIds));
		expect(sandbox.imageCalls()).toHaveLength(3);
	});

	test('(b) Create Task, then Get Task (examples/create-then-get.json) returns the same task, finished', async () => {
		const result = await execute('createThenGet');

		expect(result.error).toBeUndefined();
		const [created] = result.items('Create Task');
		expect(created.json).toMatchObject({ model: 'nano-banana-pro' });
		expect(created.json.taskId).toMatch(/^task_nano-banana-pro_/);
		expect(created.binary).toBeUndefined();
		const fetched = result.items('Get Task');
		expect(fetched).toHaveLength(1);
		expect(fetched[0].json).toMatchObject({ taskId: created.json.taskId, state: 'success', status: 'success' });
		expect(pairedIndex(fetched[0])).toBe(0);
		await expectImageFromSandbox(fetched[0]); // the example turns Download Images on

		expect(sandbox.createCalls()).toHaveLength(1);
		const reads = sandbox.recordInfoCalls();
		expect(reads).toHaveLength(1);
		expect(reads[0]).toMatchObject({ taskId: created.json.taskId, status: 200, authorized: true });
		expect(reads[0].at).toBeGreaterThanOrEqual(sandbox.tasks.get(created.json.taskId)!.completeAt);
	});

	test('(c) an invalid prompt fails before anything is sent, with a message naming the field', async () => {
		const result = await execute('validation');

		expect(result.ok).toBe(false);
		expect(result.exitCode).not.toBe(0);
		expect(result.error?.message).toBe('Item 0: Prompt (input.prompt) must be 2 to 3000 characters (got 1)');
		expect(result.error?.node).toMatchObject({ name: LIANGXIN, type: NODE_TYPE });
		expect(result.nodeError(LIANGXIN)?.message).toBe(result.error?.message);
		expect(sandbox.createCalls()).toHaveLength(0);
		expect(sandbox.log).toHaveLength(0);
	});

	test('(d) a wrong API key fails with the status and the fix, without leaking the key', async () => {
		const result = await execute('wrongKey');

		expect(result.ok).toBe(false);
		expect(result.error?.message).toMatch(/LiangXin API error 401: invalid token/);
		expect(result.error?.description).toMatch(/Check the API key in the LiangXin API credential/);
		expect(JSON.stringify(result.run)).not.toContain(WRONG_KEY);
		expect(fs.readFileSync(n8n.logFile, 'utf8')).not.toContain(WRONG_KEY);

		const creates = sandbox.createCalls();
		expect(creates).toHaveLength(1);
		expect(creates[0]).toMatchObject({ status: 401, authorized: false });
		expect(sandbox.tasks.size).toBe(0);
	});

	test('(e) with Continue On Fail a failed task becomes an error item between two images', async () => {
		const result = await execute('continueOnFail');

		expect(result.error).toBeUndefined();
		const items = result.items(LIANGXIN);
		expect(items.map(pairedIndex)).toEqual([0, 1, 2]);
		await expectImageFromSandbox(items[0]);
		await expectImageFromSandbox(items[2]);
		expect(items[0].json.status).toBe('success');
		expect(items[2].json.status).toBe('success');

		const failed = items[1];
		expect(failed.binary).toBeUndefined();
		expect(failed.json.error).toMatch(/^LiangXin task task_nano-banana-pro_\S+ failed: 422/);
		const failedTask = sandbox.tasks.get(failed.json.taskId);
		expect(failedTask).toMatchObject({ finalState: 'fail', failCode: '422' });
		expect(failedTask?.body.input.prompt).toBe('[fail] a doomed prompt');

		expect(sandbox.createCalls()).toHaveLength(3);
		expect(sandbox.imageCalls()).toHaveLength(2);
	});

	test('zod resolves from n8n itself: the package ships no dependencies, and its zod validation ran in (c)', () => {
		const { dir } = n8n.installedPackage;
		const installed = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
		expect(installed.dependencies ?? {}).toEqual({});
		expect(fs.existsSync(path.join(dir, 'node_modules'))).toBe(false);
		expect(fs.existsSync(path.join(n8n.n8nFolder, 'nodes', 'node_modules', 'zod'))).toBe(false);
	});
});

describe('n8n start: the REST API', () => {
	beforeAll(async () => {
		await n8n.start();
		await n8n.rest.setupOwnerAndLogin();
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await n8n?.stop();
	}, 60_000);

	/** POST /rest/credentials/test as the editor sends it: a saved credential's id with the form's data. */
	async function testCredential(credential: { id: string; name: string }, apiKey: string, baseUrl = sandbox.baseUrl) {
		const { status, body } = await n8n.rest.request('POST', '/rest/credentials/test', {
			credentials: { id: credential.id, name: credential.name, type: 'liangXinApi', data: { apiKey, baseUrl } },
		});
		expect(status).toBe(200);
		return body.data as { status: 'OK' | 'Error'; message: string };
	}

	test('(f) the credential test accepts the good key and explains a refused one', async () => {
		expect(await testCredential(good, sandbox.apiKey)).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.log.length).toBeGreaterThan(0);
		expect(sandbox.log.every((entry) => entry.authorized)).toBe(true);
		expect(sandbox.createCalls()).toHaveLength(0); // testing a key must not create (and bill) a task

		sandbox.reset();
		const refused = await testCredential(wrong, WRONG_KEY);
		expect(refused).toEqual({ status: 'Error', message: 'The API key was refused (HTTP 401). Check the API key.' });
		expect(sandbox.log.length).toBeGreaterThan(0);
		expect(sandbox.log.every((entry) => !entry.authorized && entry.status === 401)).toBe(true);
	});

	test('(f) the credential test tells denied access, a host that is not LiangXin and an unreachable host apart', async () => {
		sandbox.configure({ accessDenied: true });
		const denied = await testCredential(good, sandbox.apiKey);
		sandbox.configure({ accessDenied: false });
		expect(denied).toEqual({
			status: 'Error',
			message: 'The API key is valid but access is denied or the quota is used up (HTTP 403). Check your LiangXin account.',
		});

		const notLiangXin = await startRecordingServer((_request, response) => response.writeHead(404).end('<html>nginx</html>'));
		try {
			expect(await testCredential(good, sandbox.apiKey, notLiangXin.url)).toEqual({
				status: 'Error',
				message: 'The Base URL answered, but not like LiangXin. Check the Base URL.',
			});
			expect(notLiangXin.received).toHaveLength(1);
		} finally {
			await notLiangXin.close();
		}

		// n8n 2.x shows the network code, n8n 1.x its own sentence for it.
		expect(await testCredential(good, sandbox.apiKey, 'http://127.0.0.1:1')).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^(ECONNREFUSED|The service refused the connection - perhaps it is offline)$/),
		});
	});

	test('the credential test does not send the key across origins on a redirect', async () => {
		const otherHost = await startRecordingServer((_request, response) => response.writeHead(200).end('<html>elsewhere</html>'));
		const redirecting = await startRecordingServer((_request, response) => response.writeHead(302, { location: `${otherHost.url}/` }).end());
		try {
			const verdict = await testCredential(good, sandbox.apiKey, redirecting.url);

			expect(redirecting.received.map((headers) => headers.authorization)).toEqual([`Bearer ${sandbox.apiKey}`]);
			expect(otherHost.received).toHaveLength(1);
			expect(otherHost.received[0].authorization).toBeUndefined();
			expect(verdict.status).toBe('Error');
		} finally {
			await otherHost.close();
			await redirecting.close();
		}
	});

	test('(f) a credential created through the REST API tests the same way', async () => {
		const created = await n8n.rest.ok('POST', '/rest/credentials', {
			name: 'LiangXin via REST',
			type: 'liangXinApi',
			data: { apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl },
		});
		const credential = { id: created.data.id as string, name: created.data.name as string };
		expect((await testCredential(credential, sandbox.apiKey)).status).toBe('OK');
		expect((await testCredential(credential, WRONG_KEY)).status).toBe('Error');
	});

	test('(g) n8n lists the node and its AI tool variant', async () => {
		const { status, body } = await n8n.rest.request('GET', '/types/nodes.json');
		expect(status).toBe(200);
		const types = body as Array<{ name: string; outputs: unknown; properties: Array<{ name: string; options?: any[] }> }>;
		const node = types.find((type) => type.name === NODE_TYPE);
		const tool = types.find((type) => type.name === `${NODE_TYPE}Tool`);
		expect(node).toBeDefined();
		expect(tool).toBeDefined();
		expect(JSON.stringify(tool!.outputs)).toContain('ai_tool');
		const aspectRatio = node!.properties.find((property) => property.name === 'aspectRatio');
		expect(aspectRatio?.options?.map((option) => option.value)).toEqual([
			'1:1', '2:3', '3:2', '4:3', '3:4', '5:4', '4:5', '16:9', '9:16', '21:9',
		]);
		const credentials = (await n8n.rest.request('GET', '/types/credentials.json')).body as Array<{ name: string }>;
		expect(credentials.map((credential) => credential.name)).toContain('liangXinApi');
	});
});
