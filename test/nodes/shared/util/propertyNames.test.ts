import { startFakeServer, successfulTask, type FakeServer } from '../../../helpers/fakeServer';
import { runNanoBanana } from '../../../helpers/liangxin';

const RESERVED = ['__proto__', 'constructor', 'prototype'];
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(100)]);

describe('reserved binary property names are refused, never silently dropped', () => {
	let server: FakeServer;

	beforeAll(async () => {
		server = await startFakeServer((request, response) => {
			if (request.url?.startsWith('/files/')) return void response.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
			response.setHeader('content-type', 'application/json');
			response.end(JSON.stringify(successfulTask('task_1', [`${server.url}/files/1.png`])));
		});
	});
	afterAll(async () => await server.close());
	beforeEach(() => (server.requests.length = 0));

	const run = async (parameters: Parameters<typeof runNanoBanana>[1]) =>
		await runNanoBanana({ apiKey: 'sk-test', baseUrl: server.url }, parameters);

	it.each(RESERVED)('Put Output in Field "%s": an error naming the option and the item, no download', async (name) => {
		const result = await run({
			parameters: { operation: 'getTask', taskId: 'task_1', options: { downloadImages: true, binaryPropertyPrefix: name } },
		});
		expect(result.error?.message).toBe(
			`Item 0: Put Output in Field: "${name}" cannot name a binary property (__proto__, constructor, prototype are reserved)`,
		);
		expect(server.requests.filter((request) => request.url.startsWith('/files/'))).toEqual([]);
	});

	it.each(RESERVED)('Input Binary Fields "%s": an error naming the option and the item, nothing sent', async (name) => {
		const result = await run({
			parameters: { operation: 'createTask', prompt: 'a fox', binaryImageProperties: `data, ${name}` },
			items: [{ json: {}, binary: { data: { data: PNG.toString('base64'), mimeType: 'image/png' } } }],
		});
		expect(result.error?.message).toBe(
			`Item 0: Input Binary Fields: "${name}" cannot name a binary property (__proto__, constructor, prototype are reserved)`,
		);
		expect(server.requests).toEqual([]);
	});

	it.each([
		['Put Output in Field "__proto__"', { binaryPropertyPrefix: '__proto__' }, 'Item 0: Put Output in Field: "__proto__" cannot name'],
		['Max File Size 0', { maxFileSizeMb: 0 }, 'Item 0: Max File Size (MB) must be a number above 0 (got 0)'],
	])('Create & Wait: a bad %s is refused before any task is created', async (_case, options, message) => {
		const result = await run({ parameters: { operation: 'createAndWait', prompt: 'a fox', options } });
		expect(result.error?.message).toContain(message);
		expect(server.requests).toEqual([]);
	});
});
