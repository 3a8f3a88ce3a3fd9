// The workflows of the queue-mode suite: production webhooks, so that main or a webhook processor
// receives the request and a worker runs the execution.
import { randomUUID } from 'node:crypto';

import { chain, liangXinNode, type Workflow } from '../workflows';

export const BATCH_PATH = 'liangxin-batch';
export const TRIGGER_TYPE = 'n8n-nodes-liangxin.liangXinTrigger';
export const LIANGXIN = 'LiangXin';
export const CLAIM = 'Claim';
export const FIRST_COPY = 'First Copy';
export const DOWNSTREAM = 'Handle Image';
/** The trigger listens on /webhook/<its webhookId>/liangxin. */
export const CALLBACK_PATH = 'webhook/liangxin-queue-callbacks/liangxin';

/** POST `{ items: [{ prompt }, ...] }` to /webhook/liangxin-batch: one Create & Wait item per entry. */
export function batchWorkflow(credential: { id: string; name: string }): Workflow {
	return chain('queue: create and wait on a posted batch', [
		{
			name: 'Batch',
			type: 'n8n-nodes-base.webhook',
			typeVersion: 2,
			webhookId: randomUUID(),
			parameters: { httpMethod: 'POST', path: BATCH_PATH, responseMode: 'onReceived', options: {} },
		},
		{ name: 'Items', type: 'n8n-nodes-base.splitOut', typeVersion: 1, parameters: { fieldToSplitOut: 'body.items', options: {} } },
		liangXinNode(LIANGXIN, { operation: 'createAndWait', prompt: '={{ $json.prompt }}', resolution: '1K' }, credential),
	]);
}

/**
 * LiangXin Trigger → Claim (Redis INCR of `liangxin:<taskId>:<state>`, atomic across processes) →
 * First Copy (only the caller that got 1 goes on) → an HTTP Request posting `{ taskId, status }`
 * to `receiverUrl`: the recommended pattern when more than one n8n process receives callbacks.
 */
export function onImageReadyWorkflow(
	credentials: { liangXin: { id: string; name: string }; redis: { id: string; name: string } },
	token: string,
	receiverUrl: string,
): Workflow {
	const task = "$('LiangXin Trigger').item.json";
	return chain('queue: on image ready, exactly once', [
		{
			name: 'LiangXin Trigger',
			type: TRIGGER_TYPE,
			typeVersion: 1,
			webhookId: 'liangxin-queue-callbacks',
			parameters: { events: ['success', 'fail'], token, verifyWithApi: true, options: {} },
			credentials: { liangXinApi: credentials.liangXin },
		},
		{
			name: CLAIM,
			type: 'n8n-nodes-base.redis',
			typeVersion: 1,
			parameters: { operation: 'incr', key: '=liangxin:{{ $json.taskId }}:{{ $json.status }}', expire: true, ttl: 7 * 24 * 3600 },
			credentials: { redis: credentials.redis },
		},
		{
			name: FIRST_COPY,
			type: 'n8n-nodes-base.filter',
			typeVersion: 2.2,
			parameters: {
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
					conditions: [
						{
							id: randomUUID(),
							leftValue: '={{ Object.values($json)[0] }}',
							rightValue: 1,
							operator: { type: 'number', operation: 'equals' },
						},
					],
					combinator: 'and',
				},
				options: {},
			},
		},
		{
			name: DOWNSTREAM,
			type: 'n8n-nodes-base.httpRequest',
			typeVersion: 4.2,
			parameters: {
				method: 'POST',
				url: receiverUrl,
				sendBody: true,
				specifyBody: 'json',
				jsonBody: `={{ JSON.stringify({ taskId: ${task}.taskId, status: ${task}.status, execution: $execution.id }) }}`,
				options: {},
			},
		},
	]);
}
