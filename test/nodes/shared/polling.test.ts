import {
	BLIND_WAIT_MS,
	FEW_SAMPLES_MARGIN,
	IMMINENT_EVERY_MS,
	likelyDoneMs,
	pollDelayMs,
	POLL_SCHEDULE,
	TaskWaitTimeoutError,
	TaskWatcher,
} from '../../../nodes/shared/polling';
import type { LiangXinTask } from '../../../nodes/shared/task';
import { statusOfState } from '../../../nodes/shared/task';

const task = (state: string): LiangXinTask => ({
	taskId: 't1',
	model: 'nano-banana-pro',
	state,
	status: statusOfState(state),
	imageUrls: [],
	failCode: '',
	failMsg: '',
	costTime: null,
	createTime: null,
	completeTime: null,
	input: null,
});

describe('the adaptive polling schedule', () => {
	it.each([
		[0, 2000, 3000],
		[29_000, 2000, 3000],
		[30_000, 6000, 9000],
		[119_000, 6000, 9000],
		[120_000, 16_000, 24_000],
		[900_000, 16_000, 24_000],
	])('after %i ms polls every %i to %i ms', (elapsed, low, high) => {
		expect(pollDelayMs(elapsed, () => 0)).toBe(low);
		expect(pollDelayMs(elapsed, () => 1)).toBe(high);
	});

	it('has three steps: 2-3 s, 5-10 s, 15-30 s as LiangXin peers advise', () => {
		expect(POLL_SCHEDULE.map((step) => step.everyMs)).toEqual([2500, 7500, 20_000]);
	});
});

describe('TaskWatcher', () => {
	beforeEach(() => jest.useFakeTimers({ now: 0 }));
	afterEach(() => jest.useRealTimers());

	/** A fake LiangXin: each task finishes at a given time; every recordInfo call is recorded. */
	function fakeLiangXin(finishAt: Record<string, number>) {
		const calls: Array<{ taskId: string; at: number }> = [];
		const fetchTask = (taskId: string) => async () => {
			calls.push({ taskId, at: Date.now() });
			const done = Date.now() >= finishAt[taskId];
			return { ...task(done ? 'success' : 'generating'), taskId, costTime: done ? finishAt[taskId] : null };
		};
		return { calls, fetchTask };
	}

	it('polls a task on the schedule until a final state and reports each answer', async () => {
		const answers = [task('waiting'), task('generating'), task('success')];
		const polledAt: number[] = [];
		const seen: string[] = [];
		const watcher = new TaskWatcher({ onPoll: (polled) => seen.push(polled.state) });
		const result = watcher.waitFor('t1', {
			fetchTask: async () => {
				polledAt.push(Date.now());
				return answers.shift()!;
			},
			maxWaitMs: 60_000,
		});
		await jest.advanceTimersByTimeAsync(10_000);
		expect((await result).status).toBe('success');
		expect(seen).toEqual(['waiting', 'generating', 'success']);
		const gaps = polledAt.map((at, index) => at - (polledAt[index - 1] ?? 0));
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(2000);
		for (const gap of gaps) expect(gap).toBeLessThanOrEqual(3000);
	});

	it('gives up after the maximum wait with the last state', async () => {
		const watcher = new TaskWatcher();
		const attempt = watcher.waitFor('t1', { fetchTask: async () => task('generating'), maxWaitMs: 5000 });
		const outcome = attempt.catch((error: Error) => error);
		await jest.advanceTimersByTimeAsync(6000);
		expect(await outcome).toBeInstanceOf(TaskWaitTimeoutError);
		expect(String(await outcome)).toContain('LiangXin task t1 is still generating after 5 s');
	});

	it('stops at once when the signal aborts, polling nothing more', async () => {
		const controller = new AbortController();
		let polls = 0;
		const watcher = new TaskWatcher();
		const attempt = watcher.waitFor('t1', {
			fetchTask: async () => {
				polls++;
				return task('generating');
			},
			maxWaitMs: 600_000,
			abortSignal: controller.signal,
		});
		const outcome = attempt.catch((error: unknown) => error ?? 'rejected');
		controller.abort();
		await jest.advanceTimersByTimeAsync(30_000);
		expect(await outcome).toBeDefined();
		expect(polls).toBe(0);
		expect(jest.getTimerCount()).toBe(0);
	});

	it('asks only about the oldest task (the scout) until one has finished, then about the others', async () => {
		const finishAt = { a: 7000, b: 6500, c: 6800, d: 6900 };
		const { calls, fetchTask } = fakeLiangXin(finishAt);
		const watcher = new TaskWatcher();
		const waits = Object.keys(finishAt).map((taskId) => watcher.waitFor(taskId, { fetchTask: fetchTask(taskId), maxWaitMs: 60_000 }));
		await jest.advanceTimersByTimeAsync(15_000);
		const tasks = await Promise.all(waits);
		expect(tasks.map((done) => done.status)).toEqual(['success', 'success', 'success', 'success']);
		const beforeScoutFinished = calls.filter((call) => call.at < 7000);
		expect(new Set(beforeScoutFinished.map((call) => call.taskId))).toEqual(new Set(['a']));
		expect(calls.filter((call) => call.taskId !== 'a')).toHaveLength(3);
		// The scout finishes at 7 s; polled every 2-3 s, it is asked at most 4 times.
		expect(calls.length).toBeLessThanOrEqual(4 + 3);
	});

	it('asks the scout of a staggered batch no more often than the schedule, and nobody else meanwhile', async () => {
		const finishAt: Record<string, number> = {};
		for (let index = 0; index < 20; index++) finishAt[`t${index}`] = 60_000;
		const { calls, fetchTask } = fakeLiangXin(finishAt);
		const watcher = new TaskWatcher();
		for (let index = 0; index < 20; index++) {
			void watcher.waitFor(`t${index}`, { fetchTask: fetchTask(`t${index}`), maxWaitMs: 40_000 }).catch(() => undefined);
			await jest.advanceTimersByTimeAsync(50);
		}
		await jest.advanceTimersByTimeAsync(10_000);
		expect(calls.every((call) => call.taskId === 't0')).toBe(true);
		expect(calls.length).toBeLessThanOrEqual(5);
		await jest.advanceTimersByTimeAsync(40_000);
	});

	it('holds the others back for a stuck scout no longer than the blind wait', async () => {
		const { calls, fetchTask } = fakeLiangXin({ stuck: Infinity, quick: 3000 });
		const watcher = new TaskWatcher();
		void watcher.waitFor('stuck', { fetchTask: fetchTask('stuck'), maxWaitMs: 60_000 }).catch(() => undefined);
		const quick = watcher.waitFor('quick', { fetchTask: fetchTask('quick'), maxWaitMs: 60_000 });
		await jest.advanceTimersByTimeAsync(BLIND_WAIT_MS + 1000);
		expect((await quick).status).toBe('success');
		const quickPolls = calls.filter((call) => call.taskId === 'quick');
		expect(quickPolls).toHaveLength(1);
		expect(quickPolls[0].at).toBe(BLIND_WAIT_MS);
		await jest.advanceTimersByTimeAsync(60_000);
	});

	it('hands the scout role on when the scout ends without a duration to learn from', async () => {
		const { calls, fetchTask } = fakeLiangXin({ second: 6000 });
		const watcher = new TaskWatcher();
		const broken = watcher.waitFor('broken', {
			fetchTask: async () => {
				throw new Error('recordInfo failed');
			},
			maxWaitMs: 60_000,
		});
		const outcome = broken.catch((error: Error) => error.message);
		const second = watcher.waitFor('second', { fetchTask: fetchTask('second'), maxWaitMs: 60_000 });
		await jest.advanceTimersByTimeAsync(10_000);
		expect(await outcome).toBe('recordInfo failed');
		expect((await second).status).toBe('success');
		expect(calls[0].at).toBeLessThan(BLIND_WAIT_MS);
	});

	it('first asks about a later task when tasks like it are usually done', async () => {
		const { calls, fetchTask } = fakeLiangXin({ first: 8000, second: 20_000 });
		const watcher = new TaskWatcher();
		await Promise.all([watcher.waitFor('first', { fetchTask: fetchTask('first'), maxWaitMs: 60_000 }), jest.advanceTimersByTimeAsync(12_000)]);
		const startedAt = Date.now();
		const second = watcher.waitFor('second', { fetchTask: fetchTask('second'), maxWaitMs: 60_000 });
		await jest.advanceTimersByTimeAsync(30_000);
		await second;
		const firstPoll = calls.find((call) => call.taskId === 'second')!;
		expect(firstPoll.at - startedAt).toBe(8000 * FEW_SAMPLES_MARGIN);
	});

	it('asks every second about a task still running at its likely end, for half as long again, then on the schedule', async () => {
		const { calls, fetchTask } = fakeLiangXin({ first: 4000, second: 60_000 });
		const watcher = new TaskWatcher();
		await Promise.all([watcher.waitFor('first', { fetchTask: fetchTask('first'), maxWaitMs: 90_000 }), jest.advanceTimersByTimeAsync(6000)]);
		const startedAt = Date.now();
		void watcher.waitFor('second', { fetchTask: fetchTask('second'), maxWaitMs: 30_000 }).catch(() => undefined);
		await jest.advanceTimersByTimeAsync(20_000);
		const ages = calls.filter((call) => call.taskId === 'second').map((call) => call.at - startedAt);
		const likelyEnd = 4000 * FEW_SAMPLES_MARGIN;
		expect(ages.slice(0, 4)).toEqual([likelyEnd, likelyEnd + IMMINENT_EVERY_MS, likelyEnd + 2 * IMMINENT_EVERY_MS, likelyEnd + 3 * IMMINENT_EVERY_MS]);
		const gapsAfter = ages.slice(4).map((age, index) => age - ages[index + 3]);
		for (const gap of gapsAfter) expect(gap).toBeGreaterThanOrEqual(2000);
		await jest.advanceTimersByTimeAsync(30_000);
	});

	it('does not let a recordInfo call that is still retrying hold back the polls of other tasks', async () => {
		const { calls, fetchTask } = fakeLiangXin({ first: 2000, quick: 6000 });
		const watcher = new TaskWatcher();
		await Promise.all([watcher.waitFor('first', { fetchTask: fetchTask('first'), maxWaitMs: 60_000 }), jest.advanceTimersByTimeAsync(3000)]);
		const startedAt = Date.now();
		const retrying = watcher.waitFor('retrying', {
			fetchTask: async () => {
				await new Promise((resolve) => setTimeout(resolve, 20_000));
				return { ...task('success'), taskId: 'retrying' };
			},
			maxWaitMs: 60_000,
		});
		const quick = watcher.waitFor('quick', { fetchTask: fetchTask('quick'), maxWaitMs: 60_000 });
		let quickDoneAt = 0;
		void quick.then(() => (quickDoneAt = Date.now()));
		await jest.advanceTimersByTimeAsync(25_000);
		expect((await retrying).status).toBe('success');
		expect(calls.filter((call) => call.taskId === 'quick').length).toBeGreaterThanOrEqual(2);
		expect(quickDoneAt - startedAt).toBeLessThanOrEqual(3000 + IMMINENT_EVERY_MS);
	});
});

describe('finding 5: every wait settles, whatever the API answers', () => {
	beforeEach(() => jest.useFakeTimers({ now: 0 }));
	afterEach(() => jest.useRealTimers());

	it('settles two waits for the same task ID, each with the answer', async () => {
		const watcher = new TaskWatcher();
		const fetchTask = async () => ({ ...task(Date.now() >= 4000 ? 'success' : 'generating'), taskId: 'same' });
		const waits = [watcher.waitFor('same', { fetchTask, maxWaitMs: 60_000 }), watcher.waitFor('same', { fetchTask, maxWaitMs: 60_000 })];
		const settled = Promise.allSettled(waits);
		await jest.advanceTimersByTimeAsync(40_000);
		expect((await settled).map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
	});

	it('ends both waits for the same task ID when the signal aborts', async () => {
		const controller = new AbortController();
		const watcher = new TaskWatcher();
		const request = { fetchTask: async () => task('generating'), maxWaitMs: 600_000, abortSignal: controller.signal };
		const settled = Promise.allSettled([watcher.waitFor('same', request), watcher.waitFor('same', request)]);
		await jest.advanceTimersByTimeAsync(5000);
		controller.abort();
		await jest.advanceTimersByTimeAsync(0);
		expect((await settled).map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
		expect(jest.getTimerCount()).toBe(0);
	});
});

describe('finding 8: a duration is learned from what was observed', () => {
	beforeEach(() => jest.useFakeTimers({ now: 0 }));
	afterEach(() => jest.useRealTimers());

	it('does not let an absurd costTime hold back the next tasks until Max Wait', async () => {
		const watcher = new TaskWatcher();
		const absurd = watcher.waitFor('absurd', {
			fetchTask: async () => ({ ...task(Date.now() >= 5000 ? 'success' : 'generating'), taskId: 'absurd', costTime: 1e12 }),
			maxWaitMs: 600_000,
		});
		await jest.advanceTimersByTimeAsync(10_000);
		expect((await absurd).status).toBe('success');

		const startedAt = Date.now();
		const polledAt: number[] = [];
		const next = watcher.waitFor('next', {
			fetchTask: async () => {
				polledAt.push(Date.now() - startedAt);
				return { ...task(Date.now() - startedAt >= 6000 ? 'success' : 'generating'), taskId: 'next' };
			},
			maxWaitMs: 600_000,
		});
		await jest.advanceTimersByTimeAsync(30_000);
		expect((await next).status).toBe('success');
		// The first task was seen finished after at most 7.5 s: its duration is learned as no more than that.
		expect(polledAt[0]).toBeLessThanOrEqual(7500 * FEW_SAMPLES_MARGIN);
	});
});

describe('when a task is likely done', () => {
	it('is unknown before any task has finished', () => {
		expect(likelyDoneMs([])).toBeUndefined();
	});

	it('is the longest duration with a margin while few are known', () => {
		expect(likelyDoneMs([6000, 8000, 7000])).toBe(8000 * FEW_SAMPLES_MARGIN);
	});

	it('is the 90th percentile once ten or more are known', () => {
		const durations = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20].map((second) => second * 1000);
		expect(likelyDoneMs(durations)).toBe(19_000);
	});

	it('is never more than twice the median, so one very slow task does not hold back the others', () => {
		expect(likelyDoneMs([5000, 5000, 60_000])).toBe(10_000);
	});
});
