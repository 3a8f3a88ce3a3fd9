import { sleep } from 'n8n-workflow';

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

/** Tasks created within this time of the first one of a cohort are expected to finish together. */
export const COHORT_WINDOW_MS = 2_000;

/** A task is skipped in favour of its cohort's probe at most this many rounds in a row. */
export const MAX_DEFERRALS = 3;

/** Later tasks are first polled after this share of the shortest successful task seen so far. */
export const LEARNED_FIRST_POLL_SHARE = 0.8;

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
	deferrals: number;
	settle: (outcome: { task: LiangXinTask } | { error: unknown }) => void;
}

export interface TaskWatcherOptions {
	/** Called with every answer, so that the caller can report progress. */
	onPoll?: (task: LiangXinTask) => void;
	now?: () => number;
}

/**
 * Waits for the tasks of a batch on the adaptive schedule while spending few requests. Tasks created
 * together finish at about the same time, so each round asks about the oldest due task of each cohort
 * first and about the others only once it has finished (or after MAX_DEFERRALS skipped rounds). Once a
 * task has succeeded, later tasks are not polled before most of its duration has passed.
 */
export class TaskWatcher {
	private readonly watched = new Map<string, WatchedTask>();

	private shortestDurationMs = 0;

	private looping = false;

	private interruptSleep?: AbortController;

	private readonly now: () => number;

	constructor(private readonly options: TaskWatcherOptions = {}) {
		this.now = options.now ?? Date.now;
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
				nextPollAt: createdAt + Math.min(this.firstPollDelayMs(), request.maxWaitMs),
				deferrals: 0,
				settle: (outcome) => {
					if (!this.watched.delete(taskId)) return;
					abortSignal?.removeEventListener('abort', onAbort);
					if ('task' in outcome) resolve(outcome.task);
					else reject(outcome.error);
					this.wake();
				},
			};
			this.watched.set(taskId, task);
			if (abortSignal?.aborted) return onAbort();
			abortSignal?.addEventListener('abort', onAbort, { once: true });
			this.wake();
			if (!this.looping) void this.loop();
		});
	}

	private firstPollDelayMs(): number {
		return Math.max(pollDelayMs(0), this.shortestDurationMs * LEARNED_FIRST_POLL_SHARE);
	}

	private async loop() {
		this.looping = true;
		while (this.watched.size > 0) {
			await this.sleepUntil(Math.min(...[...this.watched.values()].map((task) => task.nextPollAt)));
			await this.pollDueTasks();
		}
		this.looping = false;
	}

	/** Sleeps until `time`, or until a new task or a settled one changes the plan. */
	private async sleepUntil(time: number) {
		const delay = time - this.now();
		if (delay <= 0) return;
		this.interruptSleep = new AbortController();
		await sleep(delay, this.interruptSleep.signal).catch(() => undefined);
	}

	private wake() {
		this.interruptSleep?.abort();
	}

	/** Polls each cohort that has a due task: its oldest task first, then the due ones as that allows. */
	private async pollDueTasks() {
		const now = this.now();
		const cohorts: WatchedTask[][] = [];
		const byAge = [...this.watched.values()].sort((first, second) => first.createdAt - second.createdAt);
		for (const task of byAge) {
			const cohort = cohorts.at(-1);
			if (cohort && task.createdAt - cohort[0].createdAt <= COHORT_WINDOW_MS) cohort.push(task);
			else cohorts.push([task]);
		}
		const due = cohorts.filter((cohort) => cohort.some((task) => task.nextPollAt <= now));
		await Promise.all(due.map(async ([probe, ...mates]) => await this.pollCohort(probe, mates.filter((mate) => mate.nextPollAt <= now))));
	}

	/**
	 * The probe is asked only when it is due itself; until it has finished, its due mates wait for its
	 * next poll (so a cohort converges on one schedule), at most MAX_DEFERRALS times in a row.
	 */
	private async pollCohort(probe: WatchedTask, dueMates: WatchedTask[]) {
		const probeStillRunning = probe.nextPollAt <= this.now() ? await this.poll(probe) : this.watched.has(probe.taskId);
		const now = this.now();
		const deferred = probeStillRunning
			? dueMates.filter((mate) => mate.deferrals < MAX_DEFERRALS && mate.deadline > now)
			: [];
		for (const mate of deferred) {
			mate.deferrals++;
			mate.nextPollAt = Math.min(probe.nextPollAt, mate.deadline);
		}
		const polledNow = dueMates.filter((mate) => !deferred.includes(mate));
		await Promise.all(polledNow.map(async (mate) => await this.poll(mate)));
	}

	/** Asks about one task; answers whether it is still running. */
	private async poll(task: WatchedTask): Promise<boolean> {
		if (!this.watched.has(task.taskId)) return false;
		let answer: LiangXinTask;
		try {
			answer = await task.fetchTask();
		} catch (error) {
			task.settle({ error });
			return false;
		}
		if (!this.watched.has(task.taskId)) return false;
		this.options.onPoll?.(answer);
		const now = this.now();
		if (answer.status !== 'pending') {
			if (answer.status === 'success' && answer.costTime && answer.costTime > 0) {
				this.shortestDurationMs = this.shortestDurationMs ? Math.min(this.shortestDurationMs, answer.costTime) : answer.costTime;
			}
			task.settle({ task: answer });
			return false;
		}
		if (now >= task.deadline) {
			task.settle({ error: new TaskWaitTimeoutError(task.taskId, answer, now - task.createdAt) });
			return false;
		}
		task.deferrals = 0;
		task.nextPollAt = Math.min(now + pollDelayMs(now - task.createdAt), task.deadline);
		return true;
	}
}
