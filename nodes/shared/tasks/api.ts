import type { IDataObject, JsonObject } from 'n8n-workflow';

import { maskedCopy, outputCopy } from '../transport/answerCopy';
import { CREATE_OUTCOME_UNKNOWN } from '../transport/apiErrors';
import type { LiangXinTask } from './task';
import { normalizeTask, taskIdProblem, taskShapeProblem } from './task';
import type { LiangXinClient } from '../transport/client';
import type { LiangXinRequest } from '../transport/types';

/** The two documented endpoints of LiangXin's jobs API. */

/** A createTask body: the model, an optional callback URL, and the model's input. */
export interface CreateTaskBody {
	model: string;
	callBackUrl?: string;
	input: Record<string, unknown>;
}

interface CallOptions {
	itemIndex: number;
	abortSignal?: AbortSignal;
}

interface AnswerSource {
	itemIndex: number;
	taskId?: string;
	/** Whether it answers a create, which may have created a task all the same. */
	create?: boolean;
}

function unexpectedAnswer(client: LiangXinClient, reason: string, body: unknown, { itemIndex, taskId, create = false }: AnswerSource) {
	const shown = typeof body === 'string' ? body : (JSON.stringify(body) ?? '');
	return client.errors.build(
		`Unexpected answer from LiangXin${taskId ? ` for task ${taskId}` : ''}: ${reason}`,
		`${create ? `${CREATE_OUTCOME_UNKNOWN} ` : ''}Check that the Base URL in the LiangXin API credential points at LiangXin. Raw answer: ${maskedCopy(shown.slice(0, 500)) as string}`,
		{ body: maskedCopy(typeof body === 'object' && body !== null ? body : String(body)) as JsonObject },
		itemIndex,
	);
}

export async function createTask(
	client: LiangXinClient,
	request: CreateTaskBody,
	{ itemIndex, abortSignal }: CallOptions,
): Promise<{ taskId: string; raw: IDataObject }> {
	const body = (await client.request({
		method: 'POST',
		path: '/jobs/createTask',
		body: request as unknown as IDataObject,
		policy: 'create',
		itemIndex,
		abortSignal,
	})) as IDataObject;
	const taskId = (body?.data as IDataObject | undefined)?.taskId;
	const problem = typeof taskId === 'string' ? taskIdProblem(taskId) : 'it has no task ID';
	if (problem) throw unexpectedAnswer(client, problem, body, { itemIndex, create: true });
	return { taskId: taskId as string, raw: outputCopy(body) as IDataObject };
}

export async function getTask(
	client: LiangXinClient,
	taskId: string,
	{ includeRaw = false, ...call }: CallOptions & Pick<LiangXinRequest, 'retry' | 'timeoutMs'> & { includeRaw?: boolean },
): Promise<LiangXinTask> {
	const body = await client.request({
		method: 'GET',
		path: '/jobs/recordInfo',
		qs: { taskId },
		policy: 'read',
		taskId,
		...call,
	});
	const problem = taskShapeProblem(body);
	if (problem) throw unexpectedAnswer(client, problem, body, { itemIndex: call.itemIndex, taskId });
	return normalizeTask(body, { includeRaw });
}
