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

/**
 * Create & Wait returns only when every item is done, so polling a task before it can be finished
 * buys nothing. Before any task of the batch has finished, only the oldest one (the scout) is polled,
 * on POLL_SCHEDULE; the others wait for it, at most BLIND_WAIT_MS. From then on each task is first
 * polled when it is likely done (LIKELY_DONE_QUANTILE of the durations seen, with a margin while
 * there are fewer than FEW_SAMPLES), then every IMMINENT_EVERY_MS for half as long again, then on
 * POLL_SCHEDULE.
 */
export const BLIND_WAIT_MS = 30_000;
export const LIKELY_DONE_QUANTILE = 0.9;
export const FEW_SAMPLES = 10;
export const FEW_SAMPLES_MARGIN = 1.1;
export const IMMINENT_EVERY_MS = 1_000;
/** Polled every IMMINENT_EVERY_MS until this multiple of the age at its likely end. */
export const IMMINENT_UNTIL_AGE_FACTOR = 1.5;

/** The longest delay a timer takes (2^31 - 1 ms); the watcher is woken by every change anyway. */
const LONGEST_SLEEP_MS = 2 ** 31 - 1;

/** Age at which a task is probably finished, from the durations of finished ones; never above twice their median. */
export function likelyDoneMs(durations: number[]): number | undefined {
	if (durations.length === 0) return undefined;
	const sorted = [...durations].sort((a, b) => a - b);
	const median = sorted[Math.floor(sorted.length / 2)];
	const estimate =
		sorted.length >= FEW_SAMPLES
			? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * LIKELY_DONE_QUANTILE))]
			: sorted[sorted.length - 1] * FEW_SAMPLES_MARGIN;
	return Math.min(estimate, 2 * median);
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
	/** blind: waits for the first finished task; estimated: first poll at the likely end; imminent: polled often since `imminentAt`. */
	phase: 'scout' | 'blind' | 'estimated' | 'imminent';
	imminentAt: number;
	/** A recordInfo call for it is under way (with its retries). */
	polling: boolean;
	settle: (outcome: { task: LiangXinTask } | { error: unknown }) => void;
}

export interface TaskWatcherOptions {
	/** Called with every answer, so that the caller can report progress. */
	onPoll?: (task: LiangXinTask) => void;
	now?: () => number;
}

/**
 * Waits for the tasks of a batch with few requests: one task scouts the duration, the others are
 * first asked about when they are likely done (see BLIND_WAIT_MS).
 */
export class TaskWatcher {
	/** Keyed by the wait, not the task ID: two waits for one ID (LiangXin answering a create twice alike) both settle. */
	private readonly watched = new Set<WatchedTask>();

	private readonly durations: number[] = [];

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
				nextPollAt: createdAt,
				phase: 'blind',
				imminentAt: 0,
				polling: false,
				settle: (outcome) => {
					if (!this.watched.delete(task)) return;
					abortSignal?.removeEventListener('abort', onAbort);
					if ('task' in outcome) resolve(outcome.task);
					else reject(outcome.error);
					this.ensureScout();
					this.wake();
				},
			};
			this.watched.add(task);
			this.plan(task);
			this.ensureScout();
			if (abortSignal?.aborted) return onAbort();
			abortSignal?.addEventListener('abort', onAbort, { once: true });
			this.wake();
			if (!this.looping) void this.loop();
		});
	}

	/** Sets a task's first poll from what is known now. */
	private plan(task: WatchedTask) {
		const likelyDone = likelyDoneMs(this.durations);
		if (likelyDone !== undefined) {
			task.phase = 'estimated';
			task.nextPollAt = Math.min(task.createdAt + likelyDone, task.deadline);
		} else {
			task.phase = 'blind';
			task.nextPollAt = Math.min(task.createdAt + BLIND_WAIT_MS, task.deadline);
		}
	}

	/** While nothing has finished, the oldest task polls on POLL_SCHEDULE for everyone. */
	private ensureScout() {
		if (this.durations.length > 0) return;
		const tasks = [...this.watched.values()];
		if (tasks.length === 0 || tasks.some((task) => task.phase === 'scout')) return;
		const oldest = tasks.reduce((first, task) => (task.createdAt < first.createdAt ? task : first));
		oldest.phase = 'scout';
		oldest.nextPollAt = Math.min(Math.max(this.now(), oldest.createdAt + pollDelayMs(this.now() - oldest.createdAt)), oldest.deadline);
	}

	/**
	 * Starts each task's poll when it is due, without waiting for the others' polls: a recordInfo
	 * call that is retrying must not hold back the polls of other tasks.
	 */
	private async loop() {
		this.looping = true;
		while (this.watched.size > 0) {
			const idle = [...this.watched.values()].filter((task) => !task.polling);
			await this.sleepUntil(Math.min(...idle.map((task) => task.nextPollAt)));
			// Read the tasks again: some may have settled or started polling while the loop slept.
			const now = this.now();
			for (const task of this.watched.values()) if (!task.polling && task.nextPollAt <= now) void this.poll(task);
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

	private learn(durationMs: number) {
		const first = this.durations.length === 0;
		this.durations.push(durationMs);
		if (!first) return;
		// The first duration is known: every waiting task gets its own first poll from it.
		for (const task of this.watched.values()) if (task.phase === 'blind' || task.phase === 'scout') this.plan(task);
	}

	/** Asks about one task once, then settles it or plans its next poll. */
	private async poll(task: WatchedTask) {
		task.polling = true;
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
		if (answer.status !== 'pending') {
			const observed = now - task.createdAt;
			const fromApi =
				answer.costTime ?? (answer.completeTime && answer.createTime ? answer.completeTime - answer.createTime : null);
			// The API's figure is tighter than ours (no poll lag), but it cannot exceed what was seen here.
			this.learn(fromApi && fromApi > 0 ? Math.min(fromApi, observed) : observed);
			task.settle({ task: answer });
			return;
		}
		if (now >= task.deadline) {
			task.settle({ error: new TaskWaitTimeoutError(task.taskId, answer, now - task.createdAt) });
			return;
		}
		const age = now - task.createdAt;
		if (task.phase === 'estimated') {
			task.phase = 'imminent';
			task.imminentAt = age;
		}
		const step = task.phase === 'imminent' && age < task.imminentAt * IMMINENT_UNTIL_AGE_FACTOR ? IMMINENT_EVERY_MS : pollDelayMs(age);
		task.nextPollAt = Math.min(now + step, task.deadline);
	}
}
