import { LiangXinApi } from '../../credentials/LiangXinApi.credentials';
import { LiangXinNanoBananaPro } from '../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import { LiangXinTrigger } from '../../nodes/LiangXinTrigger/LiangXinTrigger.node';
import { API_PATH, normalizeBaseUrl } from '../../nodes/shared/platform/apiAddress';
import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { runCredentialTest } from '../helpers/credentialTest';
import { startRecordingServer, type RecordingServer } from '../helpers/recordingServer';

const OK = { status: 'OK', message: 'Connection successful!' };
const testConnection = async (data: { apiKey: string; baseUrl: string }) => await runCredentialTest(new LiangXinApi(), data);

describe('the LiangXin API credential', () => {
	let sandbox: Sandbox;
	let notLiangXin: RecordingServer;

	beforeAll(async () => {
		sandbox = await startSandbox();
		notLiangXin = await startRecordingServer((_request, response) => response.writeHead(404).end('<html>nginx</html>'));
	});
	afterAll(async () => {
		await sandbox.close();
		await notLiangXin.close();
	});

	it('sends the key as a Bearer token', () => {
		expect(new LiangXinApi().authenticate).toEqual({
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
		});
	});

	it('is tested by its own declarative request, not by a node function', () => {
		expect(new LiangXinNanoBananaPro().description.credentials).toEqual([{ name: 'liangXinApi', required: true }]);
		expect(new LiangXinTrigger().description.credentials?.[0].testedBy).toBeUndefined();
		expect(new LiangXinApi().test?.request).toMatchObject({ method: 'GET', qs: { taskId: 'n8n-connection-test' } });
	});

	it('connection test: OK for a good key, also with a trailing / or /api/v1', async () => {
		for (const baseUrl of [sandbox.baseUrl, `${sandbox.baseUrl}/`, `${sandbox.baseUrl}/api/v1/`]) {
			expect(await testConnection({ apiKey: sandbox.apiKey, baseUrl })).toEqual(OK);
			expect(sandbox.recordInfoCalls().at(-1)).toMatchObject({ authorized: true, query: { taskId: 'n8n-connection-test' } });
		}
		expect(sandbox.createCalls()).toHaveLength(0);
	});

	it('reads the Base URL as the nodes do (normalizeBaseUrl), whatever trailing / or /api/v1 it has', async () => {
		const paths: string[] = [];
		const server = await startRecordingServer((request, response) => {
			paths.push(request.url ?? '');
			response.writeHead(200, { 'content-type': 'application/json' }).end('{"code":404,"msg":"task not found"}');
		});
		try {
			for (const tail of ['', '/', '/api/v1', '/api/v1/', '/API/V1//', '//api/v1', '/prefix/', '/prefix//api/v1/']) {
				const baseUrl = `  ${server.url}${tail}  `;
				await testConnection({ apiKey: 'sk-key', baseUrl });
				const expected = new URL(`${normalizeBaseUrl(baseUrl)}${API_PATH}/jobs/recordInfo?taskId=n8n-connection-test`);
				expect([tail, paths.at(-1)]).toEqual([tail, `${expected.pathname}${expected.search}`]);
			}
		} finally {
			await server.close();
		}
	});

	it('reads a Base URL with 100k slashes in linear time', async () => {
		// A run of slashes that is not trailing is the slow case of a backtracking `/\/+$/`.
		const startedAt = Date.now();
		const verdict = await testConnection({ apiKey: sandbox.apiKey, baseUrl: `${sandbox.baseUrl}${'/'.repeat(100_000)}x/` });
		expect(Date.now() - startedAt).toBeLessThan(3000);
		expect(verdict.status).toBe('Error');
	});

	it('connection test: the key was refused (401)', async () => {
		expect(await testConnection({ apiKey: 'wrong-key', baseUrl: sandbox.baseUrl })).toEqual({
			status: 'Error',
			message: 'The API key was refused (HTTP 401). Check the API key.',
		});
	});

	it('connection test: access denied or no quota (403)', async () => {
		sandbox.configure({ accessDenied: true });
		const verdict = await testConnection({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl });
		sandbox.configure({ accessDenied: false });
		expect(verdict).toEqual({
			status: 'Error',
			message: 'The API key is valid but access is denied or the quota is used up (HTTP 403). Check your LiangXin account.',
		});
	});

	it('connection test: a host that answers, but not like LiangXin', async () => {
		expect(await testConnection({ apiKey: 'k', baseUrl: notLiangXin.url })).toEqual({
			status: 'Error',
			message: 'The Base URL answered, but not like LiangXin. Check the Base URL.',
		});
	});

	it('connection test: a host that cannot be reached', async () => {
		expect(await testConnection({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1' })).toEqual({ status: 'Error', message: 'ECONNREFUSED' });
	});

	it('the credential test does not send the key across origins on a redirect', async () => {
		const otherHost = await startRecordingServer((_request, response) => response.writeHead(200).end('<html>elsewhere</html>'));
		const redirecting = await startRecordingServer((_request, response) => response.writeHead(302, { location: `${otherHost.url}/` }).end());
		try {
			const verdict = await testConnection({ apiKey: 'sk-redirect-secret', baseUrl: redirecting.url });

			expect(redirecting.received.map((headers) => headers.authorization)).toEqual(['Bearer sk-redirect-secret']);
			expect(otherHost.received).toHaveLength(1);
			expect(otherHost.received[0].authorization).toBeUndefined();
			expect(JSON.stringify(otherHost.received)).not.toContain('sk-redirect-secret');
			expect(verdict.status).toBe('Error');
		} finally {
			await otherHost.close();
			await redirecting.close();
		}
	});
});
