import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { LiangXinApi } from '../../../credentials/LiangXinApi.credentials';
import { SEEN_DELIVERIES_LIMIT } from '../../../nodes/LiangXinTrigger/callback';
import { LiangXinTrigger } from '../../../nodes/LiangXinTrigger/LiangXinTrigger.node';
import { runWebhook, type WebhookRequest } from '../../helpers/n8n';
import { runNanoBanana, useSandbox } from '../../helpers/liangxin';

describe('LiangXin Trigger', () => {
	const sandbox = useSandbox({ taskDurationMs: 100 });

	/** A finished task in the sandbox and its recordInfo body, exactly what LiangXin would POST. */
	async function finishedTask(prompt = 'a finished picture') {
		const created = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt } });
		const taskId = String(created.output[0].json.taskId);
		await new Promise((resolve) => setTimeout(resolve, 150));
		const answer = await fetch(`${sandbox().baseUrl}/api/v1/jobs/recordInfo?taskId=${taskId}`, {
			headers: { authorization: `Bearer ${sandbox().apiKey}` },
		});
		return { taskId, body: (await answer.json()) as IDataObject };
	}

	const deliver = async (request: WebhookRequest, parameters: INodeParameters = {}, staticData: IDataObject = {}) =>
		await runWebhook({
			node: new LiangXinTrigger(),
			parameters,
			request,
			staticData,
			credentials: { liangXinApi: { apiKey: sandbox().apiKey, baseUrl: sandbox().baseUrl } },
			credentialTypes: [new LiangXinApi()],
		});

	it('is a POST webhook trigger with no inputs, not a tool', () => {
		const { description } = new LiangXinTrigger();
		expect(description.inputs).toEqual([]);
		expect(description.webhooks).toEqual([expect.objectContaining({ httpMethod: 'POST', name: 'default' })]);
		expect(description.usableAsTool).toBeUndefined();
	});

	it('emits the normalized task, the same shape the Nano Banana Pro node outputs', async () => {
		const { taskId, body } = await finishedTask();
		const delivered = await deliver({ body });
		const got = await runNanoBanana(sandbox(), { parameters: { operation: 'getTask', taskId } });
		expect(delivered.emitted).toEqual([{ json: got.output[0].json }]);
		expect(delivered.emitted[0].json).toMatchObject({ taskId, status: 'success' });
	});

	it('downloads the images as binary when asked', async () => {
		const { taskId, body } = await finishedTask('two pictures [images=2]');
		const delivered = await deliver({ body }, { options: { downloadImages: true } });
		expect(Object.keys(delivered.emitted[0].binary ?? {})).toEqual(['data', 'data_1']);
		expect((await delivered.binary(0, 'data_1')).equals(await sandbox().imageBytes(taskId, 1))).toBe(true);
	});

	describe('secret token', () => {
		const parameters = { token: 's3cret-token' };

		it.each([
			['missing', {}],
			['wrong', { token: 's3cret-tokeN' }],
			['longer', { token: 's3cret-token-and-more' }],
		])('answers 401 and starts nothing when the token is %s', async (_case, query) => {
			const { body } = await finishedTask();
			const delivered = await deliver({ body, query }, parameters);
			expect(delivered.answered).toEqual({ status: 401, body: { error: 'missing or wrong token' } });
			expect(delivered.emitted).toEqual([]);
		});

		it('starts the workflow when the token matches', async () => {
			const { body } = await finishedTask();
			const delivered = await deliver({ body, query: { token: 's3cret-token' } }, parameters);
			expect(delivered.emitted).toHaveLength(1);
		});
	});

	describe('robustness', () => {
		it.each([
			['a body that is not JSON', { body: {}, rawBody: Buffer.from('hello there') }, 'not a LiangXin task callback: the body is not a JSON object'],
			['JSON without a task ID', { body: { code: 200, msg: 'success', data: { state: 'success' } } }, 'not a LiangXin task callback: it has no task ID'],
		])('answers 400 to %s and starts nothing', async (_case, request, error) => {
			const delivered = await deliver(request as WebhookRequest);
			expect(delivered.answered).toEqual({ status: 400, body: { error } });
			expect(delivered.emitted).toEqual([]);
		});

		it('reads a JSON body that arrived as raw text', async () => {
			const { body, taskId } = await finishedTask();
			const delivered = await deliver({ body: {}, rawBody: Buffer.from(JSON.stringify(body)) });
			expect(delivered.emitted[0].json.taskId).toBe(taskId);
		});
	});

	describe('events', () => {
		it('acknowledges a filtered-out event with 200 and starts nothing', async () => {
			const { body } = await finishedTask();
			const delivered = await deliver({ body }, { events: ['fail'] });
			expect(delivered.answered).toEqual({ status: 200, body: { received: true, started: false, reason: 'task is success' } });
			expect(delivered.emitted).toEqual([]);
		});

		it('emits a failed task when failures are wanted', async () => {
			const { body } = await finishedTask('a [fail] picture');
			const delivered = await deliver({ body }, { events: ['fail'] });
			expect(delivered.emitted[0].json).toMatchObject({ status: 'fail', failCode: '422' });
		});
	});

	describe('duplicate deliveries', () => {
		it('emits the same task and state once, acknowledging repeats with 200', async () => {
			const { body } = await finishedTask();
			const staticData: IDataObject = {};
			const first = await deliver({ body }, {}, staticData);
			const second = await deliver({ body }, {}, staticData);
			expect(first.emitted).toHaveLength(1);
			expect(second.emitted).toEqual([]);
			expect(second.answered).toEqual({ status: 200, body: { received: true, started: false, reason: 'duplicate delivery' } });
		});

		it('emits once when two copies arrive at the same time, each with its own copy of static data', async () => {
			const { body } = await finishedTask();
			const [first, second] = await Promise.all([
				deliver({ body }, { verifyWithApi: true }, {}),
				deliver({ body }, { verifyWithApi: true }, {}),
			]);
			expect(first.emitted.length + second.emitted.length).toBe(1);
		});

		it('lets a later copy through when the first one started nothing', async () => {
			sandbox().configure({ taskDurationMs: 500 });
			const created = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt: 'finishes later' } });
			const taskId = String(created.output[0].json.taskId);
			const claim = { code: 200, data: { taskId, state: 'success' } };
			const staticData: IDataObject = {};
			const early = await deliver({ body: claim }, { verifyWithApi: true }, staticData);
			expect(early.emitted).toEqual([]);
			await new Promise((resolve) => setTimeout(resolve, 600));
			const later = await deliver({ body: claim }, { verifyWithApi: true }, staticData);
			expect(later.emitted).toHaveLength(1);
		});

		it('remembers a bounded number of deliveries', async () => {
			const staticData: IDataObject = {};
			for (let index = 0; index < SEEN_DELIVERIES_LIMIT + 5; index++) {
				await deliver({ body: { code: 200, data: { taskId: `t${index}`, state: 'success' } } }, {}, staticData);
			}
			expect((staticData['node:LiangXin Trigger'] as IDataObject).seenDeliveries).toHaveLength(SEEN_DELIVERIES_LIMIT);
			const again = await deliver({ body: { code: 200, data: { taskId: 't0', state: 'success' } } }, {}, staticData);
			expect(again.emitted).toHaveLength(1);
		}, 60_000);
	});

	describe('verification with the API', () => {
		it("emits the API's answer, not the posted body", async () => {
			const { taskId, body } = await finishedTask();
			const forged = structuredClone(body);
			(forged.data as IDataObject).resultJson = JSON.stringify({ resultUrls: ['https://evil.example.com/x.png'] });
			const delivered = await deliver({ body: forged }, { verifyWithApi: true });
			expect(delivered.emitted[0].json.imageUrls).toEqual(sandbox().tasks.get(taskId)!.resultUrls);
			expect(sandbox().recordInfoCalls().at(-1)?.query.taskId).toBe(taskId);
		});

		it('does not emit a forged success for a task that is still running', async () => {
			sandbox().configure({ taskDurationMs: 60_000 });
			const running = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt: 'still running' } });
			const taskId = String(running.output[0].json.taskId);
			const forged = { code: 200, msg: 'success', data: { taskId, state: 'success', resultJson: '{"resultUrls":["https://evil.example.com/x.png"]}' } };
			const delivered = await deliver({ body: forged }, { verifyWithApi: true });
			expect(delivered.emitted).toEqual([]);
			expect(delivered.answered?.status).toBe(200);
			expect(delivered.answered?.body).toMatchObject({ started: false });
		});
	});
});
