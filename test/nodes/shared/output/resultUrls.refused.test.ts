// Which result URLs a download refuses, proven where the request is made: a recorder stands in for
// n8n's HTTP helper, so a private, link-local or public address is only ever an input, never a
// connection. The one real server is on loopback: the credential's Base URL.
import type { INodeParameters } from 'n8n-workflow';

import { LiangXinNanoBananaPro } from '../../../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import { toOutputItem } from '../../../../nodes/shared/output/outputItem';
import { IMAGE_RESULTS } from '../../../../nodes/shared/output/outputOptions';
import { readOutputSettings } from '../../../../nodes/shared/parameters/outputSettings';
import { normalizeTask } from '../../../../nodes/shared/tasks/task';
import { LiangXinClient } from '../../../../nodes/shared/transport/client';
import { startFakeServer, successfulTask, type FakeServer } from '../../../helpers/fakeServer';
import { recordHttpRequests, type ScriptedAnswer } from '../../../helpers/httpRecorder';
import { executeContext, n8nEnvironment } from '../../../helpers/n8n';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(200, 7)]);
const TASK_ID = 'task_nano-banana-pro_1777600000000';
const OPTION = 'Allow Local Result URLs (Testing)';

let baseUrl: FakeServer;

beforeAll(async () => {
	await n8nEnvironment();
	baseUrl = await startFakeServer((_request, response) => response.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
});
afterAll(async () => await baseUrl.close());

/** Downloads a task's result URLs as the nodes do, with the recorder in place of n8n's helper. */
async function download(resultUrls: string[], options: INodeParameters = {}, answers: Record<string, ScriptedAnswer> = {}) {
	const context = executeContext({ node: new LiangXinNanoBananaPro(), parameters: { operation: 'getTask', options } });
	const recorder = recordHttpRequests(context, { passThrough: [baseUrl.url], answers });
	const task = normalizeTask(successfulTask(TASK_ID, resultUrls));
	let error: (Error & { description?: string; taskId?: string }) | undefined;
	let binary;
	try {
		// The options as the node reads them for the item.
		const settings = readOutputSettings(context, 0, IMAGE_RESULTS);
		({ binary } = await toOutputItem(context, new LiangXinClient(context, baseUrl.url, 'sk-key'), task, { itemIndex: 0, settings }));
	} catch (thrown) {
		error = thrown as typeof error;
	}
	return { error, binary, requested: recorder.requested };
}

describe('a result URL that is not public is refused before any request, naming its rule and the option', () => {
	test.each([
		['a private address', 'http://10.0.0.5/x.png', '10.0.0.5 is a private address (10.0.0.0/8)'],
		['a private address', 'http://172.16.4.2/x.png', '172.16.4.2 is a private address (172.16.0.0/12)'],
		['a private address', 'http://192.168.1.20/x.png', '192.168.1.20 is a private address (192.168.0.0/16)'],
		['a link-local address (cloud metadata)', 'http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address (169.254.0.0/16)'],
		['a carrier-grade NAT address', 'http://100.64.0.1/x.png', '100.64.0.1 is a carrier-grade NAT address (100.64.0.0/10)'],
		['an unspecified address', 'http://0.0.0.0:8080/x.png', '0.0.0.0 is an unspecified address (0.0.0.0/8)'],
		["loopback on another origin than the Base URL's", 'http://127.0.0.1:9/x.png', '127.0.0.1 is a loopback address (127.0.0.0/8)'],
		['IPv6 loopback', 'http://[::1]:9/x.png', '[::1] is a loopback address (::1)'],
		['IPv6 unspecified', 'http://[::]/x.png', '[::] is an unspecified address (::)'],
		['a unique-local address', 'http://[fd12:3456::1]/x.png', '[fd12:3456::1] is a unique-local address (fc00::/7)'],
		['an IPv6 link-local address', 'http://[fe80::1]/x.png', '[fe80::1] is a link-local address (fe80::/10)'],
		['IPv4-mapped loopback', 'http://[::ffff:127.0.0.1]/x.png', '[::ffff:7f00:1] is a loopback address (127.0.0.0/8), in IPv4-mapped form'],
		['IPv4-mapped metadata', 'http://[::ffff:169.254.169.254]/latest/', '[::ffff:a9fe:a9fe] is a link-local address (169.254.0.0/16), in IPv4-mapped form'],
		['NAT64-embedded private', 'http://[64:ff9b::10.0.0.5]/x.png', '[64:ff9b::a00:5] is a private address (10.0.0.0/8), in NAT64 form'],
		['6to4-embedded loopback', 'http://[2002:7f00:1::1]/x.png', '[2002:7f00:1::1] is a loopback address (127.0.0.0/8), in 6to4 form'],
		['decimal loopback', 'http://2130706433/x.png', '127.0.0.1 is a loopback address (127.0.0.0/8)'],
		['hexadecimal loopback', 'http://0x7f.0.0.1/x.png', '127.0.0.1 is a loopback address (127.0.0.0/8)'],
		['octal loopback', 'http://0177.0.0.1/x.png', '127.0.0.1 is a loopback address (127.0.0.0/8)'],
		['a localhost name', 'http://localhost:5678/x.png', 'localhost is a localhost name'],
		['a localhost subdomain with a trailing dot', 'http://files.localhost./x.png', 'files.localhost. is a localhost name'],
		['a .internal name', 'http://metadata.google.internal/computeMetadata/v1/', 'metadata.google.internal is a private-use name (.internal)'],
		['a .local name', 'http://printer.local/x.png', 'printer.local is a local network name (.local)'],
		['a single-label name', 'http://nas/x.png', 'nas is a single-label name (resolved on the local network)'],
	])('%s: %s', async (_rule, url, reason) => {
		const { error, binary, requested } = await download([url]);
		expect(requested).toEqual([]);
		expect(binary).toBeUndefined();
		const shown = new URL(url);
		expect(error?.message).toBe(`Refused to download a result of LiangXin task ${TASK_ID} from ${shown.origin}${shown.pathname}: its host ${reason}`);
		expect(error?.description).toContain(`Base URL's own origin (${baseUrl.url})`);
		expect(error?.description).toContain(`turn on ${OPTION}`);
		expect(error?.taskId).toBe(TASK_ID);
	});

	test.each([
		['file:///etc/passwd', 'file:'],
		['ftp://files.example.com/x.png', 'ftp:'],
		['data:image/png;base64,iVBORw0KGgo=', 'data:'],
	])('only http and https: %s is refused, with no option to lift it', async (url, scheme) => {
		for (const options of [{}, { allowLocalResultUrls: true }]) {
			const { error, requested } = await download([url], options);
			expect(requested).toEqual([]);
			expect(error?.message).toBe(`Refused to download a result of LiangXin task ${TASK_ID}: it is a ${scheme} URL, and only http and https are downloaded`);
			expect(error?.description).toMatch(/^Nothing was requested\. No option allows other kinds of URL/);
			expect(error?.message).not.toMatch(/Could not reach LiangXin/);
		}
	});

	test('a public URL and the Base URL origin are downloaded; the key goes to neither', async () => {
		const publicUrl = 'https://files.example.com/a.png';
		const answers = { [publicUrl]: { status: 200, headers: { 'content-type': 'image/png' }, body: PNG } };
		const { error, binary, requested } = await download([publicUrl, `${baseUrl.url}/own/b.png`], {}, answers);
		expect(error).toBeUndefined();
		expect(Object.keys(binary ?? {})).toEqual(['data', 'data_1']);
		expect(requested).toEqual([publicUrl, `${baseUrl.url}/own/b.png`]);
		expect(baseUrl.requests.at(-1)?.headers.authorization).toBeUndefined();
	});
});

describe('every redirect hop is checked like the first URL', () => {
	const publicUrl = 'https://files.example.com/a.png';
	const redirectTo = (location: string): Record<string, ScriptedAnswer> => ({ [publicUrl]: { status: 302, headers: { location } } });

	test('a public file host that redirects to the metadata address: refused at the hop, nothing requested there', async () => {
		const { error, binary, requested } = await download([publicUrl], {}, redirectTo('http://169.254.169.254/latest/meta-data/iam/'));
		expect(requested).toEqual([publicUrl]);
		expect(binary).toBeUndefined();
		expect(error?.message).toBe(
			`Refused to download a result of LiangXin task ${TASK_ID} from http://169.254.169.254/latest/meta-data/iam/ (a redirect of ${publicUrl}): its host 169.254.169.254 is a link-local address (169.254.0.0/16)`,
		);
	});

	test('a redirect to IPv4-mapped loopback or to a file: URL is refused the same way', async () => {
		for (const [location, reason] of [
			['http://[::ffff:127.0.0.1]:8080/x.png', 'is a loopback address (127.0.0.0/8), in IPv4-mapped form'],
			['file:///etc/passwd', 'it is a file: URL'],
		]) {
			const { error, requested } = await download([publicUrl], {}, redirectTo(location));
			expect(requested).toEqual([publicUrl]);
			expect(error?.message).toContain(reason);
		}
	});

	test('a redirect from one public host to another is followed, and the image stored', async () => {
		const answers = {
			...redirectTo('https://cdn.example.net/b.png'),
			'https://cdn.example.net/b.png': { status: 200, headers: { 'content-type': 'image/png' }, body: PNG },
		};
		const { error, binary, requested } = await download([publicUrl], {}, answers);
		expect(error).toBeUndefined();
		expect(binary?.data).toMatchObject({ mimeType: 'image/png' });
		expect(requested).toEqual([publicUrl, 'https://cdn.example.net/b.png']);
	});

	test(`${OPTION} lets a redirect to a private address through, never one to file:`, async () => {
		const answers = {
			...redirectTo('http://10.0.0.5/b.png'),
			'http://10.0.0.5/b.png': { status: 200, headers: { 'content-type': 'image/png' }, body: PNG },
		};
		const allowed = await download([publicUrl], { allowLocalResultUrls: true }, answers);
		expect(allowed.error).toBeUndefined();
		expect(allowed.requested).toEqual([publicUrl, 'http://10.0.0.5/b.png']);
		const file = await download([publicUrl], { allowLocalResultUrls: true }, redirectTo('file:///etc/passwd'));
		expect(file.requested).toEqual([publicUrl]);
		expect(file.error?.message).toContain('it is a file: URL');
	});
});
