// The image nodes' version 1.1: one output in both wait modes, so switching Wait Mode never reroutes a
// workflow; version 1, as saved workflows have it, keeps its two outputs in pause mode. Runs through
// n8n-core's real WorkflowExecute against the sandbox, resumed as n8n resumes a paused run.
import type { IDataObject, INode, INodeParameters, INodeType, IRun } from 'n8n-workflow';
import { NodeHelpers, Workflow } from 'n8n-workflow';

import { LiangXinApi } from '../../../../credentials/LiangXinApi.credentials';
import { LiangXinImage } from '../../../../nodes/LiangXinImage/LiangXinImage.node';
import { LiangXinNanoBananaPro } from '../../../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import { TASK_PAST_MAX_WAIT_MESSAGE } from '../../../../nodes/shared/actions/wait/maxWaitReached';
import { runNanoBanana, useSandbox } from '../../../helpers/liangxin';
import { itemsNode, outputOf, passThroughNode, workflowNode as node, workflowRunner } from '../../../helpers/workflowExecute';

const GENERATE = 'Generate';
const PROMPTS = [{ prompt: 'a red kite' }, { prompt: 'a blue door' }];

const sandbox = useSandbox({ taskDurationMs: 300, slowTaskMs: 60_000 });

/** The node's outputs as n8n computes them for the editor and the run. */
function outputsOf(nodeType: INodeType, typeVersion: number, parameters: INodeParameters) {
	const saved: INode = { id: 'g', name: GENERATE, type: nodeType.description.name, typeVersion, position: [0, 0], parameters };
	const types = { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) };
	const workflow = new Workflow({ nodes: [saved], connections: {}, active: false, nodeTypes: types });
	return NodeHelpers.getNodeOutputs(workflow, workflow.getNode(GENERATE)!, nodeType.description);
}

/** Items -> Generate, its outputs wired as `wiring` says (a list of node names per output). */
function runner(typeVersion: number, parameters: INodeParameters, wiring: string[][], items: IDataObject[] = PROMPTS) {
	const liangXin = new LiangXinNanoBananaPro();
	const targets = [...new Set(wiring.flat())];
	return workflowRunner({
		nodes: [
			node('Items', 'items'),
			node(GENERATE, liangXin.description.name, parameters, { credentials: { liangXinApi: { id: 'liangXinApi', name: 'liangXinApi' } }, typeVersion }),
			...targets.map((target) => node(target, 'pass')),
		],
		connections: {
			Items: { main: [[{ node: GENERATE, type: 'main', index: 0 }]] },
			[GENERATE]: { main: wiring.map((names) => names.map((target) => ({ node: target, type: 'main' as const, index: 0 }))) },
		},
		nodeTypes: { items: itemsNode('items', items.map((json) => ({ json }))), pass: passThroughNode('pass'), [liangXin.description.name]: liangXin },
		credentials: { liangXinApi: { apiKey: sandbox().apiKey, baseUrl: sandbox().baseUrl } },
		credentialTypes: [new LiangXinApi()],
	});
}

const pollParameters = { operation: 'createAndWait', prompt: '={{ $json.prompt }}', options: {} };
/** The same node after its Wait Mode was switched: n8n keeps its connections. */
const pauseParameters = { ...pollParameters, waitMode: 'pause', options: { allowLocalCallbackUrl: true } };

async function untilFinal(count: number) {
	const final = () => sandbox().createCalls().every((call) => ['success', 'fail'].includes(sandbox().taskState(call.taskId!) ?? ''));
	while (sandbox().createCalls().length < count || !final()) await new Promise((resolve) => setTimeout(resolve, 50));
}

const received = (run: IRun, nodeName: string) => (outputOf(run, nodeName) ?? []).map((item) => [item.json.taskId, item.json.status]);
const createdTasks = () => sandbox().createCalls().map((call) => [call.taskId, 'success']);

describe('the outputs of each version', () => {
	test.each([new LiangXinNanoBananaPro(), new LiangXinImage()])('$description.displayName: 1.1 is the default, with one output in both modes; 1 keeps two in pause mode', (nodeType) => {
		expect(nodeType.description.version).toEqual([1, 1.1]);
		expect(nodeType.description.defaultVersion).toBe(1.1);
		expect(outputsOf(nodeType, 1.1, { waitMode: 'poll' })).toEqual(['main']);
		expect(outputsOf(nodeType, 1.1, { waitMode: 'pause' })).toEqual(['main']);
		expect(outputsOf(nodeType, 1, { waitMode: 'poll' })).toEqual(['main']);
		expect(outputsOf(nodeType, 1, { waitMode: 'pause' })).toEqual([
			{ type: 'main', displayName: 'Max Wait Reached' },
			{ type: 'main', displayName: 'Results' },
		]);
	});
});

describe('the panel of a version 1 node in pause mode', () => {
	test.each([new LiangXinNanoBananaPro(), new LiangXinImage()])('$description.displayName says what it does there and how to leave it, only there', (nodeType) => {
		const notice = nodeType.description.properties.find((property) => property.name === 'version1PauseNotice')!;
		const shown = (typeVersion: number, waitMode: string) =>
			NodeHelpers.displayParameter({ operation: 'createAndWait', waitMode }, notice, { typeVersion } as INode, nodeType.description);
		expect(notice.displayName).toContain('failed items stay there whatever On Error says');
		expect(notice.displayName).toContain('on n8n 1.x Results stays empty after a callback');
		expect([shown(1, 'pause'), shown(1, 'poll'), shown(1.1, 'pause')]).toEqual([true, false, false]);
	});
});

describe('switching an existing Poll workflow to Pause Until Callback (version 1.1)', () => {
	test('in Poll mode the images reach the next step on the first output', async () => {
		const run = await runner(1.1, pollParameters, [['Next']]).start('Items');
		expect(received(run, 'Next')).toEqual(createdTasks());
	});

	test.each([
		['n8n 2.x', true],
		['n8n 1.x', false],
	])('switched to Pause, resumed by a callback on %s: the images reach the same next step, in order, paired', async (_version, forwardAllOutputs) => {
		const workflow = runner(1.1, pauseParameters, [['Next']]);
		const paused = await workflow.start('Items');
		expect(paused.status).toBe('waiting');
		await untilFinal(PROMPTS.length);

		const resumed = await workflow.resumeByCallback(paused.data, GENERATE, { forwardAllOutputs });
		expect(resumed.status).toBe('success');
		expect(received(resumed, 'Next')).toEqual(createdTasks());
		expect(outputOf(resumed, GENERATE)!.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	test('a task past its item\'s Max Wait when the callback comes stays in its place, flagged maxWaitReached', async () => {
		const items = [{ prompt: 'a [slow] red kite', wait: 0.05 }, { prompt: 'a blue door', wait: 2 }];
		const workflow = runner(1.1, { ...pauseParameters, options: { allowLocalCallbackUrl: true, maxWaitMinutes: '={{ $json.wait }}' } }, [['Next']], items);
		const paused = await workflow.start('Items');
		// Each item's Max Wait runs from its create, which came before the pause.
		const pausedAt = Date.now();
		const taskOf = (prompt: string) => sandbox().createCalls().find((call) => (call.body as { input: { prompt: string } }).input.prompt === prompt)!.taskId;
		const [kite, door] = items.map(({ prompt }) => taskOf(prompt));
		while (sandbox().taskState(door!) !== 'success' || Date.now() < pausedAt + 3100) await new Promise((resolve) => setTimeout(resolve, 50));

		const resumed = await workflow.resumeByCallback(paused.data, GENERATE);
		expect(outputOf(resumed, 'Next')!.map((item) => item.json)).toEqual([
			{ maxWaitReached: true, taskId: kite, message: TASK_PAST_MAX_WAIT_MESSAGE },
			expect.objectContaining({ taskId: door, status: 'success' }),
		]);
	});
});

describe('a workflow saved with a version 1 node in pause mode keeps its wiring', () => {
	test('resumed by a callback on n8n 2.x: the results reach the step on its second output, Results', async () => {
		const workflow = runner(1, pauseParameters, [['Max Wait Reached'], ['Results']]);
		const paused = await workflow.start('Items');
		await untilFinal(PROMPTS.length);

		const resumed = await workflow.resumeByCallback(paused.data, GENERATE);
		expect(received(resumed, 'Results')).toEqual(createdTasks());
		expect(resumed.data.resultData.runData['Max Wait Reached']).toBeUndefined();
	});

	test('at Max Wait its items leave on Max Wait Reached, the first output, as before', async () => {
		const workflow = runner(1, { ...pauseParameters, prompt: '={{ $json.prompt }} [slow]' }, [['Max Wait Reached'], ['Results']]);
		const paused = await workflow.start('Items');
		const resumed = await workflow.resumeAtDeadline(paused.data);
		expect(outputOf(resumed, 'Max Wait Reached')!.map((item) => item.json.maxWaitReached)).toEqual([true, true]);
		expect(resumed.data.resultData.runData.Results).toBeUndefined();
	});
});

describe('Get Task downloads images by default from version 1.1', () => {
	const getTask = (taskId: string, options: INodeParameters = {}): INodeParameters => ({ operation: 'getTask', taskId, waitUntilDone: true, options });

	async function doneTask() {
		const created = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt: 'a red kite' } });
		await untilFinal(1);
		return String(created.output[0].json.taskId);
	}

	test.each([
		['version 1.1, Download Images not set', 1.1, {}, true],
		['version 1.1, Download Images off', 1.1, { downloadImages: false }, false],
		['version 1, Download Images not set (saved while the default was off)', 1, {}, false],
		['version 1, Download Images on', 1, { downloadImages: true }, true],
	])('%s', async (_case, typeVersion, options, downloads) => {
		const taskId = await doneTask();
		const result = await runNanoBanana(sandbox(), { parameters: getTask(taskId, options), typeVersion });
		expect(result.output[0].json).toMatchObject({ taskId, status: 'success' });
		expect(result.output[0].binary !== undefined).toBe(downloads);
		expect(sandbox().imageCalls()).toHaveLength(downloads ? 1 : 0);
	});
});
