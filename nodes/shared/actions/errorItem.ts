import type { IDataObject, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import { usesErrorOutput } from '../parameters/nodeVariant';

/** Why an item failed, what to do about it, and its task when it has one. */
export interface ItemFailure {
	message: string;
	description?: string;
	taskId?: string;
}

/** What a thrown error says about its item: task-scoped errors carry `taskId`, n8n's errors `description`. */
export function failureOf(error: Error): ItemFailure {
	const { taskId, description } = error as { taskId?: unknown; description?: unknown };
	return {
		message: error.message,
		...(typeof taskId === 'string' && taskId ? { taskId } : {}),
		...(typeof description === 'string' && description ? { description } : {}),
	};
}

/**
 * The JSON of an item that failed. For n8n's error output the failure goes whole under `error`, the
 * one key n8n routes on in 1.x and 2.x alike; n8n then adds the input item's fields beside it.
 * Otherwise it is `{ error, taskId, errorDescription }`.
 */
export function errorJson(context: IExecuteFunctions | IWebhookFunctions, failure: ItemFailure): IDataObject {
	const { message, description, taskId } = failure;
	if (usesErrorOutput(context)) {
		return { error: { message, ...(taskId ? { taskId } : {}), ...(description ? { description } : {}) } };
	}
	return {
		error: message,
		...(taskId ? { taskId } : {}),
		...(description ? { errorDescription: description } : {}),
	};
}
