import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeServer {
	/** `http://127.0.0.1:<port>` */
	url: string;
	/** Every request received, in order. */
	requests: Array<{ method: string; url: string; headers: IncomingHttpHeaders }>;
	close(): Promise<void>;
}

/** A small HTTP server on loopback that records what it is asked and answers with `handler`. */
export async function startFakeServer(
	handler: (request: IncomingMessage, response: ServerResponse) => unknown = (_request, response) =>
		response.writeHead(200, { 'content-type': 'image/png' }).end('not really a png'),
): Promise<FakeServer> {
	const requests: FakeServer['requests'] = [];
	const server = createServer((request, response) => {
		requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
		void handler(request, response);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		close: async () => {
			const closed = new Promise((resolve) => server.close(resolve));
			server.closeAllConnections();
			await closed;
		},
	};
}

/** A recordInfo answer for a finished task with these result URLs. */
export function successfulTask(taskId: string, resultUrls: string[]) {
	return {
		code: 200,
		msg: 'success',
		data: {
			taskId,
			model: 'nano-banana-pro',
			state: 'success',
			param: JSON.stringify({ model: 'nano-banana-pro', input: { prompt: 'a test' } }),
			resultJson: JSON.stringify({ resultUrls }),
			failCode: '',
			failMsg: '',
			costTime: 1000,
			createTime: 1777600000000,
			completeTime: 1777600001000,
			updateTime: 1777600001000,
		},
	};
}
