import { execFile } from 'node:child_process';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import * as zlib from 'node:zlib';
import { startSandbox, type Sandbox } from '../../../tools/sandbox';
import { decodeJpeg } from '../../helpers/jpeg';

jest.setTimeout(10000);

const TASK_ID = /^task_nano-banana-pro_\d{13}$/;
const validBody = (input: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
	model: 'nano-banana-pro',
	input: { prompt: 'a lighthouse at dawn', ...input },
	...extra,
});

let sandbox: Sandbox;

/** Response bodies are checked by the assertions themselves. */
const jsonOf = (response: Response): Promise<any> => response.json();

beforeAll(async () => {
	sandbox = await startSandbox({ taskDurationMs: 200 });
});
afterEach(() => sandbox.reset(true));
afterAll(() => sandbox.close());

function callApi(path: string, init: RequestInit = {}, apiKey: string | null = sandbox.apiKey) {
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if (apiKey !== null) headers.authorization = `Bearer ${apiKey}`;
	return fetch(`${sandbox.baseUrl}${path}`, { ...init, headers: { ...headers, ...(init.headers as object) } });
}

function createTask(body: unknown, apiKey?: string | null) {
	const payload = typeof body === 'string' ? body : JSON.stringify(body);
	return callApi('/api/v1/jobs/createTask', { method: 'POST', body: payload }, apiKey);
}

async function createdTaskId(body: unknown, taskIdPattern = TASK_ID): Promise<string> {
	const response = await createTask(body);
	expect(response.status).toBe(200);
	const envelope = await jsonOf(response);
	expect(envelope).toEqual({ code: 200, msg: 'success', data: { taskId: expect.stringMatching(taskIdPattern) } });
	return envelope.data.taskId;
}

function recordInfo(taskId: string) {
	return callApi(`/api/v1/jobs/recordInfo?taskId=${encodeURIComponent(taskId)}`);
}

async function pollUntilFinished(taskId: string) {
	for (;;) {
		const { data } = await jsonOf(await recordInfo(taskId));
		if (data.state === 'success' || data.state === 'fail') return data;
		await sleep(25);
	}
}

/** Checks the PNG structure with Node's own zlib (independent of the sandbox's encoder). */
function decodePng(png: Buffer) {
	expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
	const chunks: Array<{ type: string; data: Buffer }> = [];
	for (let offset = 8; offset < png.length; ) {
		const length = png.readUInt32BE(offset);
		const typeAndData = png.subarray(offset + 4, offset + 8 + length);
		expect(png.readUInt32BE(offset + 8 + length)).toBe(zlib.crc32(typeAndData));
		chunks.push({ type: typeAndData.subarray(0, 4).toString('ascii'), data: typeAndData.subarray(4) });
		offset += 12 + length;
	}
	expect(chunks.map((chunk) => chunk.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
	const header = chunks[0].data;
	const width = header.readUInt32BE(0);
	const height = header.readUInt32BE(4);
	expect([header[8], header[9]]).toEqual([8, 2]);
	expect(zlib.inflateSync(chunks[1].data).length).toBe(height * (1 + width * 3));
	return { width, height };
}

/** A local callBackUrl receiver that records what it is sent. */
/** A callback receiver answering `status` (or, given a list, each status in turn, then the last). */
async function startReceiver(status: number | number[] = 200, answer = 'ok') {
	const statuses = Array.isArray(status) ? status : [status];
	const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];
	const server = http.createServer((request, response) => {
		let body = '';
		request.on('data', (chunk) => (body += chunk));
		request.on('end', () => {
			received.push({ headers: request.headers, body });
			response.statusCode = statuses[Math.min(received.length, statuses.length) - 1];
			response.end(answer);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
	const close = () => new Promise((resolve) => server.close(resolve));
	return { url, received, close };
}

describe('authentication', () => {
	it.each([
		['missing', null],
		['wrong', 'wrong-key'],
	])('answers 401 with the platform envelope when the key is %s', async (_case, apiKey) => {
		for (const response of [await createTask(validBody(), apiKey), await callApi('/api/v1/jobs/recordInfo?taskId=x', {}, apiKey)]) {
			expect(response.status).toBe(401);
			expect(await jsonOf(response)).toEqual({ error: { message: 'invalid token', type: 'new_api_error', code: '' } });
		}
		expect(sandbox.log.map((entry) => entry.authorized)).toEqual([false, false]);
		expect(JSON.stringify(sandbox.log)).not.toContain('wrong-key');
		expect(sandbox.tasks.size).toBe(0);
	});

	it('answers 403 with the task-layer envelope when access is denied', async () => {
		sandbox.configure({ accessDenied: true });
		const response = await createTask(validBody());
		expect(response.status).toBe(403);
		expect(await jsonOf(response)).toEqual({ code: 403, msg: expect.stringContaining('insufficient quota'), data: null });
	});
});

describe('createTask validation', () => {
	const longPrompt = 'x'.repeat(3001);
	const png = 'https://example.com/a.png';
	it.each<[string, unknown, string]>([
		['invalid JSON', '{"model":', 'not valid JSON'],
		['missing model', { input: { prompt: 'a cat' } }, 'model is required'],
		['undocumented model', validBody({}, { model: 'seedream-v5-lite-edit' }), 'model "seedream-v5-lite-edit" is not supported'],
		['missing prompt', { model: 'nano-banana-pro', input: {} }, 'input.prompt is required'],
		['missing input', { model: 'nano-banana-pro' }, 'input.prompt is required'],
		['1-character prompt', validBody({ prompt: 'x' }), 'input.prompt must be 2 to 3000 characters'],
		['3001-character prompt', validBody({ prompt: longPrompt }), 'input.prompt must be 2 to 3000 characters'],
		['4 reference images', validBody({ image_input: [png, png], reference_images: [png, png] }), 'at most 3'],
		['image_input not an array', validBody({ image_input: png }), 'input.image_input must be an array'],
		['GIF reference', validBody({ image_input: ['https://example.com/a.gif'] }), 'input.image_input[0]'],
		['a query after the extension', validBody({ reference_images: ['https://x.io/a.png?sig=1'] }), 'input.reference_images[0]'],
		['GIF data URI', validBody({ image_input: ['data:image/gif;base64,R0lGOD=='] }), 'input.image_input[0]'],
		['unknown aspect ratio', validBody({ aspect_ratio: '7:3' }), 'input.aspect_ratio must be one of 1:1, 2:3'],
		['unknown resolution', validBody({ resolution: '8K' }), 'input.resolution must be one of 1K, 2K, 4K, low'],
		['jpeg output', validBody({ output_format: 'jpeg' }), 'input.output_format must be one of png'],
		['callBackUrl not a URL', validBody({}, { callBackUrl: 'hook' }), 'callBackUrl must be an http(s) URL'],
	])('rejects %s with HTTP 400 naming the field', async (_case, body, message) => {
		const response = await createTask(body);
		expect(response.status).toBe(400);
		expect(await jsonOf(response)).toEqual({ code: 400, msg: expect.stringContaining(message), data: null });
		expect(sandbox.tasks.size).toBe(0);
	});

	it('accepts 3 reference images: URLs ending in the extension (any case) and data URIs', async () => {
		const taskId = await createdTaskId(
			validBody({
				image_input: ['https://example.com/a.JPEG', 'data:image/webp;base64,UklGRg=='],
				reference_images: ['https://example.com/b.webp'],
				aspect_ratio: '21:9',
				resolution: 'high',
				output_format: 'png',
			}),
		);
		expect(sandbox.tasks.get(taskId)?.body.input.resolution).toBe('high');
	});

	it('answers 413 for a body over maxBodyBytes (default 10 MiB)', async () => {
		const dataUri = `data:image/png;base64,${'A'.repeat(10 * 1024 * 1024)}`;
		const response = await createTask(validBody({ image_input: [dataUri] }));
		expect(response.status).toBe(413);
		expect(await jsonOf(response)).toEqual({ code: 413, msg: expect.stringContaining('too large'), data: null });
		expect(sandbox.tasks.size).toBe(0);
	});

	it('gives unique task IDs to creates in the same millisecond', async () => {
		const responses = await Promise.all(Array.from({ length: 20 }, () => createTask(validBody())));
		const taskIds = await Promise.all(responses.map(async (response) => (await jsonOf(response)).data.taskId));
		expect(new Set(taskIds).size).toBe(20);
		taskIds.forEach((taskId) => expect(taskId).toMatch(TASK_ID));
	});
});

describe('task lifecycle and results', () => {
	it('runs waiting -> queuing -> generating -> success with the documented recordInfo shape', async () => {
		const body = validBody({ aspect_ratio: '16:9', resolution: '2K' });
		const taskId = await createdTaskId(body);
		const early = (await jsonOf(await recordInfo(taskId))).data;
		expect(['waiting', 'queuing', 'generating']).toContain(early.state);
		expect(early).toMatchObject({ resultJson: '', costTime: null, completeTime: null });

		const data = await pollUntilFinished(taskId);
		const task = sandbox.tasks.get(taskId)!;
		expect(task.transitions.map((transition) => transition.state)).toEqual(['waiting', 'queuing', 'generating', 'success']);
		expect(data).toEqual({
			taskId,
			model: 'nano-banana-pro',
			state: 'success',
			param: JSON.stringify(body),
			resultJson: JSON.stringify({ resultUrls: [`${sandbox.baseUrl}/files/${taskId}/0.png`] }),
			failCode: '',
			failMsg: '',
			costTime: 200,
			completeTime: task.createdAt + 200,
			createTime: task.createdAt,
			updateTime: task.createdAt + 200,
		});
	});

	it('serves the result as a real PNG sized by aspect ratio and resolution, without auth', async () => {
		const taskId = await createdTaskId(validBody({ aspect_ratio: '16:9', resolution: '2K' }));
		const [url] = JSON.parse((await pollUntilFinished(taskId)).resultJson).resultUrls;
		const response = await fetch(url);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-type')).toBe('image/png');
		const png = Buffer.from(await response.arrayBuffer());
		expect(Number(response.headers.get('content-length'))).toBe(png.length);
		expect(decodePng(png)).toEqual({ width: 64, height: 36 }); // 2048 x 1152 at scale 1/32
		expect(png.equals(await sandbox.imageBytes(taskId))).toBe(true);
	});

	it('renders real-size images and honours [images=N]', async () => {
		sandbox.configure({ imageScale: 1, taskDurationMs: 0 });
		const taskId = await createdTaskId(validBody({ prompt: 'three [images=3]', aspect_ratio: '9:16', resolution: 'low' }));
		const { resultUrls } = JSON.parse((await pollUntilFinished(taskId)).resultJson);
		expect(resultUrls).toHaveLength(3);
		const png = Buffer.from(await (await fetch(resultUrls[2])).arrayBuffer());
		expect(decodePng(png)).toEqual({ width: 576, height: 1024 });
		expect((await fetch(`${sandbox.baseUrl}/files/${taskId}/3.png`)).status).toBe(404);
	});

	it('serves imagen4-ultra asked for jpeg as a real JPEG (.jpg, image/jpeg), and png as PNG', async () => {
		sandbox.configure({ imageScale: 1 / 8 });
		const imagen = (output_format: string) => ({
			model: 'imagen4-ultra',
			input: { prompt: 'a lighthouse', aspect_ratio: 'widescreen_16_9', output_format },
		});
		const jpegTask = await createdTaskId(imagen('jpeg'), /^task_imagen4-ultra_\d{13}$/);
		const [jpegUrl] = JSON.parse((await pollUntilFinished(jpegTask)).resultJson).resultUrls;
		expect(jpegUrl).toBe(`${sandbox.baseUrl}/files/${jpegTask}/0.jpg`);
		const response = await fetch(jpegUrl);
		expect(response.headers.get('content-type')).toBe('image/jpeg');
		const jpeg = Buffer.from(await response.arrayBuffer());
		expect(jpeg.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
		expect(decodeJpeg(jpeg)).toEqual({ width: 256, height: 144, components: 1, blocks: 32 * 18 }); // 2048 x 1152 / 8
		expect((await fetch(`${sandbox.baseUrl}/files/${jpegTask}/0.png`)).status).toBe(404);

		const pngTask = await createdTaskId(imagen('image/png'), /^task_imagen4-ultra_\d{13}$/);
		const [pngUrl] = JSON.parse((await pollUntilFinished(pngTask)).resultJson).resultUrls;
		expect(decodePng(Buffer.from(await (await fetch(pngUrl)).arrayBuffer()))).toEqual({ width: 256, height: 144 });
	});

	it('renders real-size JPEGs in a real JPEG size class', async () => {
		sandbox.configure({ imageScale: 1, taskDurationMs: 0 });
		const taskId = await createdTaskId(
			{ model: 'imagen4-ultra', input: { prompt: 'a lighthouse', output_format: 'jpg' } },
			/^task_imagen4-ultra_/,
		);
		await pollUntilFinished(taskId);
		const jpeg = await sandbox.imageBytes(taskId);
		expect(decodeJpeg(jpeg)).toMatchObject({ width: 2048, height: 2048 });
		expect(jpeg.length).toBeGreaterThan(300_000);
		expect(jpeg.length).toBeLessThan(3_000_000);
	});

	it('fails a [fail] prompt with failCode and failMsg', async () => {
		const taskId = await createdTaskId(validBody({ prompt: 'something [fail]' }));
		expect(await pollUntilFinished(taskId)).toMatchObject({
			state: 'fail',
			resultJson: '',
			failCode: '422',
			failMsg: 'prompt contains prohibited content',
			costTime: 200,
		});
		expect((await fetch(`${sandbox.baseUrl}/files/${taskId}/0.png`)).status).toBe(404);
	});

	it('answers 400 "task not found" for an unknown task', async () => {
		const response = await recordInfo('task_nano-banana-pro_1');
		expect(response.status).toBe(400);
		expect(await jsonOf(response)).toEqual({ code: 400, msg: 'task not found', data: null });
	});
});

describe('rate limit', () => {
	it('answers 429 with Retry-After beyond the window and creates no task', async () => {
		sandbox.configure({ createRateLimit: { max: 3, windowMs: 2000 } });
		for (let i = 0; i < 3; i++) await createdTaskId(validBody());
		const response = await createTask(validBody());
		expect(response.status).toBe(429);
		expect(response.headers.get('retry-after')).toBe('2');
		expect(await jsonOf(response)).toEqual({ code: 429, msg: expect.stringContaining('rate limit'), data: null });
		expect(sandbox.tasks.size).toBe(3);
	});
});

describe('callbacks', () => {
	it('POSTs the recordInfo-shaped body to callBackUrl callbackRepeats times', async () => {
		const receiver = await startReceiver();
		try {
			sandbox.configure({ callbackRepeats: 2, callbackDelayMs: 50 });
			const taskId = await createdTaskId(validBody({}, { callBackUrl: receiver.url }));
			const deliveries = await sandbox.waitForCallbacks(2);
			expect(deliveries.map((entry) => [entry.url, entry.status, entry.delivery])).toEqual([
				[receiver.url, 200, 1],
				[receiver.url, 200, 2],
			]);
			expect(receiver.received).toHaveLength(2);
			for (const { headers, body } of receiver.received) {
				expect(headers['content-type']).toBe('application/json');
				expect(JSON.parse(body)).toEqual({ code: 200, msg: 'success', data: (await pollUntilFinished(taskId)) });
			}
		} finally {
			await receiver.close();
		}
	});

	it('logs what the receiver answered a delivery, a refusal included (n8n: 409 while the execution runs)', async () => {
		const refusal = JSON.stringify({ code: 409, message: 'The execution "7" is running already.' });
		const receiver = await startReceiver(409, refusal);
		try {
			const taskId = await createdTaskId(validBody({}, { callBackUrl: receiver.url }));
			const [delivery] = await sandbox.waitForCallbacks(1);
			expect(delivery).toMatchObject({ route: 'callback', taskId, delivery: 1, status: 409, response: refusal });
		} finally {
			await receiver.close();
		}
	});

	it('tries a delivery that was not answered 2xx again after each retry delay, and stops at the first 2xx', async () => {
		sandbox.configure({ callbackRetryDelaysMs: [100, 100, 100, 100] });
		const receiver = await startReceiver([409, 503, 200]);
		try {
			const taskId = await createdTaskId(validBody({}, { callBackUrl: receiver.url }));
			const attempts = await sandbox.waitForCallbacks(3);
			expect(attempts.map(({ attempt, status }) => [attempt, status])).toEqual([[1, 409], [2, 503], [3, 200]]);
			expect(attempts.every((entry) => entry.taskId === taskId && entry.delivery === 1)).toBe(true);
			await new Promise((resolve) => setTimeout(resolve, 400));
			expect(receiver.received).toHaveLength(3);
		} finally {
			await receiver.close();
		}
	});

	it('loses every callback of a [no-callback] task, and only those', async () => {
		const receiver = await startReceiver();
		try {
			sandbox.configure({ callbackRepeats: 2, callbackDelayMs: 50 });
			const lost = await createdTaskId(validBody({ prompt: 'a lost one [no-callback]' }, { callBackUrl: receiver.url }));
			const delivered = await createdTaskId(validBody({ prompt: 'a delivered one' }, { callBackUrl: receiver.url }));
			await pollUntilFinished(lost);
			const deliveries = await sandbox.waitForCallbacks(2);
			await sleep(200);
			expect(sandbox.callbackCalls().map((entry) => entry.taskId)).toEqual([delivered, delivered]);
			expect(deliveries.every((entry) => entry.status === 200)).toBe(true);
			expect(receiver.received).toHaveLength(2);
			expect(sandbox.tasks.get(lost)?.callback).toMatchObject({ url: receiver.url, repeats: 0, delayMs: 50 });
		} finally {
			await receiver.close();
		}
	});

	it('forges arbitrary callbacks for trigger tests', async () => {
		const receiver = await startReceiver();
		try {
			const entry = await sandbox.forgeCallback(receiver.url, 'not json');
			expect(entry).toMatchObject({ route: 'forgedCallback', status: 200, url: receiver.url });
			expect(receiver.received[0].body).toBe('not json');
		} finally {
			await receiver.close();
		}
	});
});

describe('faults', () => {
	it('answers queued faults once, then normally', async () => {
		sandbox.queueFault({ path: 'createTask', status: 403 });
		sandbox.queueFault({ path: 'recordInfo', status: 500, body: 'upstream exploded', times: 2 });
		const forbidden = await createTask(validBody());
		expect(forbidden.status).toBe(403);
		expect(await jsonOf(forbidden)).toEqual({ code: 403, msg: expect.any(String), data: null });
		const taskId = await createdTaskId(validBody());
		for (let i = 0; i < 2; i++) expect(await (await recordInfo(taskId)).text()).toBe('upstream exploded');
		expect((await recordInfo(taskId)).status).toBe(200);
		expect(sandbox.log.filter((entry) => entry.fault === 'queued')).toHaveLength(3);
	});

	it('drops a connection after creating the task, and records it', async () => {
		sandbox.queueFault({ path: 'createTask', drop: 'after' });
		await expect(createTask(validBody())).rejects.toThrow();
		const [task] = sandbox.tasks.values();
		expect(task.fault).toBe('drop-after-create');
		expect(sandbox.createCalls()[0]).toMatchObject({ status: null, fault: 'drop-after-create', taskId: task.taskId });
	});

	it('applies random fault ratios', async () => {
		sandbox.configure({ create429Ratio: 1, seed: 7 });
		expect((await createTask(validBody())).status).toBe(429);
		expect(sandbox.tasks.size).toBe(0);
		sandbox.configure({ create429Ratio: 0, recordInfo5xxRatio: 1 });
		const taskId = await createdTaskId(validBody());
		expect((await recordInfo(taskId)).status).toBe(500);
		sandbox.configure({ recordInfo5xxRatio: 0, malformedRatio: 1 });
		const malformed = await recordInfo(taskId);
		expect(malformed.status).toBe(200);
		const text = await malformed.text();
		expect(() => JSON.parse(text).data.state.length).toThrow(); // not JSON, or no data.state
		expect(sandbox.recordInfoCalls().map((entry) => entry.fault)).toEqual(['random-500', 'malformed']);
	});
});

describe('control endpoints', () => {
	it('configures, queues faults, reads the log and resets over HTTP', async () => {
		const control = (path: string, body?: unknown) =>
			fetch(`${sandbox.baseUrl}/__sandbox/${path}`, { method: body === undefined ? 'GET' : 'POST', body: JSON.stringify(body) });
		expect((await control('configure', { taskDurationMs: 0 })).status).toBe(200);
		expect((await control('configure', { taskDurationMsTypo: 0 })).status).toBe(400);
		await control('fault', { path: 'createTask', status: 500 });
		expect((await createTask(validBody())).status).toBe(500);
		const taskId = await createdTaskId(validBody());
		const snapshot = await jsonOf(await control('log'));
		expect(snapshot.tasks).toEqual([expect.objectContaining({ taskId, state: 'success' })]);
		expect(snapshot.log.map((entry: { status: number }) => entry.status)).toEqual([500, 200]);
		await control('reset', {});
		expect(sandbox.log).toHaveLength(0);
	});
});

describe('close', () => {
	// Run in a child process: if close() left a socket or a timer behind, the child would not exit.
	const childScript = `
		const { startSandbox } = require(${JSON.stringify(path.resolve(__dirname, '../../../tools/sandbox'))});
		(async () => {
			const sandbox = await startSandbox({ taskDurationMs: 60000 });
			const headers = { authorization: 'Bearer ' + sandbox.apiKey };
			const body = { model: 'nano-banana-pro', input: { prompt: 'pending callback' }, callBackUrl: 'http://127.0.0.1:9/hook' };
			await fetch(sandbox.baseUrl + '/api/v1/jobs/createTask', { method: 'POST', headers, body: JSON.stringify(body) });
			sandbox.configure({ slowResponseMs: 60000 });
			const slowAnswer = fetch(sandbox.baseUrl + '/api/v1/jobs/recordInfo?taskId=x', { headers })
				.then(() => 'answered', () => 'connection closed');
			const waiting = sandbox.waitForCallbacks(1, 60000).catch((error) => error.message);
			await new Promise((resolve) => setTimeout(resolve, 50));
			await sandbox.close();
			console.log(JSON.stringify([await slowAnswer, await waiting]));
		})();
	`;

	it('closes the server, open sockets and pending timers, so the process can exit', async () => {
		const { stdout } = await promisify(execFile)(process.execPath, ['-e', childScript], { timeout: 5000 });
		expect(JSON.parse(stdout)).toEqual(['connection closed', 'sandbox closed']);
	});
});

describe('the sandbox survives a malformed request and listens on loopback only', () => {
	/** Sends a raw request line (fetch would normalize the target) and answers the status code. */
	function rawStatus(target: string): Promise<number> {
		return new Promise((resolve, reject) => {
			const request = http.request({ host: '127.0.0.1', port: sandbox.port, path: target }, (response) => {
				response.resume();
				resolve(response.statusCode ?? 0);
			});
			request.on('error', reject);
			request.end();
		});
	}

	it('answers 400 to GET //[ and keeps serving', async () => {
		expect(await rawStatus('//[')).toBe(400);
		expect((await recordInfo('task_unknown')).status).toBe(400);
		expect(await createdTaskId(validBody())).toMatch(TASK_ID);
	});

	it('listens on 127.0.0.1 only and refuses any other host', async () => {
		expect(sandbox.baseUrl).toBe(`http://127.0.0.1:${sandbox.port}`);
		// The machine's other addresses must not reach it.
		const otherAddresses = Object.values(os.networkInterfaces())
			.flat()
			.filter((address) => address && !address.internal && address.family === 'IPv4')
			.map((address) => address!.address);
		for (const address of otherAddresses) {
			await expect(fetch(`http://${address}:${sandbox.port}/`)).rejects.toThrow();
		}
		await expect(startSandbox({ host: '0.0.0.0' })).rejects.toThrow('sandbox option host must be a loopback address');
		await expect(startSandbox({ host: '192.168.1.10' })).rejects.toThrow('loopback');
	});
});
