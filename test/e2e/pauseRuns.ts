// Pause-mode workflows in a real n8n: a published workflow (Webhook -> prompts -> LiangXin in Wait Mode
// Pause Until Callback -> Timed Out / Results) started over HTTP, and its execution's status as n8n's
// database holds it.
import { randomUUID } from 'node:crypto';

import { executionsOf } from './queue/executions';
import type { N8nInstance } from './runtime';
import type { Credential } from './suite';
import { itemsNodes, liangXinNode, type Workflow, type WorkflowNode } from './workflows';

export const GENERATE = 'Generate';

export const sleep = async (ms: number) => await new Promise((resolve) => setTimeout(resolve, ms));

/** Webhook `path` -> prompts -> LiangXin (pause mode) -> `Timed Out` on output 0, `Results` on output 1. */
export function pauseWorkflow(path: string, options: Record<string, unknown>, prompts: string[], credential: Credential): Workflow {
	const start: WorkflowNode = {
		name: 'Start',
		type: 'n8n-nodes-base.webhook',
		typeVersion: 2,
		webhookId: randomUUID(),
		parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
	};
	const generate = liangXinNode(
		GENERATE,
		{ operation: 'createAndWait', waitMode: 'pause', prompt: '={{ $json.prompt }}', resolution: '1K', options },
		credential,
	);
	const noOp = (name: string): WorkflowNode => ({ name, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} });
	const nodes = [start, ...itemsNodes('Prompts', prompts.map((prompt) => ({ prompt }))), generate, noOp('Timed Out'), noOp('Results')];
	nodes.forEach((node, index) => Object.assign(node, { id: randomUUID(), position: [index * 220, 0] }));
	const to = (node: string) => [{ node, type: 'main' as const, index: 0 }];
	return {
		name: `e2e pause ${path}`,
		nodes,
		connections: {
			Start: { main: [to('Prompts (list)')] },
			'Prompts (list)': { main: [to('Prompts')] },
			Prompts: { main: [to(GENERATE)] },
			[GENERATE]: { main: [to('Timed Out'), to('Results')] },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** Starts a published workflow over its production webhook `path` and returns its execution once it has one. */
export async function startRun(n8n: N8nInstance, path: string, workflowId: string) {
	const before = (await executionsOf(n8n, workflowId)).length;
	const deadline = Date.now() + 30_000;
	// Published workflows are activated just after n8n answers its health check.
	let response = await fetch(`${n8n.baseUrl}/webhook/${path}`, { method: 'POST' });
	while (response.status === 404 && Date.now() < deadline) {
		await sleep(500);
		response = await fetch(`${n8n.baseUrl}/webhook/${path}`, { method: 'POST' });
	}
	expect(response.status).toBe(200);
	for (;;) {
		const executions = await executionsOf(n8n, workflowId);
		if (executions.length > before) return executions[0];
		if (Date.now() > deadline) throw new Error(`no execution of ${path}`);
		await sleep(100);
	}
}

export async function statusOf(n8n: N8nInstance, workflowId: string, id: string) {
	return (await executionsOf(n8n, workflowId)).find((execution) => execution.id === id)?.status;
}

export async function untilStatus(n8n: N8nInstance, workflowId: string, id: string, wanted: string, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	while ((await statusOf(n8n, workflowId, id)) !== wanted) {
		if (Date.now() > deadline) throw new Error(`execution ${id} is ${await statusOf(n8n, workflowId, id)}, not ${wanted}`);
		await sleep(100);
	}
}
