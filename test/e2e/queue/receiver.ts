// A small HTTP server on loopback that records the JSON bodies posted to it: the downstream end of
// a workflow, so a test sees exactly which items reached it.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Receiver {
	url: string;
	bodies: Array<Record<string, unknown>>;
	close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
	const bodies: Array<Record<string, unknown>> = [];
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
			response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/`,
		bodies,
		close: async () => {
			server.closeAllConnections();
			await new Promise((resolve) => server.close(resolve));
		},
	};
}
