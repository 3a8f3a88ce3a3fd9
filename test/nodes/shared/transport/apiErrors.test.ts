import { prompts, runNanoBanana, useSandbox, visibleText } from '../../../helpers/liangxin';

// About what the node outputs, not when it polls: its poll schedule runs on a faster clock.
jest.mock('../../../../nodes/shared/tasks/polling', () => jest.requireActual('../../../helpers/pollTimeScale').scaledPolling());

const createTask = { operation: 'createTask', prompt: 'a cat on a roof' };

describe('API errors and retries', () => {
	const sandbox = useSandbox({ taskDurationMs: 300 });

	it('401 (platform envelope): names the status, the API message and the fix, never the key', async () => {
		const wrongKey = 'sk-wrong-key-123456';
		const result = await runNanoBanana(sandbox(), { parameters: createTask, apiKey: wrongKey });
		expect(result.error?.message).toBe('LiangXin API error 401: invalid token');
		expect((result.error as { description?: string }).description).toBe('Check the API key in the LiangXin API credential.');
		expect(visibleText(result)).not.toContain(wrongKey);
		expect(sandbox().createCalls().every((call) => !call.authorized)).toBe(true);
	});

	it.each([
		[400, 'price not configured', /check the node parameters/],
		[403, 'insufficient quota', /no quota left or no access/],
		[413, 'request body too large', /pass reference images as URLs, or use smaller images/],
		[422, 'upstream validation rejected the request', /upstream model rejected the input/],
		[500, 'upstream task error', /try again later/],
	])('HTTP %i on createTask: message, advice, no retry, no key', async (status, msg, advice) => {
		sandbox().queueFault({ path: 'createTask', status, body: { code: status, msg, data: null } });
		const result = await runNanoBanana(sandbox(), { parameters: createTask });
		expect(result.error?.message).toBe(`LiangXin API error ${status}: ${msg}`);
		expect((result.error as { description?: string }).description).toMatch(advice);
		expect(sandbox().createCalls()).toHaveLength(1);
		expect(visibleText(result)).not.toContain(sandbox().apiKey);
	});

	it('reads an error inside an HTTP 200 task-layer envelope', async () => {
		sandbox().queueFault({ path: 'createTask', status: 200, body: { code: 403, msg: 'access denied', data: null } });
		const result = await runNanoBanana(sandbox(), { parameters: createTask });
		expect(result.error?.message).toBe('LiangXin API error 403: access denied');
	});

	it('absorbs a 429 storm on create: every item succeeds and each task is created exactly once', async () => {
		sandbox().configure({ createRateLimit: { max: 2, windowMs: 1000 } });
		const texts = ['one', 'two', 'three', 'four', 'five', 'six'].map((word) => `image ${word}`);
		const result = await runNanoBanana(sandbox(), {
			parameters: { operation: 'createAndWait', prompt: '={{ $json.prompt }}', options: { downloadImages: false } },
			items: prompts(...texts),
		});
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.json.status)).toEqual(texts.map(() => 'success'));
		const created = sandbox().createCalls().filter((call) => call.status === 200);
		expect(created.map((call) => (call.body as { input: { prompt: string } }).input.prompt).sort()).toEqual([...texts].sort());
		expect(sandbox().tasks.size).toBe(6);
		// A 429 pauses every create of the execution until Retry-After: each window refuses only the
		// creates beyond its limit (4 of the first 6, then 2 of the remaining 4), none sent too early.
		const refused = sandbox().createCalls().filter((call) => call.status === 429).length;
		expect(refused).toBeGreaterThan(0);
		expect(refused).toBeLessThanOrEqual(6);
	}, 60_000);

	it('gives up on 429 after its retries and says so', async () => {
		sandbox().queueFault({ path: 'createTask', status: 429, headers: { 'Retry-After': '0' }, times: 20 });
		const result = await runNanoBanana(sandbox(), { parameters: createTask });
		expect(result.error?.message).toMatch(/^LiangXin API error 429: \S/);
		expect((result.error as { description?: string }).description).toContain('still refused after 8 retries');
		expect(sandbox().createCalls()).toHaveLength(9);
	});

	it('never retries a create whose connection dropped after sending: the task may exist', async () => {
		sandbox().queueFault({ path: 'createTask', drop: 'after' });
		const result = await runNanoBanana(sandbox(), { parameters: createTask });
		expect(result.error?.message).toMatch(/^Could not reach LiangXin: /);
		expect((result.error as { description?: string }).description).toContain('may have created (and will bill) the task');
		expect(sandbox().createCalls()).toHaveLength(1);
		expect(sandbox().tasks.size).toBe(1);
	});

	it('retries recordInfo on 5xx and dropped connections while waiting', async () => {
		sandbox().queueFault({ path: 'recordInfo', drop: 'before' });
		// Retry-After 0 spares the test the backoff's seconds (retryDelayMs is tested in client.test.ts).
		sandbox().queueFault({ path: 'recordInfo', status: 500, headers: { 'retry-after': '0' }, times: 2 });
		const result = await runNanoBanana(sandbox(), {
			parameters: { operation: 'createAndWait', prompt: 'resilient', options: { downloadImages: false } },
		});
		expect(result.error).toBeUndefined();
		expect(result.output[0].json.status).toBe('success');
		expect(sandbox().recordInfoCalls().length).toBeGreaterThanOrEqual(4);
		expect(sandbox().createCalls()).toHaveLength(1);
	}, 30_000);

	it('reports an unexpected recordInfo body with the raw answer, naming the task', async () => {
		const created = await runNanoBanana(sandbox(), { parameters: createTask });
		const taskId = String(created.output[0].json.taskId);
		sandbox().queueFault({ path: 'recordInfo', status: 200, body: '<html>gateway</html>' });
		const result = await runNanoBanana(sandbox(), { parameters: { operation: 'getTask', taskId } });
		expect(result.error?.message).toBe(`Unexpected answer from LiangXin for task ${taskId}: the body is not a JSON object`);
		expect((result.error as { description?: string }).description).toContain('Raw answer: <html>gateway</html>');
	});
});
