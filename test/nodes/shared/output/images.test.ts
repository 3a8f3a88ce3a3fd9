import type { ServerResponse } from 'node:http';

import type { INodeParameters, INodeType } from 'n8n-workflow';

import { LiangXinNanoBananaPro } from '../../../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import { LiangXinTrigger } from '../../../../nodes/LiangXinTrigger/LiangXinTrigger.node';
import { MAX_IMAGES_PER_TASK } from '../../../../nodes/shared/output/images';
import { normalizeTask } from '../../../../nodes/shared/tasks/task';
import { DOWNLOAD_TIME_LIMIT_MS } from '../../../../nodes/shared/transport/resultFiles';
import { downloaderNode } from '../../../helpers/downloader';
import { startFakeServer, successfulTask, type FakeServer } from '../../../helpers/fakeServer';
import { runNanoBanana, visibleText } from '../../../helpers/liangxin';
import { runNode } from '../../../helpers/n8n';

const API_KEY = 'sk-download-secret';
const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), Buffer.alloc(500, 7)]);
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a464946000101', 'hex'), Buffer.alloc(500, 9)]);
const MB = 1024 * 1024;

/** Result files, by path: what each serves. */
const FILES: Record<string, (response: ServerResponse) => void> = {
	'/files/ok.png': (response) => response.writeHead(200, { 'content-type': 'image/png' }).end(PNG),
	'/files/photo.png': (response) => response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(JPEG),
	'/files/page.png': (response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>login</html>'),
	'/files/liar.png': (response) => response.writeHead(200, { 'content-type': 'image/jpeg' }).end(PNG),
	'/files/huge.png': (response) => streamHuge(response, 200 * MB),
	'/files/drip.png': (response) => drip(response),
};

let hugeBytesSent = 0;

/** A PNG header followed by zeros, written as fast as the client reads. */
function streamHuge(response: ServerResponse, total: number) {
	hugeBytesSent = 0;
	response.writeHead(200, { 'content-type': 'image/png', 'content-length': total });
	const chunk = Buffer.alloc(MB);
	PNG.copy(chunk);
	const write = () => {
		while (hugeBytesSent < total && !response.destroyed) {
			hugeBytesSent += chunk.length;
			if (!response.write(chunk)) return void response.once('drain', write);
		}
		response.end();
	};
	write();
}

/** A PNG header, then one byte per second. */
function drip(response: ServerResponse) {
	response.writeHead(200, { 'content-type': 'image/png' });
	response.write(PNG.subarray(0, 16));
	const timer = setInterval(() => response.write(Buffer.from([0])), 1000);
	response.on('close', () => clearInterval(timer));
}

describe('result downloads have limits', () => {
	let server: FakeServer;
	const tasks: Record<string, string[]> = {};
	const fileRequests = () => server.requests.filter((request) => request.url.startsWith('/files/'));

	beforeAll(async () => {
		server = await startFakeServer((request, response) => {
			const url = new URL(request.url ?? '/', server.url);
			if (url.pathname === '/api/v1/jobs/recordInfo') {
				const taskId = url.searchParams.get('taskId') ?? '';
				response.setHeader('content-type', 'application/json');
				return void response.end(JSON.stringify(successfulTask(taskId, tasks[taskId] ?? [])));
			}
			const file = FILES[url.pathname];
			if (file) file(response);
			else response.writeHead(404).end();
		});
		const file = (path: string) => `${server.url}/files/${path}`;
		Object.assign(tasks, {
			task_ok: [file('ok.png')],
			task_jpeg: [file('photo.png')],
			task_html: [file('page.png?token=url-secret')],
			task_liar: [file('liar.png')],
			task_huge: [file('huge.png')],
			task_many: Array.from({ length: MAX_IMAGES_PER_TASK + 1 }, () => file('ok.png')),
		});
	});
	afterAll(async () => await server.close());
	beforeEach(() => (server.requests.length = 0));

	const getTask = async (taskId: string, options: INodeParameters = {}, continueOnFail = false) =>
		await runNanoBanana(
			{ apiKey: API_KEY, baseUrl: server.url },
			{ parameters: { operation: 'getTask', taskId, options: { downloadImages: true, ...options } }, continueOnFail },
		);

	it('types a file by its bytes: a JPEG behind a .png URL sent as application/octet-stream', async () => {
		const result = await getTask('task_jpeg');
		expect(result.error).toBeUndefined();
		expect(result.output[0].binary?.data).toMatchObject({ mimeType: 'image/jpeg', fileName: 'task_jpeg-1.jpg' });
		expect((await result.binary(0)).equals(JPEG)).toBe(true);
		// The file host never sees the key.
		expect(fileRequests()[0].headers.authorization).toBeUndefined();
	});

	it('refuses a text/html answer: an error naming the task and the URL without its query, no binary', async () => {
		const result = await getTask('task_html');
		expect(result.error?.message).toBe(
			`Result 1 of LiangXin task task_html (${server.url}/files/page.png) is not an image: its first bytes are not those of a PNG, JPG, WEBP, GIF image`,
		);
		expect(result.output).toEqual([]);
		expect(visibleText(result)).not.toContain('url-secret');
	});

	it('refuses a file whose Content-Type disagrees with its bytes', async () => {
		const result = await getTask('task_liar');
		expect(result.error?.message).toMatch(/task_liar .*liar\.png\) is not an image: its bytes are image\/png but its Content-Type says otherwise$/);
	});

	it('aborts a body over Max File Size while it streams, and names the limit', async () => {
		const result = await getTask('task_huge', { maxFileSizeMb: 1 });
		expect(result.error?.message).toMatch(/^Result 1 of LiangXin task task_huge \(.*\/files\/huge\.png\) is over 1 MB, the limit set by Max File Size \(MB\)$/);
		// The server stopped long before its 200 MB: the client closed the connection.
		expect(hugeBytesSent).toBeLessThan(20 * MB);
	});

	it('keeps memory bounded on a 200 MB body with the default limit of 50 MB', async () => {
		const before = process.memoryUsage().rss;
		const result = await getTask('task_huge');
		const grown = process.memoryUsage().rss - before;
		expect(result.error?.message).toMatch(/is over 50 MB, the limit set by Max File Size \(MB\)$/);
		expect(grown).toBeLessThan(200 * MB);
	});

	it(`refuses more than ${MAX_IMAGES_PER_TASK} result URLs and downloads none`, async () => {
		const result = await getTask('task_many');
		expect(result.error?.message).toBe(
			`LiangXin task task_many has ${MAX_IMAGES_PER_TASK + 1} result URLs; at most ${MAX_IMAGES_PER_TASK} are downloaded`,
		);
		expect(fileRequests()).toEqual([]);
	});

	it('a failed download is an item error: Continue On Fail gives an error item with the task ID', async () => {
		const result = await getTask('task_html', {}, true);
		expect(result.error).toBeUndefined();
		expect(result.output).toEqual([
			{
				json: expect.objectContaining({ error: expect.stringContaining('is not an image'), taskId: 'task_html' }),
				pairedItem: { item: 0 },
			},
		]);
	});

	it('stops a body that drips one byte per second at the time limit (2 minutes in the nodes)', async () => {
		expect(DOWNLOAD_TIME_LIMIT_MS).toBe(120_000);
		// downloadTaskImages as the nodes call it, in n8n's real execution context, with a short limit.
		const task = normalizeTask(successfulTask('task_drip', [`${server.url}/files/drip.png`]));
		const downloader = downloaderNode({ baseUrl: server.url, task, timeLimitMs: 1500 });
		const started = Date.now();
		const result = await runNode({ node: downloader });
		expect(result.error?.message).toBe(
			`Downloading a result of LiangXin task task_drip took longer than 1.5 s (${server.url}/files/drip.png)`,
		);
		expect((result.error as Error & { taskId?: string }).taskId).toBe('task_drip');
		expect(Date.now() - started).toBeLessThan(4000);
	});

	it('offers Max File Size (MB) in Create & Wait, Get Task and the trigger', () => {
		const optionNames = (properties: INodeType['description']['properties'], operation?: string) =>
			properties
				.filter((property) => property.name === 'options')
				.filter((property) => !operation || property.displayOptions?.show?.operation?.includes(operation))
				.flatMap((property) => (property.options ?? []).map((option) => (option as { name: string }).name));
		const node = new LiangXinNanoBananaPro().description.properties;
		expect(optionNames(node, 'createAndWait')).toContain('maxFileSizeMb');
		expect(optionNames(node, 'getTask')).toContain('maxFileSizeMb');
		expect(optionNames(new LiangXinTrigger().description.properties)).toContain('maxFileSizeMb');
	});
});
