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

/**
 * The same schedule for jobs `factor` times as long: every delay it gives, and every duration it
 * learns from, scaled by `factor`, so that it polls at the same moments of a job's life.
 */
export function scaledSchedule(schedule: PollSchedule, factor: number): PollSchedule {
	const unscaled = (median: number | undefined) => (median === undefined ? undefined : median / factor);
	return {
		firstPollDelayMs: (median, scout) => factor * schedule.firstPollDelayMs(unscaled(median), scout),
		nextPollDelayMs: (ageMs, median, tasksLeft) => factor * schedule.nextPollDelayMs(ageMs / factor, unscaled(median), tasksLeft),
	};
}

/**
 * Video jobs take minutes (LiangXin's Kling pages promise no duration; the sandbox's 1 to 6 min, median
 * 2.5 min, is a guess) where images take about 25 s: the adaptive schedule, 6 times as slow. A lone
 * video is first asked about after 30 s, then every 30 s; in a batch, once one has finished, the last
 * ones every 6 to 18 s.
 */
export const VIDEO_SCHEDULE = scaledSchedule(ADAPTIVE_SCHEDULE, 6);
