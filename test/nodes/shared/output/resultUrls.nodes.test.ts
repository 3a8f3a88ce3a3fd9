// Every node that downloads results refuses a result URL on loopback outside the Base URL's origin,
// also behind a redirect, unless Allow Local Result URLs (Testing) is on. Real HTTP, loopback only:
// the fake API (the Base URL) and a second loopback server on another port, which must get nothing.
import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { LiangXinApi } from '../../../../credentials/LiangXinApi.credentials';
import { LiangXinNanoBananaPro } from '../../../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import { LiangXinTrigger } from '../../../../nodes/LiangXinTrigger/LiangXinTrigger.node';
import { settledItems } from '../../../../nodes/shared/actions/wait/pausedTasks';
import { LiangXinClient } from '../../../../nodes/shared/transport/client';
import { startFakeServer, successfulTask, type FakeServer } from '../../../helpers/fakeServer';
import { runNanoBanana, visibleText } from '../../../helpers/liangxin';
import { executeContext, n8nEnvironment, runWebhook } from '../../../helpers/n8n';

// About what the node outputs, not when it polls: its poll schedule runs on a faster clock.
jest.mock('../../../../nodes/shared/tasks/polling', () => jest.requireActual('../../../helpers/pollTimeScale').scaledPolling());

const API_KEY = 'sk-result-url-secret';
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(300, 5)]);
const OPTION = 'Allow Local Result URLs (Testing)';

let api: FakeServer;
let other: FakeServer;
/** Result URLs by task; a created task gets `nextResultUrls`. */
const tasks: Record<string, string[]> = {};
let nextResultUrls: string[] = [];
let created = 0;

beforeAll(async () => {
	other = await startFakeServer((_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
	api = await startFakeServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://api');
		const hops = /^\/files\/hops\/(\d+)\.png$/.exec(url.pathname);
		const json = (body: unknown) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
		if (url.pathname === '/api/v1/jobs/createTask') {
			const taskId = `task_nano-banana-pro_${++created}`;
			tasks[taskId] = nextResultUrls;
			return void json({ code: 200, msg: 'success', data: { taskId } });
		}
		if (url.pathname === '/api/v1/jobs/recordInfo') {
			const taskId = url.searchParams.get('taskId') ?? '';
			return void json(successfulTask(taskId, tasks[taskId] ?? []));
		}
		if (url.pathname === '/files/to-other.png') return void response.writeHead(302, { location: `${other.url}/secret.png` }).end();
		if (hops && hops[1] !== '0') return void response.writeHead(302, { location: `/files/hops/${Number(hops[1]) - 1}.png` }).end();
		if (url.pathname === '/files/page.png') {
			return void response.writeHead(200, { 'content-type': 'text/x-internal-build-42' }).end('<html>admin console</html>');
		}
		response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
	});
});
afterAll(async () => {
	await api.close();
	await other.close();
});
beforeEach(() => {
	api.requests.length = 0;
	other.requests.length = 0;
});

const fileRequests = () => api.requests.filter((request) => request.url.startsWith('/files/'));
const credentials = () => ({ apiKey: API_KEY, baseUrl: api.url });
const refusedOtherOrigin = () =>
	`Refused to download a result of LiangXin task task_a from ${other.url}/secret.png: its host 127.0.0.1 is a loopback address (127.0.0.0/8)`;

async function getTask(resultUrl: string, options: INodeParameters = {}) {
	tasks.task_a = [resultUrl];
	return await runNanoBanana(credentials(), {
		parameters: { operation: 'getTask', taskId: 'task_a', options: { downloadImages: true, ...options } },
	});
}

describe('Get Task', () => {
	test(`a result on another loopback origin is refused unless ${OPTION} is on`, async () => {
		const refused = await getTask(`${other.url}/secret.png`);
		expect(refused.error?.message).toBe(refusedOtherOrigin());
		expect((refused.error as Error & { description: string }).description).toContain(`turn on ${OPTION}`);
		expect(other.requests).toEqual([]);

		const allowed = await getTask(`${other.url}/secret.png`, { allowLocalResultUrls: true });
		expect(allowed.error).toBeUndefined();
		expect((await allowed.binary(0)).equals(PNG)).toBe(true);
		expect(other.requests).toHaveLength(1);
		expect(other.requests[0].headers.authorization).toBeUndefined();
	});

	test("a result on the Base URL's origin that redirects to another loopback origin is refused at the hop", async () => {
		const result = await getTask(`${api.url}/files/to-other.png`);
		expect(result.output).toEqual([]);
		expect(result.error?.message).toBe(
			`Refused to download a result of LiangXin task task_a from ${other.url}/secret.png (a redirect of ${api.url}/files/to-other.png): its host 127.0.0.1 is a loopback address (127.0.0.0/8)`,
		);
		expect(other.requests).toEqual([]);
	});

	test("follows up to 5 redirects on the Base URL's origin, refuses a 6th; no hop gets the key", async () => {
		const five = await getTask(`${api.url}/files/hops/5.png`);
		expect(five.error).toBeUndefined();
		expect((await five.binary(0)).equals(PNG)).toBe(true);
		expect(fileRequests().map((request) => request.url)).toEqual([5, 4, 3, 2, 1, 0].map((n) => `/files/hops/${n}.png`));

		api.requests.length = 0;
		const six = await getTask(`${api.url}/files/hops/6.png`);
		expect(six.output).toEqual([]);
		expect(six.error?.message).toBe(`Could not download a result of LiangXin task task_a (${api.url}/files/hops/6.png): more than 5 redirects`);
		expect(fileRequests()).toHaveLength(6);
		expect(fileRequests().every((request) => request.headers.authorization === undefined)).toBe(true);
	});

	test('a non-image answer: the error names the task and the URL without query, says "not an image", quotes nothing the server sent', async () => {
		const result = await getTask(`${api.url}/files/page.png?token=url-secret`);
		expect(result.error?.message).toBe(
			`Result 1 of LiangXin task task_a (${api.url}/files/page.png) is not an image: its first bytes are not those of a PNG, JPG, WEBP, GIF image`,
		);
		const shown = visibleText(result);
		for (const echoed of ['x-internal-build-42', 'admin console', 'url-secret']) expect(shown).not.toContain(echoed);
	});
});

test('Create & Wait (Poll): the refusal is an error item naming the task; with the option on, the image', async () => {
	nextResultUrls = [`${other.url}/secret.png`];
	const run = async (options: INodeParameters) =>
		await runNanoBanana(credentials(), { parameters: { operation: 'createAndWait', prompt: 'a fox', options }, continueOnFail: true });
	const refused = await run({});
	expect(refused.output).toEqual([
		{ json: expect.objectContaining({ error: expect.stringMatching(/^Refused to download a result of LiangXin task task_nano-banana-pro_\d+ from .*loopback/) }), pairedItem: { item: 0 } },
	]);
	expect(refused.output[0].json.taskId).toMatch(/^task_nano-banana-pro_\d+$/);
	expect(other.requests).toEqual([]);

	const allowed = await run({ allowLocalResultUrls: true });
	expect((await allowed.binary(0)).equals(PNG)).toBe(true);
});

test('Create & Wait (Pause Until Callback): at the callback, the refusal is the error item of that task; allowed as saved with the pause, the image', async () => {
	await n8nEnvironment();
	tasks.task_paused = [`${other.url}/secret.png`];
	// The options are read per item before the pause and kept with it: the callback reads none.
	const settle = async (allowLocalHosts: boolean) => {
		const context = executeContext({
			node: new LiangXinNanoBananaPro(),
			parameters: { operation: 'createAndWait', waitMode: 'pause', options: { allowLocalResultUrls: !allowLocalHosts } },
			credentials: { liangXinApi: credentials() },
			credentialTypes: [new LiangXinApi()],
		});
		const items = [{ taskId: 'task_paused', download: true, includeRaw: false, binaryPropertyPrefix: 'data', maxBytes: 1024 * 1024, allowLocalHosts }];
		return await settledItems(context, await LiangXinClient.connect(context), items);
	};
	const refused = await settle(false);
	expect(refused?.[0].json).toMatchObject({ taskId: 'task_paused', error: expect.stringMatching(/^Refused to download .* loopback address/) });
	expect(refused?.[0].binary).toBeUndefined();
	expect(other.requests).toEqual([]);

	const allowed = await settle(true);
	expect(allowed?.[0].binary?.data).toMatchObject({ mimeType: 'image/png' });
});

test('LiangXin Trigger (verifying): the callback is answered 503 and nothing is fetched; with the option on, emitted with the image', async () => {
	tasks.task_called_back = [`${other.url}/secret.png`];
	const deliver = async (options: INodeParameters) =>
		await runWebhook({
			node: new LiangXinTrigger(),
			parameters: { options: { downloadImages: true, ...options } },
			request: { body: successfulTask('task_called_back', []) },
			credentials: { liangXinApi: credentials() },
			credentialTypes: [new LiangXinApi()],
		});
	const refused = await deliver({});
	expect(refused.answered?.status).toBe(503);
	expect(refused.emitted).toEqual([]);
	expect(refused.logs.join('\n')).toContain('Refused to download a result of LiangXin task task_called_back');
	expect(other.requests).toEqual([]);

	const allowed = await deliver({ allowLocalResultUrls: true });
	expect(allowed.emitted).toHaveLength(1);
	expect((await allowed.binary(0)).equals(PNG)).toBe(true);
});

test(`${OPTION} is offered wherever results are downloaded: Create & Wait, Get Task and the trigger`, () => {
	const optionNames = (properties: INodeProperties[], operation?: string) =>
		properties
			.filter((property) => property.name === 'options')
			.filter((property) => !operation || property.displayOptions?.show?.operation?.includes(operation))
			.flatMap((property) => (property.options ?? []).map((option) => (option as INodeProperties).name));
	const node = new LiangXinNanoBananaPro().description.properties;
	for (const names of [optionNames(node, 'createAndWait'), optionNames(node, 'getTask'), optionNames(new LiangXinTrigger().description.properties)]) {
		expect(names).toContain('allowLocalResultUrls');
	}
});
