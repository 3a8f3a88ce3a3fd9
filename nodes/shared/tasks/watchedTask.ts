import type { LiangXinTask } from './task';

/** Why a wait ended without a final state. */
export class TaskWaitTimeoutError extends Error {
	constructor(
		readonly taskId: string,
		readonly lastTask: LiangXinTask,
		readonly waitedMs: number,
	) {
		super(`LiangXin task ${taskId} is still ${lastTask.state} after ${Math.round(waitedMs / 1000)} s`);
	}
}

export interface WaitRequest {
	/** Asks LiangXin for the task once (recordInfo). */
	fetchTask: () => Promise<LiangXinTask>;
	maxWaitMs: number;
	abortSignal?: AbortSignal;
}

export interface WatchedTask extends WaitRequest {
	taskId: string;
	createdAt: number;
	deadline: number;
	nextPollAt: number;
	lastPolledAt: number;
	polls: number;
	/** A recordInfo call for it is under way (with its retries). */
	polling: boolean;
	settle: (outcome: { task: LiangXinTask } | { error: unknown }) => void;
}
