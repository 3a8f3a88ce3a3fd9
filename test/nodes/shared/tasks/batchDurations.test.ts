import { BatchDurations } from '../../../../nodes/shared/tasks/batchDurations';

const seen = (...durations: number[]) => {
	const batch = new BatchDurations();
	for (const duration of durations) batch.add(duration);
	return batch;
};

describe("a batch's durations", () => {
	it('keeps the durations seen sorted', () => {
		expect(seen(30, 10, 20, 10).sorted).toEqual([10, 10, 20, 30]);
	});

	it('takes the upper median once every task has finished', () => {
		expect(seen(30, 10, 20).median([])).toBe(20);
		expect(seen(40, 10, 30, 20).median([])).toBe(30);
	});

	it('has no median while no task has finished', () => {
		expect(seen().median([5, 50])).toBeUndefined();
	});

	it('counts a running task as lasting at least its age: the short tasks seen first do not make the median', () => {
		// Of 5 tasks, 2 finished (10, 20 s) and 3 still run at 60 s: at least 3 of 5 last over 20 s.
		expect(seen(10, 20).median([60, 60, 60])).toBeUndefined();
		expect(seen(10, 20, 70).median([60, 60])).toBe(70);
	});

	it('leaves out of the odds a running task too young to tell', () => {
		// The scout finished at 20 s; the others are 5 s old, so nothing says they will be slower.
		expect(seen(20).median([5, 5, 5, 5])).toBe(20);
	});

	it('counts tasks that took the same time together', () => {
		expect(seen(10, 10, 10, 30).median([40])).toBe(10);
		expect(seen(10, 30, 30).median([40])).toBe(30);
	});
});
