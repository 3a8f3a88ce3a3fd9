// Workflows with Create & Wait in Wait Mode Pause Until Callback, started over a production webhook of
// a real n8n, and their executions. n8n's webhook URL is local plain HTTP in the tests, so the runs
// opt in with Allow Local Callback URL.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { createApiKey, executionOf, executionsOf, untilExecution, withStatus, type WantedExecution } from './queue/executions';
import type { N8nInstance } from './runtime';
import type { Credential } from './suite';
import { itemsNodes, liangXinNode, type Workflow, type WorkflowNode } from './workflows';

export const GENERATE = 'Generate';

const PAUSE_SAVED: WantedExecution = {
	described: 'waiting with its wait time saved',
	test: (execution) => execution.status === 'waiting' && Boolean(execution.waitTill),
};

export const noOp = (name: string): WorkflowNode => ({ name, type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} });

/** A Webhook node named Start that starts the workflow on a POST to its production `path`. */
export const webhookStart = (path: string): WorkflowNode => ({
	name: 'Start',
	type: 'n8n-nodes-base.webhook',
	typeVersion: 2,
	webhookId: randomUUID(),
	parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
});

/** Webhook `path` -> prompts -> LiangXin (version 1, pause mode) -> the `maxWaitReached` chain on output 0, `Results` on output 1. */
export function pauseWorkflow(
	path: string,
	credential: Credential,
	{ options, prompts, maxWaitReached }: { options: Record<string, unknown>; prompts: string[]; maxWaitReached: WorkflowNode[] },
): Workflow {
	const start = webhookStart(path);
	const generate = liangXinNode(
		GENERATE,
		{ operation: 'createAndWait', waitMode: 'pause', prompt: '={{ $json.prompt }}', resolution: '1K', options },
		credential,
	);
	const nodes = [start, ...itemsNodes('Prompts', prompts.map((prompt) => ({ prompt }))), generate, ...maxWaitReached, noOp('Results')];
	nodes.forEach((node, index) => Object.assign(node, { id: randomUUID(), position: [index * 220, 0] }));
	const to = (node: string) => [{ node, type: 'main' as const, index: 0 }];
	return {
		name: `e2e pause ${path}`,
		nodes,
		connections: {
			Start: { main: [to('Prompts (list)')] },
			'Prompts (list)': { main: [to('Prompts')] },
			Prompts: { main: [to(GENERATE)] },
			[GENERATE]: { main: [to(maxWaitReached[0].name), to('Results')] },
			...Object.fromEntries(maxWaitReached.slice(1).map((node, index) => [maxWaitReached[index].name, { main: [to(node.name)] }])),
		},
		settings: { executionOrder: 'v1' },
	};
}

/**
 * Imports and publishes each workflow under its webhook path, then starts n8n with an owner and an API
 * key: what a pause test has before its first run.
 */
export async function startPublished(n8n: N8nInstance, definitions: Record<string, Workflow>) {
	const workflowIds: Record<string, string> = {};
	for (const [path, definition] of Object.entries(definitions)) {
		workflowIds[path] = await n8n.importWorkflow(definition);
		await n8n.publishWorkflow(workflowIds[path]);
	}
	await n8n.start();
	await n8n.rest.setupOwnerAndLogin();
	const apiKey = await createApiKey(n8n);
	return { workflowIds, apiKey, runs: pauseRuns(n8n, workflowIds) };
}

/** Starting the imported workflows (by their webhook path) and following their executions. */
export function pauseRuns(n8n: N8nInstance, workflowIds: Record<string, string>) {
	const statusOf = async (path: string, id: string) => (await executionOf(n8n, workflowIds[path], id))?.status;

	/** Starts the workflow over its production webhook and returns its execution once it has one. */
	async function startRun(path: string) {
		const before = (await executionsOf(n8n, workflowIds[path])).length;
		const deadline = Date.now() + 30_000;
		const post = async () => await fetch(`${n8n.baseUrl}/webhook/${path}`, { method: 'POST' });
		// Published workflows are activated just after n8n answers its health check.
		let response = await post();
		while (response.status === 404 && Date.now() < deadline) {
			await sleep(500);
			response = await post();
		}
		expect(response.status).toBe(200);
		for (;;) {
			const executions = await executionsOf(n8n, workflowIds[path]);
			if (executions.length > before) return executions[0];
			if (Date.now() > deadline) throw new Error(`no execution of ${path}`);
			await sleep(100);
		}
	}

	const untilStatus = async (path: string, id: string, status: string, timeoutMs: number) =>
		await untilExecution(n8n, workflowIds[path], id, withStatus(status), timeoutMs);

	/**
	 * Waits until the execution's pause is saved whole: waiting, with the time it waits until. n8n shows the
	 * execution as waiting as soon as the node asks to wait, and saves that time with the rest of the
	 * execution a moment later.
	 */
	const untilPaused = async (path: string, id: string, timeoutMs: number) =>
		await untilExecution(n8n, workflowIds[path], id, PAUSE_SAVED, timeoutMs);

	/**
	 * Starts a run and kills n8n (SIGKILL) once its pause is saved. n8n killed before it saved the wait time
	 * finds a waiting execution with no wait time when it starts again, and marks it crashed.
	 */
	async function killWhileWaiting(workflowPath: string) {
		const { id } = await startRun(workflowPath);
		await untilPaused(workflowPath, id, 30_000);
		process.kill(-n8n.pid!, 'SIGKILL');
		await n8n.stop();
		return { id };
	}

	return { statusOf, startRun, untilStatus, untilPaused, killWhileWaiting };
}
