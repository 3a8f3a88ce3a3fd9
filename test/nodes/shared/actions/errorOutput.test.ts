// On Error "Continue (using error output)": every item that fails leaves on n8n's error output, paired
// to its input and naming its task, while "Continue (using regular output)" keeps it in place. Runs
// through n8n-core's real WorkflowExecute, which decides the routing, against the sandbox.
import type { IDataObject, INodeExecutionData, INodeParameters, INodeType, IRun } from 'n8n-workflow';

import { LiangXinApi } from '../../../../credentials/LiangXinApi.credentials';
import { LiangXinImage } from '../../../../nodes/LiangXinImage/LiangXinImage.node';
import { LiangXinNanoBananaPro } from '../../../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import { MAX_WAIT_REACHED_MESSAGE } from '../../../../nodes/shared/actions/wait/maxWaitReached';
import { useSandbox } from '../../../helpers/liangxin';
import { itemsNode, outputOf, passThroughNode, workflowNode as node, workflowRunner } from '../../../helpers/workflowExecute';

const GENERATE = 'Generate';
type OnError = 'continueErrorOutput' | 'continueRegularOutput';

// About what the node outputs, not when it polls: its poll schedule runs on a faster clock.
jest.mock('../../../../nodes/shared/tasks/polling', () => jest.requireActual('../../../helpers/pollTimeScale').scaledPolling());

const sandbox = useSandbox({ taskDurationMs: 300, slowTaskMs: 60_000 });

/** One item per way to fail, and one that succeeds; Max Wait and Max File Size come from the item. */
const MIXED: IDataObject[] = [
	{ prompt: 'a red kite' },
	{ prompt: 'x' },
	{ prompt: 'a [fail] blue door' },
	{ prompt: 'a [slow] green pear', wait: 0.05 },
	{ prompt: 'a white swan', maxMb: 0.0001 },
];
const PER_ITEM_OPTIONS = { maxWaitMinutes: '={{ $json.wait ?? 1 }}', maxFileSizeMb: '={{ $json.maxMb ?? 50 }}' };

interface Setup {
	onError?: OnError;
	typeVersion?: number;
	nodeType?: INodeType;
}

/** Items -> Generate -> `Next` on its first output, `Errors` on its error output (the next one). */
function runner(items: IDataObject[], parameters: INodeParameters, { onError = 'continueErrorOutput', typeVersion = 1.1, nodeType = new LiangXinNanoBananaPro() }: Setup = {}) {
	const name = nodeType.description.name;
	const version1Pause = typeVersion === 1 && parameters.waitMode === 'pause';
	const to = (target: string) => [{ node: target, type: 'main' as const, index: 0 }];
	return workflowRunner({
		nodes: [
			node('Items', 'items'),
			node(GENERATE, name, parameters, { credentials: { liangXinApi: { id: 'liangXinApi', name: 'liangXinApi' } }, onError, typeVersion }),
			node('Next', 'pass'),
			node('Errors', 'pass'),
		],
		connections: {
			Items: { main: [to(GENERATE)] },
			// A version 1 node in pause mode has Max Wait Reached and Results before the error output.
			[GENERATE]: { main: version1Pause ? [[], to('Next'), to('Errors')] : [to('Next'), to('Errors')] },
		},
		nodeTypes: { items: itemsNode('items', items.map((json) => ({ json }))), pass: passThroughNode('pass'), [name]: nodeType },
		credentials: { liangXinApi: { apiKey: sandbox().apiKey, baseUrl: sandbox().baseUrl } },
		credentialTypes: [new LiangXinApi()],
	});
}

const taskOf = (prompt: string) => sandbox().createCalls().find((call) => (call.body as { input: { prompt: string } }).input.prompt === prompt)?.taskId;

/**
 * What Generate put out for the step connected to `nodeName` (Next: its first output, Errors: its
 * error output), checked to be what reached that step.
 */
function reached(run: IRun, nodeName: 'Next' | 'Errors'): INodeExecutionData[] {
	const connection = run.data.resultData.runData[GENERATE]?.[0]?.data?.main ?? [];
	const output = connection.length === 3 ? (nodeName === 'Next' ? 1 : 2) : nodeName === 'Next' ? 0 : 1;
	const items = outputOf(run, GENERATE, output) ?? [];
	expect((outputOf(run, nodeName) ?? []).map((item) => item.json)).toEqual(items.map((item) => item.json));
	return items;
}

async function untilFinal(count: number) {
	const final = () => sandbox().createCalls().every((call) => ['success', 'fail'].includes(sandbox().taskState(call.taskId!) ?? ''));
	while (sandbox().createCalls().length < count || !final()) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** The error output's items for MIXED: the input item's fields beside `error`, which names the task. */
function expectMixedErrors(errors: INodeExecutionData[]) {
	expect(errors.map((item) => item.pairedItem)).toEqual([1, 2, 3, 4].map((item) => ({ item })));
	const [invalid, failed, timedOut, tooBig] = errors.map((item) => item.json);
	expect(invalid).toEqual({ prompt: 'x', error: { message: expect.stringMatching(/^Item 1: Prompt/), description: expect.stringContaining('Nothing was sent') } });
	const failedTask = taskOf(MIXED[2].prompt as string);
	expect(failed).toEqual({
		prompt: MIXED[2].prompt,
		error: { message: expect.stringMatching(new RegExp(`^LiangXin task ${failedTask} failed: 422 `)), taskId: failedTask, description: expect.any(String) },
	});
	expect(timedOut).toMatchObject({ ...MIXED[3], error: { message: expect.stringContaining('is still'), taskId: taskOf(MIXED[3].prompt as string) } });
	expect(tooBig).toEqual({
		...MIXED[4],
		error: { message: expect.stringContaining('the limit set by Max File Size'), taskId: taskOf(MIXED[4].prompt as string), description: expect.any(String) },
	});
}

describe('Continue (using error output) in Poll mode', () => {
	test.each([
		['Nano Banana Pro', new LiangXinNanoBananaPro(), {}],
		['LiangXin Image', new LiangXinImage(), { model: 'nano-banana-pro' }],
	])('%s: bad input, a failed task, Max Wait and a failed download leave on the error output; the image stays on the first', async (_name, nodeType, model) => {
		const parameters = { operation: 'createAndWait', ...model, prompt: '={{ $json.prompt }}', options: PER_ITEM_OPTIONS };
		const run = await runner(MIXED, parameters, { nodeType }).start('Items');

		expect(run.data.resultData.error).toBeUndefined();
		const [image] = reached(run, 'Next');
		expect(reached(run, 'Next')).toHaveLength(1);
		expect(image.pairedItem).toEqual({ item: 0 });
		expect(image.json).toMatchObject({ taskId: taskOf('a red kite'), status: 'success' });
		expect(image.binary?.data).toBeDefined();
		expectMixedErrors(reached(run, 'Errors'));
	}, 30_000);

	test('Continue (using regular output) keeps every item in place, each error item flat as before', async () => {
		const parameters = { operation: 'createAndWait', prompt: '={{ $json.prompt }}', options: PER_ITEM_OPTIONS };
		const run = await runner(MIXED, parameters, { onError: 'continueRegularOutput' }).start('Items');

		const items = reached(run, 'Next');
		expect(items.map((item) => item.pairedItem)).toEqual(MIXED.map((_, item) => ({ item })));
		expect(items[0].json.status).toBe('success');
		expect(items[1].json).toEqual({ error: expect.stringMatching(/^Item 1: Prompt/), errorDescription: expect.any(String) });
		expect(items[2].json).toEqual({ error: expect.stringContaining('failed: 422'), taskId: taskOf(MIXED[2].prompt as string), errorDescription: expect.any(String) });
		expect(items[3].json).toMatchObject({ error: expect.stringContaining('is still'), taskId: taskOf(MIXED[3].prompt as string) });
		expect(items[4].json).toEqual({ error: expect.stringContaining('Max File Size'), taskId: taskOf(MIXED[4].prompt as string), errorDescription: expect.any(String) });
		expect(run.data.resultData.runData.Errors).toBeUndefined();
	}, 30_000);
});

describe('Continue (using error output) in Create Task and Get Task', () => {
	test('Create Task: an invalid item leaves on the error output, the created task on the first', async () => {
		const run = await runner([{ prompt: 'a red kite' }, { prompt: 'x' }], { operation: 'createTask', prompt: '={{ $json.prompt }}' }).start('Items');
		expect(reached(run, 'Next').map((item) => [item.json.taskId, item.pairedItem])).toEqual([[taskOf('a red kite'), { item: 0 }]]);
		expect(reached(run, 'Errors').map((item) => [item.json.error, item.pairedItem])).toEqual([
			[{ message: expect.stringMatching(/^Item 1: Prompt/), description: expect.any(String) }, { item: 1 }],
		]);
	});

	test('Get Task (Wait Until Done): no task ID and a failed task leave on the error output', async () => {
		const created = await runner([{ prompt: 'a red kite' }, { prompt: 'a [fail] door' }], { operation: 'createTask', prompt: '={{ $json.prompt }}' }).start('Items');
		const [done, failed] = reached(created, 'Next').map((item) => item.json.taskId as string);
		const items = [{ id: done }, { id: '' }, { id: failed }];
		const run = await runner(items, { operation: 'getTask', taskId: '={{ $json.id }}', waitUntilDone: true }).start('Items');

		expect(reached(run, 'Next').map((item) => [item.json.taskId, item.json.status, item.pairedItem])).toEqual([[done, 'success', { item: 0 }]]);
		expect(reached(run, 'Errors')).toEqual([
			{ json: { id: '', error: { message: 'Item 1: Task ID is required' } }, pairedItem: { item: 1 } },
			{
				json: { id: failed, error: { message: expect.stringContaining(`LiangXin task ${failed} failed`), taskId: failed, description: expect.any(String) } },
				pairedItem: { item: 2 },
			},
		]);
	});
});

describe('Continue (using error output) in Pause Until Callback', () => {
	const pause = (options: IDataObject = {}) => ({
		operation: 'createAndWait',
		waitMode: 'pause',
		prompt: '={{ $json.prompt }}',
		options: { allowLocalCallbackUrl: true, maxFileSizeMb: '={{ $json.maxMb ?? 50 }}', ...options },
	});
	const PAUSED = MIXED.filter((item) => item.wait === undefined);

	test.each([
		['n8n 2.x (all outputs forwarded)', true],
		['n8n 1.x (only the first output forwarded)', false],
	])('resumed by a callback, %s: the images on the first output, bad input, a failed task and a failed download on the error output', async (_case, forwardAllOutputs) => {
		const workflow = runner(PAUSED, pause());
		const paused = await workflow.start('Items');
		expect(paused.status).toBe('waiting');
		await untilFinal(3);

		const resumed = await workflow.resumeByCallback(paused.data, GENERATE, { forwardAllOutputs });
		expect(resumed.status).toBe('success');
		expect(reached(resumed, 'Next').map((item) => [item.json.taskId, item.json.status, item.pairedItem])).toEqual([[taskOf('a red kite'), 'success', { item: 0 }]]);
		const errors = reached(resumed, 'Errors');
		expect(errors.map((item) => item.pairedItem)).toEqual([1, 2, 3].map((item) => ({ item })));
		expect(errors.map((item) => item.json.prompt)).toEqual(['x', PAUSED[2].prompt, PAUSED[3].prompt]);
		expect(errors.map((item) => (item.json.error as IDataObject).taskId)).toEqual([undefined, taskOf(PAUSED[2].prompt as string), taskOf(PAUSED[3].prompt as string)]);
		expect((errors[1].json.error as IDataObject).message).toMatch(/failed: 422 /);
		expect((errors[2].json.error as IDataObject).message).toContain('the limit set by Max File Size');
	}, 30_000);

	test('a version 1 node (two outputs) resumed on n8n 2.x keeps its failed items on Results, where they always were', async () => {
		// n8n renumbers a resumed node's items per output (pairedItem.input 1 on Results), and its error
		// routing then reads an input that does not exist and fails the run: so they are not routed there.
		const workflow = runner(PAUSED, pause(), { typeVersion: 1 });
		const paused = await workflow.start('Items');
		expect(paused.status).toBe('waiting');
		await untilFinal(3);

		const resumed = await workflow.resumeByCallback(paused.data, GENERATE);
		expect(resumed.status).toBe('success');
		const [maxWaitReached, results, errors] = resumed.data.resultData.runData[GENERATE][0].data!.main;
		expect([maxWaitReached, errors]).toEqual([[], []]);
		expect(results!.map((item) => item.json.status ?? item.json.error)).toEqual([
			'success',
			expect.stringMatching(/^Item 1: Prompt/),
			expect.stringContaining('failed: 422'),
			expect.stringContaining('Max File Size'),
		]);
		expect(results![2].json.taskId).toBe(taskOf(PAUSED[2].prompt as string));
	}, 30_000);

	test('at Max Wait, with no callback: each task flagged maxWaitReached on the first output, the bad item on the error output', async () => {
		const workflow = runner([{ prompt: 'a [slow] red kite' }, { prompt: 'x' }], pause({ maxWaitMinutes: 1 }));
		const paused = await workflow.start('Items');
		expect(paused.status).toBe('waiting');

		const resumed = await workflow.resumeAtDeadline(paused.data);
		expect(resumed.status).toBe('success');
		expect(reached(resumed, 'Next')).toEqual([
			{ json: { maxWaitReached: true, taskId: taskOf('a [slow] red kite'), message: MAX_WAIT_REACHED_MESSAGE }, pairedItem: { item: 0 } },
		]);
		expect(reached(resumed, 'Errors')).toEqual([
			{ json: { prompt: 'x', error: { message: expect.stringMatching(/^Item 1: Prompt/), description: expect.any(String) } }, pairedItem: { item: 1 } },
		]);
	});
});
