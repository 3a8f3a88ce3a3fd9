import { sleep } from 'n8n-workflow';

import { BatchDurations } from './batchDurations';
import type { PollSchedule } from './pollSchedule';
import { ADAPTIVE_SCHEDULE } from './pollSchedule';
import type { SlotState } from './slotSearch';
import { likeliestFinished } from './slotSearch';
import type { LiangXinTask } from './task';
import type { WaitRequest, WatchedTask } from './watchedTask';
import { TaskWaitTimeoutError } from './watchedTask';

/** The longest delay a timer takes (2^31 - 1 ms); the watcher is woken by every change anyway. */
const LONGEST_SLEEP_MS = 2 ** 31 - 1;

export { TaskWaitTimeoutError } from './watchedTask';
export type { WaitRequest } from './watchedTask';

export interface TaskWatcherOptions {
	/** Called with every answer, so that the caller can report progress. */
	onPoll?: (task: LiangXinTask) => void;
	now?: () => number;
	/** ADAPTIVE_SCHEDULE unless given; the benchmark plugs in a plain one to measure what it saves. */
	schedule?: PollSchedule;
	/** The batch's items that wait for a Max Concurrent Tasks slot (see the schedule's endgame and slot search). */
	slots?: SlotState;
}

/** Waits for the tasks of a batch with few requests, on a schedule (ADAPTIVE_SCHEDULE unless told otherwise). */
export class TaskWatcher {
	/** Keyed by the wait, not the task ID: two waits for one ID (LiangXin answering a create twice alike) both settle. */
	private readonly watched = new Set<WatchedTask>();

	private readonly durations = new BatchDurations();

	private lastSlotSearchAt = -Infinity;

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
	 * batch is down to its last tasks, their polls in turn on the endgame step (the least recently
	 * polled first), from the latest poll of any of them.
	 */
	private replan(median = this.median()) {
		const scout = this.watched.values().next().value;
		for (const task of this.watched) {
			if (task.polls === 0) {
				task.nextPollAt = Math.min(task.createdAt + this.schedule.firstPollDelayMs(median, task === scout), task.deadline);
			}
		}
		const step = this.endgameStep(median);
		if (step === undefined) return;
		const polled = [...this.watched].filter((task) => task.polls > 0);
		let pollAt = Math.max(...polled.map((task) => task.lastPolledAt));
		for (const task of polled.filter((each) => !each.polling).sort((a, b) => a.lastPolledAt - b.lastPolledAt)) {
			pollAt += step;
			task.nextPollAt = Math.min(pollAt, task.deadline);
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
			await this.sleepUntil(Math.min(this.slotSearchAt(), ...idle.map((task) => task.nextPollAt)));
			// Read the tasks again: some may have settled or started polling while the loop slept.
			const now = this.now();
			for (const task of this.watched) if (!task.polling && task.nextPollAt <= now) void this.poll(task);
			if (this.slotSearchAt() <= now) this.searchSlot(now);
		}
		this.looping = false;
	}

	/** The batch's median duration, from the durations seen and the ages of the tasks still running. */
	private median(now = this.now()): number | undefined {
		return this.durations.median([...this.watched].map((task) => now - task.createdAt));
	}

	/** The endgame's step, once the batch is down to its last tasks. */
	private endgameStep(median: number | undefined): number | undefined {
		return this.schedule.endgameStepMs?.(median, this.watched.size, this.options.slots?.waiting ?? 0);
	}

	/** When to search for a task that would free a slot: only while an item waits for one. */
	private slotSearchAt(): number {
		const step = this.schedule.slotSearchStepMs?.();
		return step !== undefined && this.durations.sorted.length > 0 && this.options.slots?.wanted ? this.lastSlotSearchAt + step : Infinity;
	}

	/** Polls the idle task most likely finished by the durations seen, if any may be. */
	private searchSlot(now: number) {
		this.lastSlotSearchAt = now;
		const candidates = [...this.watched]
			.filter((task) => !task.polling)
			.map((task) => ({ task, polledAtMs: task.polls === 0 ? 0 : task.lastPolledAt - task.createdAt, ageMs: now - task.createdAt }));
		const likeliest = likeliestFinished(candidates, this.durations.sorted);
		if (likeliest) void this.poll(likeliest);
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
			// Answered: the task takes its turn in the endgame's plan again.
			task.polling = false;
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
			this.durations.add(fromApi && fromApi > 0 ? Math.min(fromApi, age) : age);
			task.settle({ task: answer });
			return;
		}
		if (now >= task.deadline) {
			task.settle({ error: new TaskWaitTimeoutError(task.taskId, answer, age) });
			return;
		}
		task.lastPolledAt = now;
		const median = this.median(now);
		task.nextPollAt = Math.min(now + this.schedule.nextPollDelayMs(age, median), task.deadline);
		if (this.endgameStep(median) !== undefined) this.replan(median);
	}
}
