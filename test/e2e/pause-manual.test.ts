// A manual test run from the editor in Wait Mode Pause Until Callback, in a real n8n: the owner runs the
// saved workflow (Manual Trigger -> 3 prompts -> LiangXin -> Results / Timed Out) as the editor's Execute
// Workflow button does (REST POST /rest/workflows/<id>/run with their session); the sandbox calls back
// the execution's resume URL and n8n resumes the manual execution. So the node does not refuse manual runs.
import { randomUUID } from 'node:crypto';

import { createApiKey, executionDetails, executionsOf, untilExecution, withStatus } from './queue/executions';
import { SETUP_TIMEOUT_MS, useRealN8n } from './suite';
import { itemsNodes, liangXinNode, manualTrigger, TRIGGER, type Workflow, type WorkflowNode } from './workflows';

const PROMPTS = ['a red kite', 'a blue door', 'a green pear'];
const GENERATE = 'Generate';

const realN8n = useRealN8n('e2e-pause-manual', { sandboxOptions: { taskDurationMs: 4000, callbackRepeats: 1 } });

function manualPauseWorkflow(credential: { id: string; name: string }): Workflow {
	const generate = liangXinNode(
		GENERATE,
		{
			operation: 'createAndWait',
			waitMode: 'pause',
			prompt: '={{ $json.prompt }}',
			resolution: '1K',
			options: { allowLocalCallbackUrl: true, maxWaitMinutes: 5 },
		},
		credential,
	);
	const noOp = (name: string): WorkflowNode => ({ name, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} });
	const nodes = [manualTrigger(), ...itemsNodes('Prompts', PROMPTS.map((prompt) => ({ prompt }))), generate, noOp('Timed Out'), noOp('Results')];
	nodes.forEach((node, index) => Object.assign(node, { id: randomUUID(), position: [index * 220, 0] }));
	const to = (node: string) => [{ node, type: 'main' as const, index: 0 }];
	return {
		name: 'e2e pause, manual run',
		nodes,
		connections: {
			[TRIGGER]: { main: [to('Prompts (list)')] },
			'Prompts (list)': { main: [to('Prompts')] },
			Prompts: { main: [to(GENERATE)] },
			[GENERATE]: { main: [to('Timed Out'), to('Results')] },
		},
		settings: { executionOrder: 'v1' },
	};
}

describe('Wait Mode Pause Until Callback, run manually from the editor', () => {
	let workflowId: string;
	let apiKey: string;

	beforeAll(async () => {
		const { n8n, credentials } = realN8n();
		workflowId = await n8n.importWorkflow(manualPauseWorkflow(credentials[0]));
		await n8n.start();
		await n8n.rest.setupOwnerAndLogin();
		apiKey = await createApiKey(n8n);
	}, SETUP_TIMEOUT_MS);

	const untilStatus = async (id: string, status: string, timeoutMs: number) =>
		await untilExecution(realN8n().n8n, workflowId, id, withStatus(status), timeoutMs);

	test('the manual execution waits, is resumed by the callbacks to its resume URL, and ends with the sandbox\'s images', async () => {
		const { n8n, sandbox } = realN8n();
		const started = await n8n.rest.ok('POST', `/rest/workflows/${workflowId}/run`, { triggerToStartFrom: { name: TRIGGER } });
		const id = String(started.data.executionId);

		await untilStatus(id, 'waiting', 30_000);
		expect(sandbox.createCalls()).toHaveLength(PROMPTS.length);
		const callBackUrl = (sandbox.createCalls()[0].body as { callBackUrl: string }).callBackUrl;
		expect(callBackUrl).toMatch(new RegExp(`/webhook-waiting/${id}/callback\\?signature=[0-9a-f]{64}$`));

		await untilStatus(id, 'success', 60_000);
		const details = await executionDetails(n8n, apiKey, id);
		expect(details.mode).toBe('manual');
		expect(details.ran('Timed Out')).toBe(false);
		const results = details.items('Results');
		expect(results.map((item) => item.json.input?.prompt)).toEqual(PROMPTS);
		expect(results.map((item) => item.pairedItem)).toEqual(PROMPTS.map((_, item) => ({ item })));
		for (const item of results) {
			expect(item.json).toMatchObject({ status: 'success' });
			expect(n8n.readBinary(item.binary!.data).equals(await sandbox.imageBytes(item.json.taskId as string))).toBe(true);
		}
		// Every task called back once; one callback resumed the execution.
		const deliveries = await sandbox.waitForCallbacks(PROMPTS.length, 30_000);
		expect(deliveries.filter(({ status, response }) => status === 200 && String(response).includes('Workflow was started'))).toHaveLength(1);
		expect(await executionsOf(n8n, workflowId)).toHaveLength(1);
	}, 180_000);
});
