import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { NodeHelpers, type IDataObject, type INode, type INodeParameters, type INodeProperties } from 'n8n-workflow';

import { LiangXinApi } from '../../../credentials/LiangXinApi.credentials';
import { SEEN_DELIVERIES_LIMIT } from '../../../nodes/LiangXinTrigger/callback';
import { LiangXinTrigger } from '../../../nodes/LiangXinTrigger/LiangXinTrigger.node';
import { COPY_LIMITS } from '../../../nodes/shared/util/boundedCopy';
import { MAX_TASK_ID_LENGTH } from '../../../nodes/shared/platform/limits';
import { startFakeServer, type FakeServer } from '../../helpers/fakeServer';
import { runWebhook, type WebhookRequest } from '../../helpers/n8n';
import { runNanoBanana, runVideo, useSandbox } from '../../helpers/liangxin';

interface DeliverySettings {
	staticData?: IDataObject;
	/** The trigger's version in the workflow; the newest when unset. */
	typeVersion?: number;
	/** Where the credential points; the sandbox when unset. */
	baseUrl?: string;
}

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

	const deliver = async (
		request: WebhookRequest,
		parameters: INodeParameters = {},
		{ staticData = {}, typeVersion, baseUrl = sandbox().baseUrl }: DeliverySettings = {},
	) =>
		await runWebhook({
			node: new LiangXinTrigger(),
			parameters,
			request,
			staticData,
			typeVersion,
			credentials: { liangXinApi: { apiKey: sandbox().apiKey, baseUrl } },
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

	it('downloads the video of a video task: images and videos are both accepted, each told by its bytes', async () => {
		sandbox().configure({ videoDurations: null });
		const created = await runVideo(sandbox(), { parameters: { operation: 'createTask', prompt: 'a short clip' } });
		const taskId = String(created.output[0].json.taskId);
		await sleep(150);
		const answer = await fetch(`${sandbox().baseUrl}/api/v1/jobs/recordInfo?taskId=${taskId}`, { headers: { authorization: `Bearer ${sandbox().apiKey}` } });
		const delivered = await deliver({ body: (await answer.json()) as IDataObject }, { options: { downloadImages: true } });
		expect(delivered.emitted[0].binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${taskId}-1.mp4` });
		expect((await delivered.binary(0)).equals(sandbox().videoBytes(taskId))).toBe(true);
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
			const first = await deliver({ body }, {}, { staticData });
			const second = await deliver({ body }, {}, { staticData });
			expect(first.emitted).toHaveLength(1);
			expect(second.emitted).toEqual([]);
			expect(second.answered).toEqual({ status: 200, body: { received: true, started: false, reason: 'duplicate delivery' } });
		});

		it('emits once when two copies arrive at the same time, each with its own copy of static data', async () => {
			const { body } = await finishedTask();
			const [first, second] = await Promise.all([
				deliver({ body }, { verifyWithApi: true }),
				deliver({ body }, { verifyWithApi: true }),
			]);
			expect(first.emitted.length + second.emitted.length).toBe(1);
			expect([first.answered?.status, second.answered?.status]).toContain(503);
		});

		it('lets a later copy through when the first one started nothing', async () => {
			sandbox().configure({ taskDurationMs: 500 });
			const created = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt: 'finishes later' } });
			const taskId = String(created.output[0].json.taskId);
			const claim = { code: 200, data: { taskId, state: 'success' } };
			const staticData: IDataObject = {};
			const early = await deliver({ body: claim }, { verifyWithApi: true }, { staticData });
			expect(early.emitted).toEqual([]);
			await new Promise((resolve) => setTimeout(resolve, 600));
			const later = await deliver({ body: claim }, { verifyWithApi: true }, { staticData });
			expect(later.emitted).toHaveLength(1);
		});

		it('remembers a bounded number of deliveries', async () => {
			const unverified = { verifyWithApi: false };
			const staticData: IDataObject = {};
			for (let index = 0; index < SEEN_DELIVERIES_LIMIT + 5; index++) {
				await deliver({ body: { code: 200, data: { taskId: `t${index}`, state: 'success' } } }, unverified, { staticData });
			}
			expect((staticData['node:LiangXin Trigger'] as IDataObject).seenDeliveries).toHaveLength(SEEN_DELIVERIES_LIMIT);
			const again = await deliver({ body: { code: 200, data: { taskId: 't0', state: 'success' } } }, unverified, { staticData });
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

	describe('a forged callback never makes n8n fetch a URL', () => {
		let internal: FakeServer;
		beforeAll(async () => {
			internal = await startFakeServer();
		});
		afterAll(async () => await internal.close());
		beforeEach(() => internal.requests.splice(0));

		/** A genuine finished task's body, its result URLs swapped for an internal address. */
		async function forgedCallback() {
			const { taskId, body } = await finishedTask();
			const forged = structuredClone(body);
			(forged.data as IDataObject).resultJson = JSON.stringify({ resultUrls: [`${internal.url}/latest/meta-data`] });
			return { taskId, forged };
		}
		const downloads = { options: { downloadImages: true } };

		it("defaults to verification from version 1.1 on, and keeps version 1's stored default (off)", () => {
			const { description } = new LiangXinTrigger();
			expect(description.version).toEqual([1, 1.1]);
			expect(description.defaultVersion).toBe(1.1);
			const defaults = (typeVersion: number) =>
				NodeHelpers.getNodeParameters(description.properties, {}, true, false, { typeVersion } as INode, description);
			expect(defaults(1)?.verifyWithApi).toBe(false);
			expect(defaults(1.1)?.verifyWithApi).toBe(true);
		});

		it('offers Download Images only while callbacks are verified', () => {
			const options = new LiangXinTrigger().description.properties.find((property) => property.name === 'options');
			const download = options?.options?.find((option) => option.name === 'downloadImages');
			expect((download as INodeProperties).displayOptions).toEqual({ show: { '/verifyWithApi': [true] } });
		});

		it('version 1.1: emits the API answer and downloads only the images LiangXin named', async () => {
			const { taskId, forged } = await forgedCallback();
			const delivered = await deliver({ body: forged }, downloads, { typeVersion: 1.1 });
			expect(delivered.emitted[0].json.imageUrls).toEqual(sandbox().tasks.get(taskId)!.resultUrls);
			expect((await delivered.binary(0)).equals(await sandbox().imageBytes(taskId, 0))).toBe(true);
			expect(internal.requests).toEqual([]);
		});

		it.each([
			['version 1 (its stored default: no verification)', 1, downloads],
			['version 1.1 with verification turned off', 1.1, { ...downloads, verifyWithApi: false }],
		])('%s: emits the posted body as data and downloads nothing', async (_case, typeVersion, parameters) => {
			const { forged } = await forgedCallback();
			const delivered = await deliver({ body: forged }, parameters, { typeVersion });
			expect(delivered.emitted).toHaveLength(1);
			expect(delivered.emitted[0].json.imageUrls).toEqual([`${internal.url}/latest/meta-data`]);
			expect(delivered.emitted[0].binary).toBeUndefined();
			expect(internal.requests).toEqual([]);
		});

		it('a forged callback for a task LiangXin does not know starts nothing and fetches nothing', async () => {
			const forged = { code: 200, data: { taskId: 'task_forged', state: 'success', resultJson: { resultUrls: [`${internal.url}/x.png`] } } };
			const delivered = await deliver({ body: forged }, downloads);
			expect(delivered.answered?.status).toBe(503);
			expect(delivered.emitted).toEqual([]);
			expect(internal.requests).toEqual([]);
		});
	});

	describe('a callback is never lost', () => {
		// Each test has its own task: the trigger remembers emitted deliveries for the whole process.
		const callback = (taskId: string) => ({ code: 200, msg: 'success', data: { taskId, state: 'success' } });

		/** A LiangXin API whose recordInfo answers are held until `open()`, then answered by `reply`. */
		function heldApi() {
			let open!: () => void;
			const gate = new Promise<void>((resolve) => (open = resolve));
			const api = {
				reply: (response: ServerResponse) => response.writeHead(500, { 'content-type': 'application/json' }).end('{"code":500,"msg":"down"}'),
				open: () => open(),
				server: startFakeServer(async (_request, response) => {
					await gate;
					api.reply(response);
				}),
			};
			return api;
		}

		it('answers a copy that arrives while the first is in flight 503, so that LiangXin delivers it again', async () => {
			const api = heldApi();
			const server = await api.server;
			const body = callback('task_held');
			try {
				const staticData: IDataObject = {};
				const first = deliver({ body }, {}, { staticData, baseUrl: server.url });
				while (server.requests.length === 0) await sleep(10);

				const copy = await deliver({ body }, {}, { staticData, baseUrl: server.url });
				expect(copy.answered).toEqual({ status: 503, body: { error: 'another delivery of this task is being handled: send it again later' } });
				expect(copy.headers['retry-after']).toBe('10');

				api.open();
				const failed = await first;
				expect(failed.error).toBeUndefined();
				expect(failed.answered?.status).toBe(503);
				expect(failed.emitted).toEqual([]);

				api.reply = (response) => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
				const redelivered = await deliver({ body }, {}, { staticData, baseUrl: server.url });
				expect(redelivered.emitted).toHaveLength(1);
				const repeat = await deliver({ body }, {}, { staticData, baseUrl: server.url });
				expect(repeat.answered).toEqual({ status: 200, body: { received: true, started: false, reason: 'duplicate delivery' } });
			} finally {
				await server.close();
			}
		});

		it('answers 503 itself, after one retry, when the API cannot be reached', async () => {
			const closed = await startFakeServer();
			await closed.close();
			const started = Date.now();
			const delivered = await deliver({ body: callback('task_api_down') }, {}, { baseUrl: closed.url });
			expect(Date.now() - started).toBeLessThan(10_000);
			expect(delivered.error).toBeUndefined();
			expect(delivered.answered).toEqual({ status: 503, body: { error: 'the callback could not be handled now: send it again later' } });
			expect(delivered.logs.join('\n')).toContain('Could not reach LiangXin for task task_api_down: ECONNREFUSED');
			expect(delivered.logs.join('\n')).not.toContain(sandbox().apiKey);
		}, 20_000);

		it('gives a hanging API about 10 seconds in all: two attempts, then 503', async () => {
			const hanging = await startFakeServer(() => undefined);
			try {
				const started = Date.now();
				const delivered = await deliver({ body: callback('task_api_hangs') }, {}, { baseUrl: hanging.url });
				expect(Date.now() - started).toBeLessThan(10_000);
				expect(hanging.requests).toHaveLength(2);
				expect(delivered.answered?.status).toBe(503);
			} finally {
				await hanging.close();
			}
		}, 20_000);
	});

	describe('task IDs are bounded', () => {
		it(`answers 400 to a task ID over ${MAX_TASK_ID_LENGTH} characters`, async () => {
			const staticData: IDataObject = {};
			const delivered = await deliver({ body: { data: { taskId: 't'.repeat(5_000_000), state: 'success' } } }, {}, { staticData });
			expect(delivered.answered).toEqual({ status: 400, body: { error: `not a LiangXin task callback: its task ID is longer than ${MAX_TASK_ID_LENGTH} characters` } });
			expect(staticData).toEqual({});
		});

		it('remembers a delivery under a short key, whatever the task ID', async () => {
			const staticData: IDataObject = {};
			const body = { data: { taskId: 't'.repeat(MAX_TASK_ID_LENGTH), state: 'success' } };
			expect((await deliver({ body }, { verifyWithApi: false }, { staticData })).emitted).toHaveLength(1);
			const [key] = (staticData['node:LiangXin Trigger'] as IDataObject).seenDeliveries as string[];
			expect(key.length).toBeLessThanOrEqual(64);
			expect((await deliver({ body }, { verifyWithApi: false }, { staticData })).emitted).toEqual([]);
		});
	});

	describe('a deeply nested body still makes a storable item', () => {
		it('emits a bounded copy of a param.input 5000 levels deep', async () => {
			const param = `{"input":${'{"deeper":'.repeat(5000)}"bottom"${'}'.repeat(5000)}}`;
			const body = { data: { taskId: 'task_deep', state: 'success', param } };
			const delivered = await deliver({ body }, { verifyWithApi: false, options: { includeRaw: true } });
			const stored = JSON.stringify(delivered.emitted[0].json);
			expect(stored).toContain(`[cut: deeper than ${COPY_LIMITS.maxDepth} levels]`);
		});
	});

	describe('with verification, deliveries are known by the verified state', () => {
		it('a forged success for a failed task does not make the genuine failure emit twice', async () => {
			const { taskId, body: genuine } = await finishedTask('a [fail] picture');
			const forged = { code: 200, msg: 'success', data: { taskId, state: 'success', resultJson: '{"resultUrls":["https://evil.example.com/x.png"]}' } };
			const staticData: IDataObject = {};
			const first = await deliver({ body: forged }, {}, { staticData });
			expect(first.emitted[0].json).toMatchObject({ taskId, status: 'fail' });
			const second = await deliver({ body: genuine }, {}, { staticData });
			expect(second.emitted).toEqual([]);
			expect(second.answered?.body).toMatchObject({ reason: 'duplicate delivery' });
		});
	});

	describe('the Secret Token is not in what the trigger emits', () => {
		it('masks it in the raw body and its param', async () => {
			const receiver = await startFakeServer((_request, response) => response.writeHead(200).end());
			try {
				const callbackUrl = `${receiver.url}/webhook/liangxin?token=s3cret-value`;
				const created = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt: 'a masked picture', options: { callbackUrl } } });
				const taskId = String(created.output[0].json.taskId);
				await sleep(150);
				const delivered = await deliver({ body: { code: 200, data: { taskId, state: 'success' } } }, { options: { includeRaw: true } });
				const emitted = JSON.stringify(delivered.emitted[0].json);
				expect(emitted).toContain('token=***');
				expect(emitted).not.toContain('s3cret-value');
			} finally {
				await receiver.close();
			}
		});
	});
});
