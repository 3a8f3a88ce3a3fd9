// A Base URL may carry a password (`https://user:password@host`) or a query: an error names only its
// origin, which is enough to see where n8n was pointed.
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';

import { startFakeServer, type FakeServer } from '../../../helpers/fakeServer';
import { runNanoBanana, visibleText } from '../../../helpers/liangxin';

const TASK_ID = 'task_nano-banana-pro_1777600000009';

/** The Base URL as a user might type it, with user info, a path and a query around `origin`. */
const typedBaseUrl = (origin: string) => origin.replace('http://', 'http://admin:base-url-password@') + '/gateway?key=base-url-query-secret';

function expectOriginOnly(text: string | undefined, origin: string) {
	expect(text).toContain(`(${origin})`);
	expect(text).not.toContain('base-url-password');
	expect(text).not.toContain('base-url-query-secret');
	expect(text).not.toContain('admin');
}

describe('errors name the Base URL by its origin only', () => {
	let redirecting: FakeServer;
	let garbled: Server;
	let garbledOrigin: string;
	const sockets = new Set<Socket>();

	beforeAll(async () => {
		redirecting = await startFakeServer((_request, response) => response.writeHead(302, { location: '/elsewhere' }).end());
		// Answers something that is not HTTP: a network error that is not retried.
		garbled = createServer((socket) => {
			sockets.add(socket);
			socket.end('this is not HTTP\r\n\r\n');
		});
		await new Promise<void>((resolve) => garbled.listen(0, '127.0.0.1', resolve));
		garbledOrigin = `http://127.0.0.1:${(garbled.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		await redirecting.close();
		const closed = new Promise((resolve) => garbled.close(resolve));
		for (const socket of sockets) socket.destroy();
		await closed;
	});

	it('a redirect: the description names the origin, without user info, path or query', async () => {
		const result = await runNanoBanana({ apiKey: 'sk-test', baseUrl: typedBaseUrl(redirecting.url) }, { parameters: { operation: 'getTask', taskId: TASK_ID } });
		expect(result.error?.message).toBe(`LiangXin API error 302 for task ${TASK_ID}: redirected to ${redirecting.url}`);
		expectOriginOnly((result.error as { description?: string }).description, redirecting.url);
		expect(visibleText(result)).not.toContain('base-url-password');
	});

	it('an unreachable API: the description names the origin, without user info, path or query', async () => {
		const result = await runNanoBanana({ apiKey: 'sk-test', baseUrl: typedBaseUrl(garbledOrigin) }, { parameters: { operation: 'getTask', taskId: TASK_ID } });
		expect(result.error?.message).toMatch(new RegExp(`^Could not reach LiangXin for task ${TASK_ID}: `));
		expectOriginOnly((result.error as { description?: string }).description, garbledOrigin);
		expect(visibleText(result)).not.toContain('base-url-password');
	});
});
