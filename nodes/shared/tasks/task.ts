import type { IDataObject } from 'n8n-workflow';

import { MAX_TASK_ID_LENGTH } from '../platform/limits';
import { maskedCopy, outputCopy } from '../transport/answerCopy';

/** `pending` covers every state that is not final, including states LiangXin may add later. */
export type TaskStatus = 'pending' | 'success' | 'fail';

/** The task as every LiangXin node outputs it (Get Task, Create & Wait, Trigger). */
export interface LiangXinTask extends IDataObject {
	taskId: string;
	model: string;
	state: string;
	status: TaskStatus;
	imageUrls: string[];
	failCode: string;
	failMsg: string;
	costTime: number | null;
	createTime: number | null;
	completeTime: number | null;
	input: IDataObject | null;
}

/** A body that does not look like a LiangXin task; the raw body is kept for the error report. */
export class UnexpectedTaskShapeError extends Error {
	constructor(
		readonly reason: string,
		readonly rawBody: unknown,
	) {
		super(`Unexpected answer from LiangXin: ${reason}`);
	}
}

const SUCCESS_STATES = ['success', 'succeeded', 'completed'];
const FAIL_STATES = ['fail', 'failed', 'error'];

export function statusOfState(state: string): TaskStatus {
	const normalized = state.toLowerCase();
	if (SUCCESS_STATES.includes(normalized)) return 'success';
	if (FAIL_STATES.includes(normalized)) return 'fail';
	return 'pending';
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Fields documented as JSON strings may also arrive as objects. */
function parseJsonField(value: unknown): IDataObject | null {
	if (isObject(value)) return value;
	if (typeof value !== 'string' || !value.trim()) return null;
	try {
		const parsed: unknown = JSON.parse(value);
		return isObject(parsed) ? parsed : null;
	} catch {
		return null;
	}
}

function toNumber(value: unknown): number | null {
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
	return null;
}

/** Text from a string, number or boolean; anything else (an object, a list) is no text. */
function toText(value: unknown): string {
	if (typeof value === 'string') return value;
	return typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

/**
 * The result URLs: `resultJson.resultUrls` as documented. Undocumented but tolerated: a `videoUrls`
 * list instead (a name a video model could use), and either list beside `resultJson` instead of in it.
 */
function resultUrls(data: IDataObject): string[] {
	const result = parseJsonField(data.resultJson) ?? {};
	const urls = result.resultUrls ?? result.videoUrls ?? data.resultUrls ?? data.videoUrls ?? [];
	const list = Array.isArray(urls) ? urls : [urls];
	return list.filter((url): url is string => typeof url === 'string' && url.length > 0);
}

function taskData(body: IDataObject): IDataObject {
	return isObject(body.data) ? body.data : body;
}

/** Why a task ID read from an answer cannot be used, or undefined when it can. */
export function taskIdProblem(taskId: string): string | undefined {
	if (!taskId) return 'it has no task ID';
	if (taskId.length > MAX_TASK_ID_LENGTH) return `its task ID is longer than ${MAX_TASK_ID_LENGTH} characters`;
	return undefined;
}

/** Why a body cannot be read as a task, or undefined when it can. */
export function taskShapeProblem(body: unknown): string | undefined {
	if (!isObject(body)) return 'the body is not a JSON object';
	const data = taskData(body);
	return taskIdProblem(toText(data.taskId ?? data.task_id));
}

/** A free text of the answer (the failure reason, ...) as outputs and errors show it: bounded, URL query values masked. */
const shownText = (value: unknown) => maskedCopy(toText(value)) as string;

/**
 * Reads a recordInfo answer or a callback body (`{code, msg, data: {...}}`) leniently: numbers may be
 * numeric strings, `resultJson` and `param` strings or objects, unknown states stay pending.
 */
export function normalizeTask(body: unknown, { includeRaw = false } = {}): LiangXinTask {
	const problem = taskShapeProblem(body);
	if (problem) throw new UnexpectedTaskShapeError(problem, body);
	const data = taskData(body as IDataObject);
	const taskId = toText(data.taskId ?? data.task_id);

	const state = toText(data.state ?? data.status) || 'unknown';
	const param = parseJsonField(data.param);
	const task: LiangXinTask = {
		taskId,
		model: shownText(data.model ?? param?.model),
		state: shownText(state),
		status: statusOfState(state),
		imageUrls: resultUrls(data),
		failCode: shownText(data.failCode),
		failMsg: shownText(data.failMsg),
		costTime: toNumber(data.costTime),
		createTime: toNumber(data.createTime),
		completeTime: toNumber(data.completeTime),
		input: param && (outputCopy(isObject(param.input) ? param.input : param) as IDataObject),
	};
	if (includeRaw) task.raw = outputCopy(body) as IDataObject;
	return task;
}
