import { sleep } from 'n8n-workflow';

import type { LiangXinTask } from './task';

/**
 * How Create & Wait polls a batch. The batch is done when its last task is seen final, so only the
 * lag on that task costs time; every other poll only costs a request. Hence:
 * - until a task of the batch has finished, the oldest one (the scout) is polled from
 *   SCOUT_FIRST_POLL_MS; the others wait for what it learns, at most BLIND_FIRST_POLL_MS;
 * - then each task is first polled a little after the median duration seen (most tasks are done
 *   by then), and after each miss waits half its age again (within STEP_MS), so a slow task costs
 *   few calls;
 * - the last ENDGAME_TASKS tasks share one poll per minimum step: the very last one is polled every
 *   minimum step, which bounds the lag that costs time, while a long tail costs few calls.
 * The minimum step is a fifth of the median duration (within MIN_STEP_MS): short tasks are
 * watched closely, long ones at most every 3 s. bench/RESULTS.md compares it with a plain schedule.
 */
export const SCOUT_FIRST_POLL_MS = 5_000;
export const BLIND_FIRST_POLL_MS = 30_000;
export const FIRST_POLL_MEDIAN_FACTOR = 1.2;
export const FIRST_POLL_MS = { min: 1_000, max: 30_000 } as const;
export const STEP_MS = { min: 5_000, max: 30_000 } as const;
export const MIN_STEP_MS = { min: 1_000, max: 3_000 } as const;
export const STEP_AGE_FACTOR = 0.5;
export const MIN_STEP_MEDIAN_FACTOR = 0.2;
export const ENDGAME_TASKS = 3;

/** The longest delay a timer takes (2^31 - 1 ms); the watcher is woken by every change anyway. */
const LONGEST_SLEEP_MS = 2 ** 31 - 1;

const clamp = (value: number, { min, max }: { min: number; max: number }) => Math.min(max, Math.max(min, value));

export function medianMs(durations: number[]): number | undefined {
	if (durations.length === 0) return undefined;
	const sorted = [...durations].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/** The wait before a task's first poll, from the median duration seen (undefined: none finished yet). */
export function firstPollDelayMs(median: number | undefined, scout: boolean): number {
	if (median !== undefined) return clamp(median * FIRST_POLL_MEDIAN_FACTOR, FIRST_POLL_MS);
	return scout ? SCOUT_FIRST_POLL_MS : BLIND_FIRST_POLL_MS;
}

/** The wait after a poll that found the task still running, with `tasksLeft` tasks in the batch. */
export function nextPollDelayMs(ageMs: number, median: number | undefined, tasksLeft: number): number {
	const minStep = median === undefined ? STEP_MS.min : clamp(median * MIN_STEP_MEDIAN_FACTOR, MIN_STEP_MS);
	const ageStep = clamp(ageMs * STEP_AGE_FACTOR, { min: minStep, max: STEP_MS.max });
	return tasksLeft <= ENDGAME_TASKS ? Math.min(ageStep, minStep * tasksLeft) : ageStep;
}

/**
 * When a watcher polls: the wait before a task's first poll and after each poll that found it still
 * running. The watcher keeps the batch's bookkeeping (median, scout, tasks left) and passes it in.
 */
export interface PollSchedule {
	firstPollDelayMs(median: number | undefined, scout: boolean): number;
	nextPollDelayMs(ageMs: number, median: number | undefined, tasksLeft: number): number;
}

/** The schedule described above, the one the nodes use. */
export const ADAPTIVE_SCHEDULE: PollSchedule = { firstPollDelayMs, nextPollDelayMs };

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

interface WatchedTask extends WaitRequest {
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

export interface TaskWatcherOptions {
	/** Called with every answer, so that the caller can report progress. */
	onPoll?: (task: LiangXinTask) => void;
	now?: () => number;
	/** ADAPTIVE_SCHEDULE unless given; the benchmark plugs in a plain one to measure what it saves. */
	schedule?: PollSchedule;
}

/** Waits for the tasks of a batch with few requests (see SCOUT_FIRST_POLL_MS). */
export class TaskWatcher {
	/** Keyed by the wait, not the task ID: two waits for one ID (LiangXin answering a create twice alike) both settle. */
	private readonly watched = new Set<WatchedTask>();

	private readonly durations: number[] = [];

	private looping = false;

	private interruptSleep?: AbortController;

	private readonly now: () => number;

	private readonly schedule: PollSchedule;

	constructor(private readonly options: TaskWatcherOptions = {}) {
		this.now = options.now ?? Date.now;
		this.schedule = options.schedule ?? ADAPTIVE_SCHEDULE;
	}

	/** Resolves with the task once it succeeded or failed; rejects on timeout, error or abort. */
	async waitFor(taskId: string, request: WaitRequest): Promise<LiangXinTask> {
		return await new Promise<LiangXinTask>((resolve, reject) => {
			const createdAt = this.now();
			const { abortSignal } = request;
			const onAbort = () => task.settle({ error: abortSignal?.reason });
			const task: WatchedTask = {
				...request,
				taskId,
				createdAt,
				deadline: createdAt + request.maxWaitMs,
				nextPollAt: Infinity,
				lastPolledAt: createdAt,
				polls: 0,
				polling: false,
				settle: (outcome) => {
					if (!this.watched.delete(task)) return;
					abortSignal?.removeEventListener('abort', onAbort);
					if ('task' in outcome) resolve(outcome.task);
					else reject(outcome.error);
					this.replan();
					this.wake();
				},
			};
			this.watched.add(task);
			this.replan();
			if (abortSignal?.aborted) return onAbort();
			abortSignal?.addEventListener('abort', onAbort, { once: true });
			this.wake();
			if (!this.looping) void this.loop();
		});
	}

	/**
	 * Plans again from what is known now: the first poll of every task not polled yet and, once the
	 * batch is down to its last tasks, their next poll on the tighter endgame step.
	 */
	private replan() {
		const median = medianMs(this.durations);
		const scout = this.watched.values().next().value;
		for (const task of this.watched) {
			if (task.polls === 0) {
				task.nextPollAt = Math.min(task.createdAt + this.schedule.firstPollDelayMs(median, task === scout), task.deadline);
			} else if (!task.polling && this.watched.size <= ENDGAME_TASKS) {
				const delay = this.schedule.nextPollDelayMs(task.lastPolledAt - task.createdAt, median, this.watched.size);
				task.nextPollAt = Math.min(task.nextPollAt, task.lastPolledAt + delay, task.deadline);
			}
		}
	}

	/**
	 * Starts each task's poll when it is due, without waiting for the others' polls: a recordInfo
	 * call that is retrying must not hold back the polls of other tasks.
	 */
	private async loop() {
		this.looping = true;
		while (this.watched.size > 0) {
			const idle = [...this.watched].filter((task) => !task.polling);
			await this.sleepUntil(Math.min(...idle.map((task) => task.nextPollAt)));
			// Read the tasks again: some may have settled or started polling while the loop slept.
			const now = this.now();
			for (const task of this.watched) if (!task.polling && task.nextPollAt <= now) void this.poll(task);
		}
		this.looping = false;
	}

	/** Sleeps until `time`, or until a new task, an answer or a settled task changes the plan. */
	private async sleepUntil(time: number) {
		const delay = Math.min(time - this.now(), LONGEST_SLEEP_MS);
		if (delay <= 0) return;
		this.interruptSleep = new AbortController();
		await sleep(delay, this.interruptSleep.signal).catch(() => undefined);
	}

	private wake() {
		this.interruptSleep?.abort();
	}

	/** Asks about one task once, then settles it or plans its next poll. */
	private async poll(task: WatchedTask) {
		task.polling = true;
		task.polls += 1;
		try {
			const answer = await task.fetchTask();
			if (this.watched.has(task)) this.handleAnswer(task, answer);
		} catch (error) {
			task.settle({ error });
		} finally {
			task.polling = false;
			this.wake();
		}
	}

	private handleAnswer(task: WatchedTask, answer: LiangXinTask) {
		this.options.onPoll?.(answer);
		const now = this.now();
		const age = now - task.createdAt;
		if (answer.status !== 'pending') {
			const fromApi =
				answer.costTime ?? (answer.completeTime && answer.createTime ? answer.completeTime - answer.createTime : null);
			// The API's figure is tighter than ours (no poll lag), but it cannot exceed what was seen here.
			this.durations.push(fromApi && fromApi > 0 ? Math.min(fromApi, age) : age);
			task.settle({ task: answer });
			return;
		}
		if (now >= task.deadline) {
			task.settle({ error: new TaskWaitTimeoutError(task.taskId, answer, age) });
			return;
		}
		task.lastPolledAt = now;
		task.nextPollAt = Math.min(now + this.schedule.nextPollDelayMs(age, medianMs(this.durations), this.watched.size), task.deadline);
	}
}
