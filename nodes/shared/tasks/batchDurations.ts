/** How long the tasks of a batch took, kept sorted, and the batch's median duration while it runs. */
export class BatchDurations {
	/** The durations seen, sorted. */
	readonly sorted: number[] = [];

	add(durationMs: number) {
		const index = this.sorted.findIndex((seen) => seen > durationMs);
		this.sorted.splice(index < 0 ? this.sorted.length : index, 0, durationMs);
	}

	/**
	 * The median duration (Kaplan-Meier), with `runningAges` the ages of the tasks still running. The
	 * tasks seen finished first are the short ones, so the median of those alone is biased low; a running
	 * task counts as lasting at least its age. Undefined until the durations seen put more than half of
	 * the tasks old enough to tell behind the median: the schedule then waits as with nothing learned.
	 */
	median(runningAges: number[]): number | undefined {
		const durations = this.sorted;
		const ages = [...runningAges].sort((a, b) => a - b);
		let agesBelow = 0;
		let survival = 1;
		for (let index = 0; index < durations.length; ) {
			const duration = durations[index];
			let ended = 0;
			while (durations[index + ended] === duration) ended++;
			while (agesBelow < ages.length && ages[agesBelow] < duration) agesBelow++;
			survival *= 1 - ended / (durations.length - index + ages.length - agesBelow);
			if (survival < 0.5) return duration;
			index += ended;
		}
		return undefined;
	}
}
