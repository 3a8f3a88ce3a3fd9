// Reading executions of a queue-mode n8n: the list and statuses from main's REST API, run data from
// its public API (the REST API returns it in n8n's internal flattened form), binary data from main,
// and which worker ran an execution from the workers' logs.
import * as fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

import type { N8nInstance, OutputItem } from '../runtime';

export interface ExecutionSummary {
	id: string;
	status: string;
	mode: string;
	/** When a waiting execution resumes by itself; null otherwise. */
	waitTill?: string | null;
}

export interface ExecutionDetails extends ExecutionSummary {
	/** Output items of a node's last run (empty when the node did not run). */
	items(nodeName: string): OutputItem[];
	ran(nodeName: string): boolean;
}

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);

export async function executionsOf(main: N8nInstance, workflowId: string): Promise<ExecutionSummary[]> {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const answer = await main.rest.ok('GET', `/rest/executions?filter=${filter}&limit=100`);
	return answer.data.results as ExecutionSummary[];
}

/** The workflow's execution `id`, as n8n's executions list shows it (undefined: not listed). */
export async function executionOf(main: N8nInstance, workflowId: string, id: string): Promise<ExecutionSummary | undefined> {
	return (await executionsOf(main, workflowId)).find((execution) => execution.id === id);
}

/** What a wait for one execution wants: `described` names it in the error after the time limit. */
export interface WantedExecution {
	described: string;
	test(execution: ExecutionSummary): boolean;
}

/** Waits until the workflow's execution `id` is as wanted; returns it. */
export async function untilExecution(main: N8nInstance, workflowId: string, id: string, wanted: WantedExecution, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const execution = await executionOf(main, workflowId, id);
		if (execution && wanted.test(execution)) return execution;
		if (Date.now() > deadline) throw new Error(`execution ${id} is ${execution?.status}, not ${wanted.described}`);
		await sleep(100);
	}
}

export const withStatus = (status: string): WantedExecution => ({ described: status, test: (execution) => execution.status === status });

/**
 * Waits until the workflow has at least `count` executions, all finished, then `quietMs` longer
 * to see that no other one comes; returns them.
 */
export async function settledExecutions(
	main: N8nInstance,
	workflowId: string,
	count: number,
	{ timeoutMs = 120_000, quietMs = 3000 } = {},
): Promise<ExecutionSummary[]> {
	const deadline = Date.now() + timeoutMs;
	const settled = (list: ExecutionSummary[]) => list.length >= count && list.every((execution) => FINISHED.has(execution.status));
	while (!settled(await executionsOf(main, workflowId))) {
		if (Date.now() > deadline) {
			throw new Error(`workflow ${workflowId}: ${count} finished executions expected: ${JSON.stringify(await executionsOf(main, workflowId))}`);
		}
		await sleep(500);
	}
	await sleep(quietMs);
	return await executionsOf(main, workflowId);
}

/** An API key for n8n's public API, created by the logged-in owner. */
export async function createApiKey(main: N8nInstance): Promise<string> {
	const answer = await main.rest.ok('POST', '/rest/api-keys', {
		label: `e2e ${Date.now()}`,
		scopes: ['execution:read', 'execution:list'],
		expiresAt: null,
	});
	return answer.data.rawApiKey as string;
}

export async function executionDetails(main: N8nInstance, apiKey: string, id: string): Promise<ExecutionDetails> {
	const response = await fetch(`${main.baseUrl}/api/v1/executions/${id}?includeData=true`, {
		headers: { 'x-n8n-api-key': apiKey },
	});
	if (!response.ok) throw new Error(`GET /api/v1/executions/${id} answered ${response.status}: ${await response.text()}`);
	const execution = (await response.json()) as ExecutionSummary & { data: { resultData: { runData: Record<string, any[]> } } };
	const runData = execution.data.resultData.runData;
	return {
		id: String(execution.id),
		status: execution.status,
		mode: execution.mode,
		items: (nodeName) => runData[nodeName]?.at(-1)?.data?.main?.[0] ?? [],
		ran: (nodeName) => (runData[nodeName]?.length ?? 0) > 0,
	};
}

/** The bytes of a binary property as main serves them (GET /rest/binary-data, as the editor downloads). */
export async function binaryBytes(main: N8nInstance, binaryId: string): Promise<Buffer> {
	const response = await fetch(`${main.baseUrl}/rest/binary-data?id=${encodeURIComponent(binaryId)}&action=download`, {
		headers: { cookie: main.rest.cookie ?? '' },
	});
	if (!response.ok) throw new Error(`binary data ${binaryId} answered ${response.status}`);
	return Buffer.from(await response.arrayBuffer());
}

/** The processes whose log says they started this execution ("Worker started execution <id>"). */
export function processesThatRan(processes: N8nInstance[], executionId: string): N8nInstance[] {
	const started = new RegExp(`started execution ${executionId}\\b`);
	return processes.filter((n8n) => started.test(fs.readFileSync(n8n.logFile, 'utf8')));
}
