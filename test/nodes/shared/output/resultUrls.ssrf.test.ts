// With n8n's own SSRF protection on (N8N_SSRF_PROTECTION_ENABLED), it applies to result downloads
// too, on the first URL and on every redirect hop, and the node's testing option does not lift it.
// n8n's DNS resolver is replaced by a fixed table, so that names "resolve" to loopback without any
// lookup; n8n's real HTTP helper then decides, and every connection it makes is to 127.0.0.1.
import { DnsResolver } from '@n8n/backend-network';
import { Container } from '@n8n/di';
import type { INodeParameters } from 'n8n-workflow';

import { LiangXinNanoBananaPro } from '../../../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import { toOutputItem } from '../../../../nodes/shared/output/outputItem';
import { IMAGE_RESULTS } from '../../../../nodes/shared/output/outputOptions';
import { readOutputSettings } from '../../../../nodes/shared/parameters/outputSettings';
import { normalizeTask } from '../../../../nodes/shared/tasks/task';
import { LiangXinClient } from '../../../../nodes/shared/transport/client';
import { startFakeServer, successfulTask, type FakeServer } from '../../../helpers/fakeServer';
import { executeContext, n8nEnvironment } from '../../../helpers/n8n';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(100, 3)]);
const TASK_ID = 'task_nano-banana-pro_1777600000001';
/** What n8n's resolver answers: both names are loopback; only `api.example.test` is allowed by n8n's settings. */
const DNS: Record<string, string> = { 'api.example.test': '127.0.0.1', 'files.example.test': '127.0.0.1' };
const SSRF_ENV = {
	N8N_SSRF_PROTECTION_ENABLED: 'true',
	N8N_SSRF_ALLOWED_HOSTNAMES: 'api.example.test',
};

let api: FakeServer;
let other: FakeServer;
const port = (server: FakeServer) => new URL(server.url).port;

beforeAll(async () => {
	// n8n reads its SSRF settings when its HTTP layer is first used: before any request of this file.
	Object.assign(process.env, SSRF_ENV);
	Container.set(DnsResolver, {
		lookup: async (hostname: string) => {
			const address = DNS[hostname];
			if (!address) throw Object.assign(new Error(`no such name in the test's table: ${hostname}`), { code: 'ENOTFOUND' });
			return [{ address, family: 4 }];
		},
	} as unknown as DnsResolver);
	await n8nEnvironment();
	other = await startFakeServer((_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
	api = await startFakeServer((request, response) => {
		if (request.url === '/files/to-files.png') {
			return void response.writeHead(302, { location: `http://files.example.test:${port(other)}/secret.png` }).end();
		}
		response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
	});
});
afterAll(async () => {
	for (const name of Object.keys(SSRF_ENV)) delete process.env[name];
	await api.close();
	await other.close();
});
beforeEach(() => {
	api.requests.length = 0;
	other.requests.length = 0;
});

async function download(url: string, options: INodeParameters = {}) {
	const context = executeContext({ node: new LiangXinNanoBananaPro(), parameters: { operation: 'getTask', options } });
	const client = new LiangXinClient(context, `http://api.example.test:${port(api)}`, 'sk-key');
	const task = normalizeTask(successfulTask(TASK_ID, [url]));
	const output = async () => (await toOutputItem(context, client, task, { itemIndex: 0, settings: readOutputSettings(context, 0, IMAGE_RESULTS) })).binary;
	return await output().then(
		(binary) => ({ binary, error: undefined }),
		(error: Error & { description?: string }) => ({ binary: undefined, error }),
	);
}

const blockedByN8n = (url: string) => `Could not download a result of LiangXin task ${TASK_ID} (${url}): n8n's SSRF protection blocked its address`;

test('a name n8n allows downloads as usual (the set-up works)', async () => {
	const { binary, error } = await download(`http://api.example.test:${port(api)}/files/ok.png`);
	expect(error).toBeUndefined();
	expect(binary?.data).toMatchObject({ mimeType: 'image/png' });
	expect(api.requests).toHaveLength(1);
});

test("a name that resolves to loopback passes the node's own check, and n8n refuses it before connecting", async () => {
	const url = `http://files.example.test:${port(other)}/secret.png`;
	const { binary, error } = await download(url);
	expect(binary).toBeUndefined();
	expect(error?.message).toBe(blockedByN8n(url));
	expect(error?.description).toMatch(/N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES/);
	expect(other.requests).toEqual([]);
});

test('Allow Local Result URLs (Testing) lifts the node\'s check, never n8n\'s', async () => {
	const url = `http://127.0.0.1:${port(other)}/secret.png`;
	const { error } = await download(url, { allowLocalResultUrls: true });
	expect(error?.message).toBe(blockedByN8n(url));
	expect(other.requests).toEqual([]);
});

test('n8n checks each redirect hop too: a hop to a name that resolves to loopback is refused', async () => {
	const url = `http://api.example.test:${port(api)}/files/to-files.png`;
	const { binary, error } = await download(url);
	expect(binary).toBeUndefined();
	expect(api.requests).toHaveLength(1);
	expect(error?.message).toBe(blockedByN8n(`http://files.example.test:${port(other)}/secret.png`));
	expect(other.requests).toEqual([]);
});
