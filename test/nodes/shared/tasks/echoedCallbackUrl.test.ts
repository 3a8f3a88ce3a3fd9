// n8n's resume URL carries the execution's resume token as `?signature=`: whoever reads it can resume
// any later waiting webhook of that execution. LiangXin echoes the callback URL it was given, so every
// copy of it in an output or an error must show no query value.
import type { INodeParameters } from 'n8n-workflow';

import { LiangXinApi } from '../../../../credentials/LiangXinApi.credentials';
import { LiangXinNanoBananaPro } from '../../../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import { LiangXinTrigger } from '../../../../nodes/LiangXinTrigger/LiangXinTrigger.node';
import { startFakeServer, successfulTask, type FakeServer } from '../../../helpers/fakeServer';
import { prompts, runNanoBanana, useSandbox, visibleText } from '../../../helpers/liangxin';
import { runWebhook } from '../../../helpers/n8n';
import { itemsNode, outputOf, workflowNode, workflowRunner } from '../../../helpers/workflowExecute';

const SIGNATURE = 'a1b2c3d4'.repeat(8);
const OTHER_VALUE = 'item-secret-7';
const RESUME_URL = `https://n8n.example.com/webhook-waiting/77/callback?signature=${SIGNATURE}&item=${OTHER_VALUE}`;
const TASK_ID = 'task_nano-banana-pro_1777600000077';

/** Whatever a user could read of an output: no query value of the callback URL may appear in it. */
function expectNoQueryValue(text: string) {
	expect(text).not.toContain(SIGNATURE);
	expect(text).not.toContain(OTHER_VALUE);
}

describe('the callback URL LiangXin echoes shows no query value, in the sandbox', () => {
	const sandbox = useSandbox({ taskDurationMs: 0 });

	it('Get Task with Include Raw: raw and input show the callback URL with every query value masked', async () => {
		const created = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt: 'a signed boat', options: { callbackUrl: RESUME_URL } } });
		expect((sandbox().createCalls()[0].body as { callBackUrl: string }).callBackUrl).toBe(RESUME_URL);
		expectNoQueryValue(visibleText(created));

		const got = await runNanoBanana(sandbox(), {
			parameters: { operation: 'getTask', taskId: String(created.output[0].json.taskId), options: { includeRaw: true } },
		});
		expect(got.output[0].json.status).toBe('success');
		expect(JSON.stringify(got.output[0].json.raw)).toContain('signature=***&item=***');
		expectNoQueryValue(visibleText(got));
	});

	it('Pause Until Callback with Include Raw: the results read just before the pause carry no signature value', async () => {
		const liangXin = new LiangXinNanoBananaPro();
		const runner = workflowRunner({
			nodes: [
				workflowNode('Prompts', 'prompts'),
				workflowNode(
					'Generate',
					liangXin.description.name,
					{
						operation: 'createAndWait',
						waitMode: 'pause',
						prompt: '={{ $json.prompt }}',
						options: { allowLocalCallbackUrl: true, includeRaw: true, downloadImages: false },
					},
					{ credentials: { liangXinApi: { id: 'liangXinApi', name: 'liangXinApi' } } },
				),
				workflowNode('Results', 'prompts'),
			],
			connections: { Generate: { main: [[], [{ node: 'Results', type: 'main', index: 0 }]] }, Prompts: { main: [[{ node: 'Generate', type: 'main', index: 0 }]] } },
			nodeTypes: { prompts: itemsNode('prompts', prompts('a quick kite', 'a quick door')), [liangXin.description.name]: liangXin },
			credentials: { liangXinApi: { apiKey: sandbox().apiKey, baseUrl: sandbox().baseUrl } },
			credentialTypes: [new LiangXinApi()],
		});

		const run = await runner.start('Prompts');
		expect(run.status).toBe('success');
		const sent = new URL((sandbox().createCalls()[0].body as { callBackUrl: string }).callBackUrl);
		const signature = sent.searchParams.get('signature') ?? '';
		expect(signature).toMatch(/^[0-9a-f]{64}$/);
		const results = outputOf(run, 'Generate', 1)!;
		expect(results.map((item) => item.json.status)).toEqual(['success', 'success']);
		expect(JSON.stringify(results)).toContain('signature=***');
		// Every node's output; n8n keeps the token itself beside them (`resumeToken`), out of any item.
		expect(JSON.stringify(run.data.resultData)).not.toContain(signature);
	});
});

describe('the callback URL LiangXin echoes shows no query value, whatever LiangXin answers', () => {
	let api: FakeServer;
	/** What the fake LiangXin answers to the next request. */
	let answer: { status: number; body: unknown };

	beforeAll(async () => {
		api = await startFakeServer((_request, response) => {
			response.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
		});
	});
	afterAll(async () => await api.close());

	const run = async (parameters: INodeParameters) => await runNanoBanana({ apiKey: 'sk-test', baseUrl: api.url }, { parameters });

	it('an echoed param without an input object becomes input with its callback URL masked, Include Raw off', async () => {
		const task = successfulTask(TASK_ID, []);
		task.data.param = JSON.stringify({ model: 'nano-banana-pro', callBackUrl: RESUME_URL, prompt: 'a flat param' });
		answer = { status: 200, body: task };
		const result = await run({ operation: 'getTask', taskId: TASK_ID });
		expect(result.output[0].json.input).toMatchObject({ prompt: 'a flat param', callBackUrl: expect.stringContaining('signature=***') });
		expectNoQueryValue(visibleText(result));
	});

	it('a callback URL under another spelling, or in an object param, is masked too', async () => {
		const task = successfulTask(TASK_ID, []) as { data: Record<string, unknown> };
		task.data.param = { model: 'nano-banana-pro', callback_url: RESUME_URL, input: { prompt: 'an object param' } };
		task.data.callbackUrl = RESUME_URL;
		answer = { status: 200, body: task };
		const result = await run({ operation: 'getTask', taskId: TASK_ID, options: { includeRaw: true } });
		expect(result.output[0].json.input).toEqual({ prompt: 'an object param' });
		expectNoQueryValue(visibleText(result));
	});

	it('Create Task with Include Raw: a create answer that echoes the callback URL is masked', async () => {
		answer = { status: 200, body: { code: 200, msg: 'success', data: { taskId: TASK_ID, callBackUrl: RESUME_URL } } };
		const result = await run({ operation: 'createTask', prompt: 'an echoing create', options: { callbackUrl: RESUME_URL, includeRaw: true } });
		expect(result.output[0].json.taskId).toBe(TASK_ID);
		expectNoQueryValue(visibleText(result));
	});

	it("a failed task's reason that quotes the callback URL is masked, in the item and in the error", async () => {
		const task = successfulTask(TASK_ID, []);
		Object.assign(task.data, { state: 'fail', failCode: '500', failMsg: `callback to ${RESUME_URL} refused` });
		answer = { status: 200, body: task };
		const got = await run({ operation: 'getTask', taskId: TASK_ID });
		expect(got.output[0].json.failMsg).toContain('signature=***');
		expectNoQueryValue(visibleText(got));
		const waited = await run({ operation: 'getTask', taskId: TASK_ID, waitUntilDone: true });
		expect(waited.error?.message).toContain(`LiangXin task ${TASK_ID} failed`);
		expectNoQueryValue(visibleText(waited));
	});

	it('an API error whose message quotes the callback URL is masked', async () => {
		answer = { status: 400, body: { code: 400, msg: `callBackUrl ${RESUME_URL} is not allowed`, data: { callBackUrl: RESUME_URL } } };
		const result = await run({ operation: 'createTask', prompt: 'a refused create', options: { callbackUrl: RESUME_URL } });
		expect(result.error?.message).toMatch(/^LiangXin API error 400: callBackUrl .*signature=\*\*\*/);
		expectNoQueryValue(visibleText(result));
	});

	it('an unexpected answer quoted in an error is masked', async () => {
		answer = { status: 200, body: { code: 200, msg: 'success', data: { callBackUrl: RESUME_URL } } };
		const result = await run({ operation: 'getTask', taskId: TASK_ID });
		expect(result.error?.message).toBe(`Unexpected answer from LiangXin for task ${TASK_ID}: it has no task ID`);
		expectNoQueryValue(visibleText(result));
	});

	it('the LiangXin Trigger with Include Raw emits a posted callback URL masked', async () => {
		const body = successfulTask(TASK_ID, []);
		body.data.param = JSON.stringify({ model: 'nano-banana-pro', callBackUrl: RESUME_URL, input: { prompt: 'a posted one' } });
		const delivered = await runWebhook({
			node: new LiangXinTrigger(),
			parameters: { verifyWithApi: false, options: { includeRaw: true } },
			request: { body },
			staticData: {},
		});
		expect(delivered.emitted).toHaveLength(1);
		expectNoQueryValue(JSON.stringify(delivered.emitted));
	});
});
