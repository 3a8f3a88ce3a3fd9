import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeApiError, type INodeExecutionData } from 'n8n-workflow';

import { HarnessFixture } from '../helpers/fixtures/HarnessFixture.node';
import { HarnessFixtureApi } from '../helpers/fixtures/HarnessFixtureApi.credentials';
import { runNode, type RunNodeOptions } from '../helpers/n8n';

const API_KEY = 'test-secret-key';
const IMAGE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10]);

interface Hit {
	method: string;
	url: string;
	authorization?: string;
	body: Record<string, unknown>;
}

/** Fake jobs API: POST /jobs creates a job that reports "running" once, then "done". */
class JobsServer {
	readonly hits: Hit[] = [];

	failPrompts = new Set<string>();

	onPoll?: () => void;

	private readonly polls = new Map<string, number>();

	private readonly server: Server = createServer((req, res) => void this.handle(req, res));

	async start(): Promise<string> {
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
	}

	async stop() {
		this.server.closeAllConnections();
		await new Promise((resolve) => this.server.close(resolve));
	}

	private async handle(req: IncomingMessage, res: ServerResponse) {
		let raw = '';
		for await (const chunk of req) raw += chunk;
		const body = raw ? JSON.parse(raw) : {};
		const { method = '', url = '' } = req;
		this.hits.push({ method, url, authorization: req.headers.authorization, body });

		const send = (status: number, payload: unknown) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(payload));
		};

		if (method === 'POST' && url === '/jobs') {
			if (this.failPrompts.has(body.prompt)) return send(500, { message: 'generation failed' });
			return send(200, { id: `job-${this.polls.size + 1}` });
		}
		const poll = /^\/jobs\/([\w-]+)$/.exec(url);
		if (poll) {
			const count = (this.polls.get(poll[1]) ?? 0) + 1;
			this.polls.set(poll[1], count);
			this.onPoll?.();
			const imageUrl = `http://${req.headers.host}/images/${poll[1]}.png`;
			return send(200, count > 1 ? { state: 'done', imageUrl } : { state: 'running' });
		}
		if (url.startsWith('/images/')) {
			res.writeHead(200, { 'content-type': 'image/png' });
			return res.end(IMAGE);
		}
		send(404, { message: 'not found' });
	}
}

describe('runNode harness', () => {
	let api: JobsServer;
	let baseUrl: string;

	beforeEach(async () => {
		api = new JobsServer();
		baseUrl = await api.start();
	});

	afterEach(async () => {
		await api.stop();
	});

	const run = (options: Partial<RunNodeOptions>) =>
		runNode({
			node: new HarnessFixture(),
			credentials: { harnessFixtureApi: { apiKey: API_KEY, baseUrl } },
			credentialTypes: [new HarnessFixtureApi()],
			...options,
		});

	it('runs execute() with parameters, authenticated HTTP, binary data and logs', async () => {
		const photo = Buffer.from('input photo bytes');
		const items: INodeExecutionData[] = [
			{ json: { prompt: 'a cat' } },
			{
				json: { prompt: 'a dog', photoField: 'photo' },
				binary: {
					photo: { data: photo.toString('base64'), mimeType: 'image/jpeg', fileName: 'dog.jpg' },
				},
			},
		];

		const result = await run({
			items,
			parameters: { prompt: '={{ $json.prompt }}', inputBinaryField: '={{ $json.photoField ?? "" }}' },
		});

		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.json)).toEqual([
			{ jobId: 'job-1', prompt: 'a cat' },
			{ jobId: 'job-2', prompt: 'a dog' },
		]);
		expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.output[1].binary?.data).toMatchObject({
			mimeType: 'image/png',
			fileName: 'job-2.png',
		});
		expect(await result.binary(1)).toEqual(IMAGE);

		const apiHits = api.hits.filter((hit) => hit.url.startsWith('/jobs'));
		expect(apiHits).toHaveLength(6);
		for (const hit of apiHits) expect(hit.authorization).toBe(`Bearer ${API_KEY}`);
		expect(api.hits.find((hit) => hit.url.startsWith('/images/'))?.authorization).toBeUndefined();

		const creates = api.hits.filter((hit) => hit.method === 'POST');
		expect(creates[0].body).toEqual({ prompt: 'a cat' });
		expect(creates[1].body).toEqual({
			prompt: 'a dog',
			image: { mimeType: 'image/jpeg', base64: photo.toString('base64') },
		});

		expect(result.logs).toEqual([
			'info: Job job-1 is running',
			'info: Job job-1 is done',
			'info: Job job-2 is running',
			'info: Job job-2 is done',
		]);
		expect(result.logs.join('\n')).not.toContain(API_KEY);
	});

	it('fills in parameter defaults from the node description', async () => {
		const result = await run({});

		expect(result.error).toBeUndefined();
		expect(api.hits.find((hit) => hit.method === 'POST')?.body).toEqual({ prompt: '' });
	});

	it('fills in credential defaults from the credential type', async () => {
		const result = await run({ credentials: { harnessFixtureApi: { apiKey: API_KEY } } });

		// The default base URL points at a closed port.
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error).toMatchObject({ httpCode: 'ECONNREFUSED' });
	});

	it('returns what execute() threw', async () => {
		api.failPrompts.add('boom');

		const result = await run({ parameters: { prompt: 'boom' } });

		expect(result.output).toEqual([]);
		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error).toMatchObject({ httpCode: '500', description: 'generation failed' });
	});

	it('lets the node continue on fail', async () => {
		api.failPrompts.add('boom');

		const result = await run({
			continueOnFail: true,
			items: [{ json: { prompt: 'boom' } }, { json: { prompt: 'fine' } }],
			parameters: { prompt: '={{ $json.prompt }}' },
		});

		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.json)).toEqual([
			{ error: 'The service was not able to process your request' },
			{ jobId: 'job-1', prompt: 'fine' },
		]);
	});

	it('cancels in-flight requests through the execution cancel signal', async () => {
		const controller = new AbortController();
		api.onPoll = () => controller.abort();

		const result = await run({ abortSignal: controller.signal });

		expect(result.error).toBeInstanceOf(NodeApiError);
		expect(result.error).toMatchObject({ httpCode: 'ERR_CANCELED', message: 'canceled' });
		expect(api.hits.filter((hit) => hit.url.startsWith('/jobs/'))).toHaveLength(1);
	});

	it('interrupts sleep() between polls when the execution is cancelled', async () => {
		const controller = new AbortController();
		api.onPoll = () => setTimeout(() => controller.abort(), 50);
		const startedAt = Date.now();

		const result = await run({
			abortSignal: controller.signal,
			parameters: { pollIntervalMs: 60_000 },
		});

		expect(result.error).toMatchObject({ name: 'AbortError', message: 'This operation was aborted' });
		expect(Date.now() - startedAt).toBeLessThan(5_000);
	});
});
