// What n8n itself outputs when a Pause Until Callback reaches Max Wait with no callback: the run goes
// through n8n-core's real WorkflowExecute, pauses, and is resumed as n8n's wait tracker does.
import { randomUUID } from 'node:crypto';

import type { INode, INodeParameters } from 'n8n-workflow';

import { LiangXinApi } from '../../../../credentials/LiangXinApi.credentials';
import { LiangXinNanoBananaPro } from '../../../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import { MAX_WAIT_REACHED_MESSAGE } from '../../../../nodes/shared/actions/maxWaitReached';
import { prompts, useSandbox } from '../../../helpers/liangxin';
import { itemsNode, outputOf, workflowRunner } from '../../../helpers/workflowExecute';

const PROMPTS = ['a red kite [slow]', 'x', 'a blue door [slow]'];

const node = (name: string, type: string, parameters: INodeParameters = {}, extra: Partial<INode> = {}): INode => ({
	id: randomUUID(),
	name,
	type,
	typeVersion: 1,
	position: [0, 0],
	parameters,
	...extra,
});

describe('Pause Until Callback at Max Wait: what n8n passes on instead of the input', () => {
	const sandbox = useSandbox();

	function pausedWorkflow() {
		const liangXin = new LiangXinNanoBananaPro();
		return workflowRunner({
			nodes: [
				node('Prompts', 'prompts'),
				node(
					'Generate',
					liangXin.description.name,
					{ operation: 'createAndWait', waitMode: 'pause', prompt: '={{ $json.prompt }}', options: { allowLocalCallbackUrl: true, maxWaitMinutes: 1 } },
					{ credentials: { liangXinApi: { id: 'liangXinApi', name: 'liangXinApi' } }, onError: 'continueRegularOutput' },
				),
				node('Max Wait Reached', 'prompts'),
				node('Results', 'prompts'),
			],
			connections: {
				Prompts: { main: [[{ node: 'Generate', type: 'main', index: 0 }]] },
				Generate: { main: [[{ node: 'Max Wait Reached', type: 'main', index: 0 }], [{ node: 'Results', type: 'main', index: 0 }]] },
			},
			nodeTypes: { prompts: itemsNode('prompts', prompts(...PROMPTS)), [liangXin.description.name]: liangXin },
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
});
