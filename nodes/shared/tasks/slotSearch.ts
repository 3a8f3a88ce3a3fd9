/**
 * A Max Concurrent Tasks slot frees when its task is seen final, so while an item waits for one, the
 * watcher looks for a finished task: it asks about the one most likely finished by the durations seen,
 * if its odds are at least SLOT_SEARCH_MIN_ODDS (with few tasks in flight, the odds of any one rise
 * slowly, and it is asked rarely more often than the schedule would).
 */
export const SLOT_SEARCH_MIN_ODDS = 0.25;

/** What the watcher is told about the items of its batch that have no task yet. */
export interface SlotState {
	/** Items that wait for a slot. */
	readonly waiting: number;
	/** An item waits for a slot that a task seen final would let create at once. */
	readonly wanted: boolean;
}

/** How many of the sorted values are at most `limit` (binary search). */
function countAtMost(sorted: number[], limit: number): number {
	let [low, high] = [0, sorted.length];
	while (low < high) {
		const middle = (low + high) >> 1;
		if (sorted[middle] <= limit) low = middle + 1;
		else high = middle;
	}
	return low;
}

/**
 * The odds that a task seen running at age `polledAtMs` has finished by age `ageMs`, from the durations
 * seen (sorted): the share of them in between, among those longer than `polledAtMs`. 0 when none is.
 */
export function slotSearchOdds(sortedDurations: number[], polledAtMs: number, ageMs: number): number {
	const longer = sortedDurations.length - countAtMost(sortedDurations, polledAtMs);
	return longer === 0 ? 0 : (countAtMost(sortedDurations, ageMs) - countAtMost(sortedDurations, polledAtMs)) / longer;
}

/** Of running tasks (seen running at `polledAtMs` of their age, now `ageMs` old), the one to ask about, if any. */
export function likeliestFinished<T>(candidates: Array<{ task: T; polledAtMs: number; ageMs: number }>, sortedDurations: number[]): T | undefined {
	let best: { task?: T; odds: number } = { odds: 0 };
	for (const { task, polledAtMs, ageMs } of candidates) {
		const odds = slotSearchOdds(sortedDurations, polledAtMs, ageMs);
		if (odds >= SLOT_SEARCH_MIN_ODDS && odds > best.odds) best = { task, odds };
	}
	return best.task;
}
