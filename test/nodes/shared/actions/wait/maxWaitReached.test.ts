// What n8n itself outputs when a Pause Until Callback reaches Max Wait with no callback: the run goes
// through n8n-core's real WorkflowExecute, pauses, and is resumed as n8n's wait tracker does.
import { Container } from '@n8n/di';
import { BinaryDataService } from 'n8n-core';
import type { INodeParameters } from 'n8n-workflow';

import { LiangXinApi } from '../../../../../credentials/LiangXinApi.credentials';
import { LiangXinNanoBananaPro } from '../../../../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import { MAX_WAIT_REACHED_MESSAGE } from '../../../../../nodes/shared/actions/wait/maxWaitReached';
import { prompts, useSandbox } from '../../../../helpers/liangxin';
import { itemsNode, outputOf, workflowNode as node, workflowRunner } from '../../../../helpers/workflowExecute';

// About what the node outputs, not when it polls: its poll schedule runs on a faster clock.
jest.mock('../../../../../nodes/shared/tasks/polling', () => jest.requireActual('../../../../helpers/pollTimeScale').scaledPolling());

const PROMPTS = ['a red kite [slow]', 'x', 'a blue door [slow]'];

describe('Pause Until Callback at Max Wait: what n8n passes on instead of the input', () => {
	const sandbox = useSandbox();

	/** Prompts -> Generate (pause mode) -> `Max Wait Reached` (a node that ignores its input, or the given one) and `Results`. */
	function pausedWorkflow(texts = PROMPTS, maxWaitReached = node('Max Wait Reached', 'prompts')) {
		const liangXin = new LiangXinNanoBananaPro();
		const liangXinNode = (name: string, parameters: INodeParameters) =>
			node(name, liangXin.description.name, parameters, {
				credentials: { liangXinApi: { id: 'liangXinApi', name: 'liangXinApi' } },
				onError: 'continueRegularOutput',
			});
		return workflowRunner({
			nodes: [
				node('Prompts', 'prompts'),
				liangXinNode('Generate', {
					operation: 'createAndWait',
					waitMode: 'pause',
					prompt: '={{ $json.prompt }}',
					options: { allowLocalCallbackUrl: true, maxWaitMinutes: 1 },
				}),
				maxWaitReached.type === 'prompts' ? maxWaitReached : liangXinNode(maxWaitReached.name, maxWaitReached.parameters),
				node('Results', 'prompts'),
			],
			connections: {
				Prompts: { main: [[{ node: 'Generate', type: 'main', index: 0 }]] },
				Generate: { main: [[{ node: 'Max Wait Reached', type: 'main', index: 0 }], [{ node: 'Results', type: 'main', index: 0 }]] },
			},
			nodeTypes: { prompts: itemsNode('prompts', prompts(...texts)), [liangXin.description.name]: liangXin },
			credentials: { liangXinApi: { apiKey: sandbox().apiKey, baseUrl: sandbox().baseUrl } },
			credentialTypes: [new LiangXinApi()],
		});
	}

	test('each item names its task and says no callback came; a failed create stays its error item; nothing on Results', async () => {
		const runner = pausedWorkflow();
		const paused = await runner.start('Prompts');
		expect(paused.status).toBe('waiting');
		const taskIds = sandbox().createCalls().map((call) => call.taskId);
		expect(taskIds).toHaveLength(2);

		const resumed = await runner.resumeAtDeadline(paused.data);
		expect(resumed.status).toBe('success');
		expect(outputOf(resumed, 'Generate', 0)).toEqual([
			{ json: { maxWaitReached: true, taskId: taskIds[0], message: MAX_WAIT_REACHED_MESSAGE }, pairedItem: { item: 0 } },
			{ json: { error: expect.stringContaining('Item 1: Prompt'), errorDescription: expect.any(String) }, pairedItem: { item: 1 } },
			{ json: { maxWaitReached: true, taskId: taskIds[1], message: MAX_WAIT_REACHED_MESSAGE }, pairedItem: { item: 2 } },
		]);
		expect(outputOf(resumed, 'Max Wait Reached')).toHaveLength(3);
		expect(resumed.data.resultData.runData.Results).toBeUndefined();
		// Nothing is asked of LiangXin at the deadline: n8n does not run the node.
		expect(sandbox().recordInfoCalls()).toHaveLength(1);
	});

	test("the previous node's saved output is untouched, before and after the deadline", async () => {
		const runner = pausedWorkflow();
		const paused = await runner.start('Prompts');
		const saved = outputOf(paused, 'Prompts');
		expect(saved?.map((item) => item.json)).toEqual(PROMPTS.map((prompt) => ({ prompt })));
		const resumed = await runner.resumeAtDeadline(paused.data);
		expect(outputOf(resumed, 'Prompts')).toEqual(saved);
	});

	test("the documented recipe: Max Wait Reached -> Get Task (Wait Until Done) gives each task's real outcome, paired", async () => {
		sandbox().configure({ taskDurationMs: 1500 });
		const texts = ['a red kite', 'a blue door'];
		const recover = node('Max Wait Reached', 'liangXin', {
			operation: 'getTask',
			taskId: '={{ $json.taskId }}',
			waitUntilDone: true,
			options: { downloadImages: true },
		});
		const runner = pausedWorkflow(texts, recover);
		const paused = await runner.start('Prompts');
		expect(paused.status).toBe('waiting');

		const resumed = await runner.resumeAtDeadline(paused.data);
		expect(resumed.status).toBe('success');
		const outcomes = outputOf(resumed, 'Max Wait Reached')!;
		const taskIds = sandbox().createCalls().map((call) => call.taskId as string);
		expect(outcomes.map((item) => [item.json.taskId, item.json.status, item.json.input, item.pairedItem])).toEqual(
			texts.map((prompt, item) => [taskIds[item], 'success', expect.objectContaining({ prompt }), { item }]),
		);
		for (const [index, item] of outcomes.entries()) {
			const bytes = await Container.get(BinaryDataService).getAsBuffer(item.binary!.data);
			expect(bytes.equals(await sandbox().imageBytes(taskIds[index]))).toBe(true);
		}
		expect(sandbox().createCalls()).toHaveLength(texts.length);
	});
});
