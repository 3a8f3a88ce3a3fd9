import { pause } from './cancellation';

import type { LiangXinTask } from './task';

/**
 * How long to wait before the next recordInfo call, by the time the task has been running:
 * tight at first (most images take 10-30 s), then looser so that a slow task costs few calls.
 */
export const POLL_SCHEDULE = [
	{ untilMs: 30_000, everyMs: 2_500 },
	{ untilMs: 120_000, everyMs: 7_500 },
	{ untilMs: Infinity, everyMs: 20_000 },
] as const;

const JITTER = 0.2;

export function pollDelayMs(elapsedMs: number, random: () => number = Math.random): number {
	const step = POLL_SCHEDULE.find((candidate) => elapsedMs < candidate.untilMs) ?? POLL_SCHEDULE[2];
	return Math.round(step.everyMs * (1 - JITTER + 2 * JITTER * random()));
}

export interface WaitOptions {
	maxWaitMs: number;
	abortSignal?: AbortSignal;
	/** Called with every answer, so the caller can report progress. */
	onPoll?: (task: LiangXinTask) => void;
	now?: () => number;
}

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

/** Polls `fetchTask` on the adaptive schedule until the task succeeds, fails or the wait runs out. */
export async function waitForFinalState(
	taskId: string,
	fetchTask: () => Promise<LiangXinTask>,
	{ maxWaitMs, abortSignal, onPoll, now = Date.now }: WaitOptions,
): Promise<LiangXinTask> {
	const startedAt = now();
	for (;;) {
		const elapsed = now() - startedAt;
		const delay = Math.min(pollDelayMs(elapsed), Math.max(0, maxWaitMs - elapsed));
		await pause(delay, abortSignal);
		const task = await fetchTask();
		onPoll?.(task);
		if (task.status !== 'pending') return task;
		const waited = now() - startedAt;
		if (waited >= maxWaitMs) throw new TaskWaitTimeoutError(taskId, task, waited);
	}
}
