// Result URLs in a real n8n 2.41.1: a result on loopback that is not the Base URL's origin is refused
// unless Allow Local Result URLs (Testing) is on, and with n8n's own SSRF protection on, n8n refuses
// it whatever the option. Everything is on loopback: the API stand-in (the credential's Base URL, as
// http://localhost:<port>) and a file server on 127.0.0.1 and another port.
import { startFakeServer, successfulTask, type FakeServer } from '../helpers/fakeServer';
import type { N8nInstance } from './runtime';
import { SETUP_TIMEOUT_MS, useRealN8n } from './suite';
import { chain, liangXinNode, manualTrigger } from './workflows';

const TASK_ID = 'task_nano-banana-pro_1777600000099';
const API_KEY = 'e2e-result-url-key';
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(400, 9)]);

let n8n: N8nInstance;
let api: FakeServer;
let files: FakeServer;
let workflowId: string;

const realN8n = useRealN8n('e2e-result-urls');

beforeAll(async () => {
	({ n8n } = realN8n());
	files = await startFakeServer((_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
	api = await startFakeServer((_request, response) =>
		response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(successfulTask(TASK_ID, [`${files.url}/result.png`]))),
	);
	const [credential] = await n8n.importCredentials([
		{ name: 'LiangXin stand-in', type: 'liangXinApi', data: { apiKey: API_KEY, baseUrl: api.url.replace('127.0.0.1', 'localhost') } },
	]);
	const getTask = (name: string, options: Record<string, unknown>) =>
		liangXinNode(name, { operation: 'getTask', taskId: TASK_ID, options: { downloadImages: true, ...options } }, credential, {
			onError: 'continueRegularOutput',
		});
	workflowId = await n8n.importWorkflow(
		chain('e2e result URLs', [manualTrigger(), getTask('Default', {}), getTask('Allowed', { allowLocalResultUrls: true })]),
	);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await api?.close();
	await files?.close();
});

test('a loopback result outside the Base URL origin is refused, and downloaded with Allow Local Result URLs (Testing)', async () => {
	const result = await n8n.execute(workflowId);
	expect(result.ok).toBe(true);
	const [refused] = result.items('Default');
	expect(refused.json.error).toBe(
		`Refused to download a result of LiangXin task ${TASK_ID} from ${files.url}/result.png: its host 127.0.0.1 is a loopback address (127.0.0.0/8)`,
	);
	expect(refused.binary).toBeUndefined();
	const [allowed] = result.items('Allowed');
	expect(allowed.json).toMatchObject({ taskId: TASK_ID, status: 'success' });
	expect(n8n.readBinary(allowed.binary!.data).equals(PNG)).toBe(true);
	// One request, the allowed one, and without the key.
	expect(files.requests).toHaveLength(1);
	expect(files.requests[0].headers.authorization).toBeUndefined();
	expect(api.requests.every((request) => request.headers.authorization === `Bearer ${API_KEY}`)).toBe(true);
});

/** n8n 1.x (1.123.81 checked) has no SSRF protection setting: there the node's own check is all there is. */
const withSsrfProtection = (process.env.LIANGXIN_N8N_VERSION ?? '').startsWith('1.') ? test.skip : test;

withSsrfProtection("with n8n's SSRF protection on, n8n refuses the loopback result even with the option on", async () => {
	files.requests.length = 0;
	// The API stand-in stays reachable by its name; the file server is refused by its address.
	const result = await n8n.execute(workflowId, { env: { N8N_SSRF_PROTECTION_ENABLED: 'true', N8N_SSRF_ALLOWED_HOSTNAMES: 'localhost' } });
	expect(result.ok).toBe(true);
	expect(result.items('Default')[0].json.error).toMatch(/^Refused to download a result of LiangXin task .* loopback address/);
	expect(result.items('Allowed')[0].json.error).toBe(
		`Could not download a result of LiangXin task ${TASK_ID} (${files.url}/result.png): n8n's SSRF protection blocked its address`,
	);
	expect(files.requests).toEqual([]);
});
