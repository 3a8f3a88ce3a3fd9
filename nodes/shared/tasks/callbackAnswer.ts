import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

import type { RetrySettings } from '../transport/types';

/**
 * A callback is checked with LiangXin before anything is done with it, and the check must answer
 * before LiangXin gives up on the delivery: one retry, about 9 s at most for one recordInfo call.
 */
export const VERIFY_BUDGET: { retry: RetrySettings; timeoutMs: number } = {
	retry: { maxRetries: 1, baseDelayMs: 500, maxDelayMs: 1000 },
	timeoutMs: 4000,
};

/**
 * The longest the node keeps a callback of a paused execution unanswered, its turn included; n8n's own
 * handling (loading the execution) comes on top, so that LiangXin gets its answer within about 10 s.
 */
export const CALLBACK_TIME_LIMIT_MS = 8000;

/** LiangXin sends a delivery again after a 5xx: the answer to a callback that cannot be handled now. */
export const RETRY_LATER = 503;

const RETRY_AFTER_SECONDS = '10';

/** Answers a callback itself, with a JSON body; a RETRY_LATER says when to send it again. */
export function answerCallback(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	const response = context.getResponseObject();
	if (status === RETRY_LATER) response.setHeader('Retry-After', RETRY_AFTER_SECONDS);
	response.status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * The answer to a callback of a paused execution, given once: the first of "keep waiting" (with its
 * status) and "resumed" wins, so that a check that goes on after its callback was answered can still
 * resume the execution.
 */
export class CallbackAnswer {
	/** Whether the node answered the callback itself. */
	private sent = false;

	/** Whether the answer is settled: sent, or left to n8n as the execution resumes. */
	private settled = false;

	constructor(private readonly context: IWebhookFunctions) {}

	keepWaiting(status: number, reason: string): IWebhookResponseData {
		if (!this.settled) {
			answerCallback(this.context, status, { resumed: false, reason });
			this.sent = true;
			this.settled = true;
		}
		return { noWebhookResponse: true };
	}

	/** Unless the callback was answered already, n8n answers it as the execution resumes. */
	resume(workflowData: INodeExecutionData[][]): IWebhookResponseData {
		this.settled = true;
		return this.sent ? { workflowData, noWebhookResponse: true } : { workflowData };
	}
}
