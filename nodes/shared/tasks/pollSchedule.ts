/**
 * How Create & Wait polls a batch. The batch is done when its last task is seen final, so only the
 * lag on that task costs time; every other poll only costs a request. Hence:
 * - until the batch has a median duration, the oldest task still running (the scout) is polled from
 *   SCOUT_FIRST_POLL_MS; the others wait for what it learns, at most BLIND_FIRST_POLL_MS;
 * - then each task is first polled a little after the batch's median duration (most tasks are done
 *   by then; batchDurations.ts counts the tasks still running too), and after each miss waits half
 *   its age again (within STEP_MS), so a slow task costs few calls;
 * - the last ENDGAME_TASKS tasks are polled in turn, one poll per minimum step: the task that
 *   finishes last is seen within a few steps, which bounds the lag that costs time, while a long tail
 *   costs one call per step. Tasks created together are asked together on their own delays, so with
 *   fewer in the endgame, a batch whose last tasks all end within one such delay is seen done late by
 *   up to that delay (docs/benchmark.md). Once a task of the batch has finished, the very last one,
 *   alone, every LAST_TASK_STEP_FACTOR of the minimum step (every 1.5 s for long tasks);
 * - while an item waits for a Max Concurrent Tasks slot, the lag on every task costs time (a slot
 *   frees when its task is seen final): the watcher then also polls, every slot search step, the
 *   task most likely finished by the durations seen, if its odds are at least 1 in 4 (slotSearch.ts).
 * The minimum step is a fifth of the median duration (within MIN_STEP_MS): short tasks are
 * watched closely, long ones at most every 3 s. bench/RESULTS.md and docs/benchmark.md compare it
 * with a plain schedule.
 */
export const SCOUT_FIRST_POLL_MS = 5_000;
export const BLIND_FIRST_POLL_MS = 30_000;
export const FIRST_POLL_MEDIAN_FACTOR = 1.2;
export const FIRST_POLL_MS = { min: 1_000, max: 30_000 } as const;
export const STEP_MS = { min: 5_000, max: 30_000 } as const;
export const MIN_STEP_MS = { min: 1_000, max: 3_000 } as const;
export const STEP_AGE_FACTOR = 0.5;
export const MIN_STEP_MEDIAN_FACTOR = 0.2;
export const ENDGAME_TASKS = 8;
export const LAST_TASK_STEP_FACTOR = 1 / 2;
export const SLOT_SEARCH_STEP_MS = 50;

const clamp = (value: number, { min, max }: { min: number; max: number }) => Math.min(max, Math.max(min, value));

/** The wait before a task's first poll, from the median duration seen (undefined: none known yet). */
export function firstPollDelayMs(median: number | undefined, scout: boolean): number {
	if (median !== undefined) return clamp(median * FIRST_POLL_MEDIAN_FACTOR, FIRST_POLL_MS);
	return scout ? SCOUT_FIRST_POLL_MS : BLIND_FIRST_POLL_MS;
}

const minStepMs = (median: number | undefined) => (median === undefined ? STEP_MS.min : clamp(median * MIN_STEP_MEDIAN_FACTOR, MIN_STEP_MS));

/** The wait after a poll that found the task still running, before the batch's endgame. */
export function nextPollDelayMs(ageMs: number, median: number | undefined): number {
	return clamp(ageMs * STEP_AGE_FACTOR, { min: minStepMs(median), max: STEP_MS.max });
}

/**
 * With `tasksLeft` tasks running and `itemsWaiting` items waiting for a slot: the step between two polls
 * of the last tasks, in turn (undefined: not yet the endgame). The last task's shorter step is for the
 * batch's very end: not for a lone task with nothing learned yet, nor while items wait for its slot.
 */
export function endgameStepMs(median: number | undefined, tasksLeft: number, itemsWaiting = 0): number | undefined {
	if (tasksLeft > ENDGAME_TASKS) return undefined;
	const batchEnd = tasksLeft === 1 && itemsWaiting === 0 && median !== undefined;
	return batchEnd ? minStepMs(median) * LAST_TASK_STEP_FACTOR : minStepMs(median);
}

/**
 * When a watcher polls: the wait before a task's first poll and after each poll that found it still
 * running; optionally, the endgame's step and the slot search's. The watcher keeps the batch's
 * bookkeeping (median, scout, tasks left) and passes it in.
 */
export interface PollSchedule {
	firstPollDelayMs(median: number | undefined, scout: boolean): number;
	nextPollDelayMs(ageMs: number, median: number | undefined): number;
	/** Without it, every task is polled on its own delays to the end. */
	endgameStepMs?(median: number | undefined, tasksLeft: number, itemsWaiting: number): number | undefined;
	/** Without it, the watcher never searches for a task that would free a slot. */
	slotSearchStepMs?(): number;
}

/** The schedule described above, the one the nodes use. */
export const ADAPTIVE_SCHEDULE: PollSchedule = {
	firstPollDelayMs,
	nextPollDelayMs,
	endgameStepMs,
	slotSearchStepMs: () => SLOT_SEARCH_STEP_MS,
};

/**
 * The same schedule for jobs `factor` times as long: every delay it gives, and every duration it
 * learns from, scaled by `factor`, so that it polls at the same moments of a job's life.
 */
export function scaledSchedule(schedule: PollSchedule, factor: number): PollSchedule {
	const unscaled = (median: number | undefined) => (median === undefined ? undefined : median / factor);
	const { endgameStepMs: endgame, slotSearchStepMs: slotSearch } = schedule;
	return {
		firstPollDelayMs: (median, scout) => factor * schedule.firstPollDelayMs(unscaled(median), scout),
		nextPollDelayMs: (ageMs, median) => factor * schedule.nextPollDelayMs(ageMs / factor, unscaled(median)),
		...(endgame && {
			endgameStepMs: (median: number | undefined, tasksLeft: number, itemsWaiting: number) => {
				const step = endgame.call(schedule, unscaled(median), tasksLeft, itemsWaiting);
				return step === undefined ? undefined : factor * step;
			},
		}),
		...(slotSearch && { slotSearchStepMs: () => factor * slotSearch.call(schedule) }),
	};
}

/**
 * Video jobs take minutes (LiangXin's Kling pages promise no duration; the sandbox's 1 to 6 min, median
 * 2.5 min, is a guess) where images take about 25 s: the adaptive schedule, 6 times as slow. A lone
 * video is first asked about after 30 s, then every 30 s; in a batch, once one has finished, the last
 * ones in turn, one poll every 6 to 18 s, the very last one every 3 to 9 s.
 */
export const VIDEO_SCHEDULE = scaledSchedule(ADAPTIVE_SCHEDULE, 6);
