import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import { CredentialTestContext } from 'n8n-core';

import { LiangXinApi } from '../../credentials/LiangXinApi.credentials';
import { LiangXinNanoBananaPro } from '../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import { startSandbox, type Sandbox } from '../../scripts/sandbox';

/** The connection test as n8n runs it: the node's credentialTest method with n8n-core's real context. */
async function testConnection(data: { apiKey: string; baseUrl: string }) {
	const node = new LiangXinNanoBananaPro();
	const testedBy = node.description.credentials?.[0].testedBy as string;
	const test = node.methods.credentialTest[testedBy as 'liangXinConnectionTest'];
	return await test.call(new CredentialTestContext(), { id: '1', name: 'LiangXin', type: 'liangXinApi', data });
}

describe('the LiangXin API credential', () => {
	let sandbox: Sandbox;
	let notLiangXin: Server;
	let notLiangXinUrl: string;

	beforeAll(async () => {
		sandbox = await startSandbox();
		notLiangXin = createServer((_request, response) => response.writeHead(404).end('<html>nginx</html>'));
		await new Promise<void>((resolve) => notLiangXin.listen(0, '127.0.0.1', resolve));
		notLiangXinUrl = `http://127.0.0.1:${(notLiangXin.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await sandbox.close();
		await new Promise((resolve) => notLiangXin.close(resolve));
	});

	it('sends the key as a Bearer token', () => {
		expect(new LiangXinApi().authenticate).toEqual({
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
		});
	});

	it('is tested by the node that uses it', () => {
		expect(new LiangXinNanoBananaPro().description.credentials).toEqual([
			{ name: 'liangXinApi', required: true, testedBy: 'liangXinConnectionTest' },
		]);
	});

	it('connection test: OK for a good key, also with a trailing /api/v1', async () => {
		for (const baseUrl of [sandbox.baseUrl, `${sandbox.baseUrl}/api/v1/`]) {
			expect(await testConnection({ apiKey: sandbox.apiKey, baseUrl })).toEqual({
				status: 'OK',
				message: 'Connection successful: LiangXin accepted the API key.',
			});
		}
		expect(sandbox.recordInfoCalls().at(-1)).toMatchObject({ authorized: true, query: { taskId: 'n8n-connection-test' } });
	});

	it('connection test: the key was refused (401)', async () => {
		const verdict = await testConnection({ apiKey: 'wrong-key', baseUrl: sandbox.baseUrl });
		expect(verdict).toEqual({ status: 'Error', message: 'The API key was refused (HTTP 401: invalid token). Check the API key.' });
	});

	it('connection test: access denied or no quota (403)', async () => {
		sandbox.configure({ accessDenied: true });
		const verdict = await testConnection({ apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl });
		sandbox.configure({ accessDenied: false });
		expect(verdict.status).toBe('Error');
		expect(verdict.message).toMatch(/^The API key is valid but access is denied or the quota is used up \(HTTP 403/);
	});

	it('connection test: a host that is not LiangXin', async () => {
		const verdict = await testConnection({ apiKey: 'k', baseUrl: notLiangXinUrl });
		expect(verdict).toEqual({
			status: 'Error',
			message: `${notLiangXinUrl} answered, but not like LiangXin (HTTP 404: <html>nginx</html>). Check the Base URL.`,
		});
	});

	it('connection test: a host that cannot be reached', async () => {
		const verdict = await testConnection({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1' });
		expect(verdict).toEqual({
			status: 'Error',
			message: 'Could not reach http://127.0.0.1:1 (ECONNREFUSED). Check the Base URL and that n8n can reach it.',
		});
	});
});
