import { createServer, type IncomingHttpHeaders, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordingServer {
	url: string;
	/** The headers of every request received, in order. */
	received: IncomingHttpHeaders[];
	close(): Promise<void>;
}

/** A small HTTP server on 127.0.0.1 (a free port) that records the headers of every request it gets. */
export async function startRecordingServer(handler: RequestListener): Promise<RecordingServer> {
	const received: IncomingHttpHeaders[] = [];
	const server = createServer((request, response) => {
		received.push(request.headers);
		handler(request, response);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		received,
		close: async () => await new Promise<void>((resolve) => server.close(() => resolve())),
	};
}
