import type { INodeParameters } from 'n8n-workflow';

import { startFakeServer, successfulTask, type FakeServer } from '../../../helpers/fakeServer';
import { runNanoBanana, visibleText } from '../../../helpers/liangxin';

const API_KEY = 'sk-redirect-secret';
const TASK_ID = 'task_nano-banana-pro_1777600000000';

describe('the API key never follows a redirect to another host', () => {
	let otherHost: FakeServer;
	let api: FakeServer;

	beforeAll(async () => {
		// Answers like LiangXin, so a followed redirect would succeed.
		otherHost = await startFakeServer((request, response) => {
			response.setHeader('content-type', 'application/json');
			const body = request.url?.includes('createTask')
				? { code: 200, msg: 'success', data: { taskId: TASK_ID } }
				: successfulTask(TASK_ID, []);
			response.end(JSON.stringify(body));
		});
		api = await startFakeServer((request, response) => {
			const status = request.method === 'POST' ? 307 : 302;
			response.writeHead(status, { location: `${otherHost.url}${request.url}&signature=hidden-part` }).end();
		});
	});
	afterAll(async () => {
		await api.close();
		await otherHost.close();
	});
	beforeEach(() => {
		api.requests.length = 0;
		otherHost.requests.length = 0;
	});

	const run = async (parameters: INodeParameters) =>
		await runNanoBanana({ apiKey: API_KEY, baseUrl: api.url }, { parameters });

	it('Get Task: a 302 to another origin is an error naming the status and that origin only', async () => {
		const result = await run({ operation: 'getTask', taskId: TASK_ID });
		expect(api.requests).toHaveLength(1);
		expect(api.requests[0].headers.authorization).toBe(`Bearer ${API_KEY}`);
		expect(otherHost.requests).toEqual([]);
		expect(result.error?.message).toBe(`LiangXin API error 302 for task ${TASK_ID}: redirected to ${otherHost.url}`);
		expect((result.error as Error & { description?: string }).description).toMatch(/Check the Base URL/);
		expect(visibleText(result)).not.toContain(API_KEY);
		expect(visibleText(result)).not.toContain('hidden-part');
	});

	it('Create Task: a 307 is not followed either, and nothing reaches the other host', async () => {
		const result = await run({ operation: 'createTask', prompt: 'a redirected create' });
		expect(otherHost.requests).toEqual([]);
		expect(result.error?.message).toBe(`LiangXin API error 307: redirected to ${otherHost.url}`);
	});
});
