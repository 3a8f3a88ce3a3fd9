// API answers are read up to 1 MB after decompression, and no further: a small compressed answer, or one
// that never ends, must not make n8n hold (and parse) hundreds of MB.
import type { ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';

import type { INodeParameters } from 'n8n-workflow';

import { LiangXinApi } from '../../../../credentials/LiangXinApi.credentials';
import { VERIFY_BUDGET } from '../../../../nodes/shared/tasks/callbackAnswer';
import { LiangXinTrigger } from '../../../../nodes/LiangXinTrigger/LiangXinTrigger.node';
import { startFakeServer, successfulTask, type FakeServer } from '../../../helpers/fakeServer';
import { runNanoBanana } from '../../../helpers/liangxin';
import { runWebhook } from '../../../helpers/n8n';

// The stall below is given up on the Trigger's budget, on a clock four times as fast.
jest.mock('../../../../nodes/shared/tasks/callbackAnswer', () => jest.requireActual('../../../helpers/callbackTimeScale').scaledCallbackAnswer());

const TASK_ID = 'task_nano-banana-pro_1777600000008';
const ONE_MB = 1024 * 1024;

/** A recordInfo answer of about `bytes` bytes of JSON: a finished task with a long extra field. */
function taskAnswerOf(bytes: number): string {
	const task = successfulTask(TASK_ID, []) as { data: Record<string, unknown> };
	task.data.padding = 'p'.repeat(bytes);
	return JSON.stringify(task);
}

/** Writes `total` bytes of one JSON string in 64 KB chunks, as fast as the reader reads; how many went out. */
async function stream(response: ServerResponse, total: number): Promise<number> {
	response.writeHead(200, { 'content-type': 'application/json' });
	let written = 0;
	const chunk = Buffer.alloc(64 * 1024, 'p');
	response.write('{"code":200,"data":{"taskId":"x","padding":"');
	while (written < total && !response.destroyed) {
		written += chunk.length;
		if (!response.write(chunk)) {
			await new Promise((resolve) => {
				response.once('drain', resolve);
				response.once('close', resolve);
			});
		}
	}
	response.end('"}}');
	return written;
}

describe('API answers are capped at 1 MB after decompression', () => {
	let api: FakeServer;
	let answer: (response: ServerResponse) => unknown;
	let bytesWritten: Promise<number> | undefined;

	beforeAll(async () => {
		api = await startFakeServer((_request, response) => answer(response));
	});
	afterAll(async () => await api.close());
	beforeEach(() => {
		api.requests.length = 0;
		bytesWritten = undefined;
	});

	const run = async (parameters: INodeParameters) => await runNanoBanana({ apiKey: 'sk-test', baseUrl: api.url }, { parameters });

	it('a 5 MB recordInfo answer sent gzip-compressed is refused, naming the limit and the task, and not retried', async () => {
		const compressed = gzipSync(taskAnswerOf(5 * ONE_MB));
		expect(compressed.length).toBeLessThan(20_000);
		answer = (response) => response.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(compressed);
		const result = await run({ operation: 'getTask', taskId: TASK_ID });
		expect(result.output).toEqual([]);
		expect(result.error?.message).toBe(`LiangXin's answer for task ${TASK_ID} is larger than 1 MB, the most an API answer may be`);
		expect((result.error as { description?: string }).description).toMatch(/Check the Base URL/);
		expect(api.requests).toHaveLength(1);
	});

	it('an answer that goes on and on is refused while it arrives: the reading stops near 1 MB', async () => {
		answer = (response) => (bytesWritten = stream(response, 64 * ONE_MB));
		const result = await run({ operation: 'getTask', taskId: TASK_ID });
		expect(result.error?.message).toMatch(/is larger than 1 MB/);
		// The server stops when the client hangs up; socket buffers hold a few MB at most.
		expect(await bytesWritten).toBeLessThan(16 * ONE_MB);
	}, 30_000);

	it('a create answer over the limit is refused once, and says the task may exist', async () => {
		answer = (response) => response.writeHead(200, { 'content-type': 'application/json' }).end(taskAnswerOf(2 * ONE_MB));
		const result = await run({ operation: 'createTask', prompt: 'a huge answer' });
		expect(result.error?.message).toBe("LiangXin's answer is larger than 1 MB, the most an API answer may be");
		expect((result.error as { description?: string }).description).toMatch(/may have created \(and will bill\) a task/);
		expect(api.requests).toHaveLength(1);
	});

	it('an answer just under the limit, compressed or not, is read as usual', async () => {
		const body = taskAnswerOf(ONE_MB - 2000);
		for (const encoding of ['gzip', 'identity']) {
			answer = (response) =>
				response
					.writeHead(200, { 'content-type': 'application/json', 'content-encoding': encoding })
					.end(encoding === 'gzip' ? gzipSync(body) : body);
			const result = await run({ operation: 'getTask', taskId: TASK_ID, options: { includeRaw: true } });
			expect(result.error).toBeUndefined();
			expect(result.output[0].json).toMatchObject({ taskId: TASK_ID, status: 'success' });
		}
	});

	it("an answer that stalls halfway is given up within the request's time budget", async () => {
		answer = (response) => response.writeHead(200, { 'content-type': 'application/json' }).write('{"code":200,"data":{"taskId":');
		const started = Date.now();
		// The Trigger verifies a callback on a short budget: two attempts of 4 s (1 s here) and a pause between them.
		const delivered = await runWebhook({
			node: new LiangXinTrigger(),
			parameters: {},
			request: { body: successfulTask(TASK_ID, []) },
			staticData: {},
			credentials: { liangXinApi: { apiKey: 'sk-test', baseUrl: api.url } },
			credentialTypes: [new LiangXinApi()],
		});
		const { maxRetries, maxDelayMs } = VERIFY_BUDGET.retry;
		expect(delivered.answered?.status).toBe(503);
		expect(api.requests).toHaveLength(maxRetries + 1);
		expect(Date.now() - started).toBeLessThan((maxRetries + 1) * VERIFY_BUDGET.timeoutMs + maxDelayMs + 2000);
	});

	it('a body that is not JSON is still handed on as text, for the error that quotes it', async () => {
		answer = (response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<html>gateway</html>');
		const result = await run({ operation: 'getTask', taskId: TASK_ID });
		expect(result.error?.message).toBe(`Unexpected answer from LiangXin for task ${TASK_ID}: the body is not a JSON object`);
		expect((result.error as { description?: string }).description).toContain('Raw answer: <html>gateway</html>');
	});
});
