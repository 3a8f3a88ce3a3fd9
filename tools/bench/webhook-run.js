// @ts-check
'use strict';
// Runs a bench workflow in a started n8n (`n8n start`) instead of `n8n execute`, for the variant
// whose execution pauses until LiangXin calls back its resume URL: only n8n's server receives those
// callbacks. The workflow starts from its Webhook node (published before the server starts); its
// end and its run data are read from n8n's executions (REST list, public API for the run data).
const { randomUUID } = require('node:crypto');
const { setTimeout: sleep } = require('node:timers/promises');

const { executionResult } = require('../n8n-runtime');

const FINISHED = new Set(['success', 'error', 'crashed', 'canceled']);
const DEFAULT_TIMEOUT_MS = 300_000;

/** @typedef {import('../n8n-runtime').N8nInstance} N8nInstance */

/**
 * Gives the workflow's Webhook node (named Start) a path and webhook ID of its own; returns the path.
 * @param {{ nodes: Array<{ type: string, parameters: Record<string, unknown>, webhookId?: string }> }} workflow
 */
function giveWebhookOwnPath(workflow) {
	const start = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.webhook');
	if (!start) throw new Error('the workflow has no Webhook node to start it from');
	const webhookPath = `liangxin-bench-${randomUUID()}`;
	start.parameters.path = webhookPath;
	start.webhookId = randomUUID();
	return webhookPath;
}

/**
 * The workflow's executions, newest first.
 * @param {N8nInstance} instance @param {string} workflowId
 * @returns {Promise<Array<{ id: string, status: string }>>}
 */
async function executionsOf(instance, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const answer = await instance.rest.ok('GET', `/rest/executions?filter=${filter}&limit=10`);
	return answer.data.results;
}

/**
 * POSTs to the production webhook; n8n activates published workflows just after it answers its health check.
 * @param {string} url @param {number} deadline
 */
async function triggerWebhook(url, deadline) {
	for (;;) {
		const { status } = await fetch(url, { method: 'POST' });
		if (status === 200) return;
		if (status !== 404 || Date.now() > deadline) throw new Error(`POST ${url} answered ${status}`);
		await sleep(250);
	}
}

/**
 * Polls the execution's status until it finishes; returns every status seen, in order.
 * @param {N8nInstance} instance @param {string} workflowId @param {number} deadline
 */
async function untilFinished(instance, workflowId, deadline) {
	/** @type {string[]} */
	const seen = [];
	for (;;) {
		const [execution] = await executionsOf(instance, workflowId);
		if (execution && seen.at(-1) !== execution.status) seen.push(execution.status);
		if (execution && FINISHED.has(execution.status)) return { id: execution.id, statusesSeen: seen };
		if (Date.now() > deadline) throw new Error(`workflow ${workflowId}: no finished execution in time (statuses seen: ${seen.join(', ') || 'none'})`);
		await sleep(500);
	}
}

/**
 * The execution with its run data, from the public API (the REST API returns it flattened).
 * @param {string} baseUrl @param {string} apiKey @param {string} id
 */
async function fetchExecution(baseUrl, apiKey, id) {
	const response = await fetch(`${baseUrl}/api/v1/executions/${id}?includeData=true`, { headers: { 'x-n8n-api-key': apiKey } });
	if (!response.ok) throw new Error(`GET /api/v1/executions/${id} answered ${response.status}: ${await response.text()}`);
	return await response.json();
}

/**
 * Starts the instance's n8n server, triggers the workflow once through `webhookPath`, waits for its
 * execution to finish, stops the server. Returns the run as `n8n execute` would (ExecutionResult)
 * and the statuses the execution went through (a paused one shows `waiting`).
 * @param {N8nInstance} instance @param {{ workflowId: string, webhookPath: string, timeoutMs?: number }} run
 */
async function runThroughWebhook(instance, { workflowId, webhookPath, timeoutMs = DEFAULT_TIMEOUT_MS }) {
	const baseUrl = await instance.start();
	try {
		await instance.rest.setupOwnerAndLogin();
		const { data } = await instance.rest.ok('POST', '/rest/api-keys', { label: `bench ${randomUUID()}`, scopes: ['execution:read'], expiresAt: null });
		const deadline = Date.now() + timeoutMs;
		await triggerWebhook(`${baseUrl}/webhook/${webhookPath}`, deadline);
		const { id, statusesSeen } = await untilFinished(instance, workflowId, deadline);
		return { result: executionResult(await fetchExecution(baseUrl, data.rawApiKey, id), null), statusesSeen };
	} finally {
		await instance.stop();
	}
}

module.exports = { giveWebhookOwnPath, runThroughWebhook };
