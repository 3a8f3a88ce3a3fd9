import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeServer {
	/** `http://127.0.0.1:<port>` */
	url: string;
	/** Every request received, as `METHOD /path?query`, in order of arrival. */
	requests: string[];
	close(): Promise<void>;
}

/** A one-handler HTTP server on loopback, to see what the node sends and to answer it on purpose. */
export async function startFakeServer(
	handle: (request: IncomingMessage, response: ServerResponse) => unknown = (_request, response) =>
		response.writeHead(200, { 'content-type': 'image/png' }).end('not really a png'),
): Promise<FakeServer> {
	const requests: string[] = [];
	const server = createServer((request, response) => {
		requests.push(`${request.method} ${request.url}`);
		void handle(request, response);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		requests,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}
