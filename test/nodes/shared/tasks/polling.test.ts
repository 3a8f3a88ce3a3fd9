import {
	BLIND_FIRST_POLL_MS,
	ENDGAME_TASKS,
	endgameStepMs,
	firstPollDelayMs,
	nextPollDelayMs,
	SCOUT_FIRST_POLL_MS,
	STEP_MS,
} from '../../../../nodes/shared/tasks/pollSchedule';
import { TaskWaitTimeoutError, TaskWatcher } from '../../../../nodes/shared/tasks/polling';
import { slotSearchOdds } from '../../../../nodes/shared/tasks/slotSearch';
import type { LiangXinTask } from '../../../../nodes/shared/tasks/task';
import { statusOfState } from '../../../../nodes/shared/tasks/task';

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

describe('the poll schedule of one task', () => {
	it('first asks the scout after 5 s, the others (while nothing has finished) after 30 s', () => {
		expect(firstPollDelayMs(undefined, true)).toBe(5000);
		expect(firstPollDelayMs(undefined, false)).toBe(30_000);
	});

	it.each([
		[500, 1000],
		[10_000, 12_000],
		[90_000, 30_000],
	])('first asks a fifth past the median duration seen (%i ms), kept within 1-30 s: %i ms', (median, delay) => {
		expect(firstPollDelayMs(median, false)).toBe(delay);
	});

	it.each([
		// age, median, wait
		[10_000, undefined, 5000],
		[30_000, 25_000, 15_000],
		[200_000, 25_000, 30_000],
		[9000, 8000, 4500],
		[4000, 4000, 2000],
		[1000, 2000, 1000],
	])('after a miss at age %i ms (median %p) waits half the age, within the minimum step and 30 s: %i ms', (age, median, wait) => {
		expect(nextPollDelayMs(age, median)).toBe(wait);
	});

	it.each([
		// median, tasks left, step
		[25_000, ENDGAME_TASKS, 3000],
		[25_000, 2, 3000],
		[8000, 2, 1600],
		[25_000, 1, 1500],
		[8000, 1, 800],
		[undefined, 1, STEP_MS.min],
	])('polls the last tasks in turn, one poll per minimum step (a fifth of the median, within 1-3 s), the very last one of a batch every half of it: median %p, %i left: %p ms', (median, tasksLeft, step) => {
		expect(endgameStepMs(median, tasksLeft)).toBeCloseTo(step);
	});

	it('keeps the minimum step for a last task while items wait for its slot: the batch is not ending', () => {
		expect(endgameStepMs(25_000, 1, 3)).toBe(3000);
	});

	it('has no endgame while more than the last tasks are running', () => {
		expect(endgameStepMs(25_000, ENDGAME_TASKS + 1)).toBeUndefined();
	});

	it.each([
		// durations seen, seen running at age, age now, odds
		[[10, 20, 30, 40], 0, 25, 0.5],
		[[10, 20, 30, 40], 20, 35, 1 / 2],
		[[10, 20, 30, 40], 30, 35, 0],
		[[10, 20, 30, 40], 40, 90, 0],
		[[], 0, 90, 0],
	])('rates the odds that a task has finished since its last poll by the durations seen: %p, %i to %i: %p', (durations, polledAt, age, odds) => {
		expect(slotSearchOdds(durations, polledAt, age)).toBe(odds);
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
		await jest.advanceTimersByTimeAsync(25_000);
		expect((await result).status).toBe('success');
		expect(seen).toEqual(['waiting', 'generating', 'success']);
		// Alone, it is both the scout and the last task: first at 5 s, then every 5 s.
		expect(polledAt).toEqual([SCOUT_FIRST_POLL_MS, SCOUT_FIRST_POLL_MS + 5000, SCOUT_FIRST_POLL_MS + 10_000]);
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

	it('asks only about the oldest task (the scout) until the durations seen tell the median, then once about each of the others', async () => {
		const finishAt = { a: 4500, b: 4000, c: 4200, d: 4300 };
		const { calls, fetchTask } = fakeLiangXin(finishAt);
		const watcher = new TaskWatcher();
		const waits = Object.keys(finishAt).map((taskId) => watcher.waitFor(taskId, { fetchTask: fetchTask(taskId), maxWaitMs: 60_000 }));
		await jest.advanceTimersByTimeAsync(15_000);
		const tasks = await Promise.all(waits);
		expect(tasks.map((done) => done.status)).toEqual(['success', 'success', 'success', 'success']);
		expect(calls.map((call) => call.taskId)).toEqual(['a', 'b', 'c', 'd']);
		// a, seen done at 5 s after 4.5 s, says little of b, c and d, which are as old: each next one is the
		// scout, asked at once, until 3 of the 4 took at most 4.5 s; d is then asked at 1.2 × 4.5 s.
		expect(calls.map((call) => call.at)).toEqual([SCOUT_FIRST_POLL_MS, SCOUT_FIRST_POLL_MS, SCOUT_FIRST_POLL_MS, 5400]);
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
		await jest.advanceTimersByTimeAsync(BLIND_FIRST_POLL_MS - 2000);
		expect(calls.every((call) => call.taskId === 't0')).toBe(true);
		// At 5 s, then each wait is half the scout's age, at least 5 s.
		expect(calls.map((call) => call.at)).toEqual([5000, 10_000, 15_000, 22_500]);
		await jest.advanceTimersByTimeAsync(40_000);
	});

	it('holds the others back for a stuck scout no longer than the blind wait', async () => {
		const { calls, fetchTask } = fakeLiangXin({ stuck: Infinity, quick: 3000 });
		const watcher = new TaskWatcher();
		void watcher.waitFor('stuck', { fetchTask: fetchTask('stuck'), maxWaitMs: 60_000 }).catch(() => undefined);
		const quick = watcher.waitFor('quick', { fetchTask: fetchTask('quick'), maxWaitMs: 60_000 });
		await jest.advanceTimersByTimeAsync(BLIND_FIRST_POLL_MS + 1000);
		expect((await quick).status).toBe('success');
		const quickPolls = calls.filter((call) => call.taskId === 'quick');
		expect(quickPolls).toHaveLength(1);
		expect(quickPolls[0].at).toBe(BLIND_FIRST_POLL_MS);
		await jest.advanceTimersByTimeAsync(60_000);
	});

	it('hands the scout role on when the scout ends without a duration to learn from', async () => {
		const { calls, fetchTask } = fakeLiangXin({ second: 4000 });
		const watcher = new TaskWatcher();
		const broken = watcher.waitFor('broken', {
			fetchTask: async () => {
				throw new Error('recordInfo failed');
			},
			maxWaitMs: 60_000,
		});
		const outcome = broken.catch((error: Error) => error.message);
		const second = watcher.waitFor('second', { fetchTask: fetchTask('second'), maxWaitMs: 60_000 });
		await jest.advanceTimersByTimeAsync(SCOUT_FIRST_POLL_MS + 1000);
		expect(await outcome).toBe('recordInfo failed');
		expect((await second).status).toBe('success');
		expect(calls[0].at).toBe(SCOUT_FIRST_POLL_MS);
	});

	it('first asks about a later task when tasks like it are usually done (a fifth past the median duration)', async () => {
		const { calls, fetchTask } = fakeLiangXin({ first: 8000, second: 20_000 });
		const watcher = new TaskWatcher();
		await Promise.all([watcher.waitFor('first', { fetchTask: fetchTask('first'), maxWaitMs: 60_000 }), jest.advanceTimersByTimeAsync(12_000)]);
		const startedAt = Date.now();
		const second = watcher.waitFor('second', { fetchTask: fetchTask('second'), maxWaitMs: 60_000 });
		await jest.advanceTimersByTimeAsync(30_000);
		await second;
		const firstPoll = calls.find((call) => call.taskId === 'second')!;
		expect(firstPoll.at - startedAt).toBe(9600);
	});

	it('asks a slow task less and less often while many are running: half its age, at most every 30 s', async () => {
		const finishAt: Record<string, number> = { first: 25_000 };
		for (let index = 0; index < ENDGAME_TASKS + 2; index++) finishAt[`slow${index}`] = Infinity;
		const { calls, fetchTask } = fakeLiangXin(finishAt);
		const watcher = new TaskWatcher();
		await Promise.all([watcher.waitFor('first', { fetchTask: fetchTask('first'), maxWaitMs: 60_000 }), jest.advanceTimersByTimeAsync(26_000)]);
		const startedAt = Date.now();
		for (const taskId of Object.keys(finishAt).slice(1)) void watcher.waitFor(taskId, { fetchTask: fetchTask(taskId), maxWaitMs: 150_000 }).catch(() => undefined);
		await jest.advanceTimersByTimeAsync(150_000);
		const ages = calls.filter((call) => call.taskId === 'slow0').map((call) => call.at - startedAt);
		expect(ages).toEqual([30_000, 45_000, 67_500, 97_500, 127_500, 150_000]);
	});

	it('asks the last task of a batch every minimum step, a fifth of the median duration', async () => {
		const { calls, fetchTask } = fakeLiangXin({ first: 8000, last: 20_000 });
		const watcher = new TaskWatcher();
		await Promise.all([watcher.waitFor('first', { fetchTask: fetchTask('first'), maxWaitMs: 60_000 }), jest.advanceTimersByTimeAsync(11_000)]);
		const startedAt = Date.now();
		const last = watcher.waitFor('last', { fetchTask: fetchTask('last'), maxWaitMs: 60_000 });
		await jest.advanceTimersByTimeAsync(30_000);
		await last;
		const ages = calls.filter((call) => call.taskId === 'last').map((call) => call.at - startedAt);
		expect(ages[0]).toBe(9600);
		expect(ages.slice(1).map((age, index) => age - ages[index])).toEqual(Array(ages.length - 1).fill(1600));
		expect(ages.at(-1)! - 20_000).toBeLessThan(1600);
	});

	it('polls the last tasks in turn, one poll per minimum step, and each more often once one of them ends', async () => {
		const done = ['done1', 'done2', 'done3', 'done4', 'done5'];
		const { calls, fetchTask } = fakeLiangXin({ ...Object.fromEntries(done.map((taskId) => [taskId, 25_000])), soon: 34_000 + 31_500, slow: Infinity, slower: Infinity });
		const watcher = new TaskWatcher();
		await Promise.all([...done.map((taskId) => watcher.waitFor(taskId, { fetchTask: fetchTask(taskId), maxWaitMs: 60_000 })), jest.advanceTimersByTimeAsync(34_000)]);
		const startedAt = Date.now();
		for (const taskId of ['slow', 'slower']) void watcher.waitFor(taskId, { fetchTask: fetchTask(taskId), maxWaitMs: 60_000 }).catch(() => undefined);
		await jest.advanceTimersByTimeAsync(1000);
		const soon = watcher.waitFor('soon', { fetchTask: fetchTask('soon'), maxWaitMs: 60_000 });
		await jest.advanceTimersByTimeAsync(60_000);
		await soon;
		const polls = calls.filter((call) => call.at >= startedAt && call.at - startedAt < 47_000).map((call) => [call.taskId, call.at - startedAt]);
		// Median 25 s, so the minimum step is 3 s. First polls at 1.2 × 25 s of each one's age; then one poll
		// every 3 s, the least recently asked first (three left: 9 s each). soon (done at 32.5 s) is seen done
		// at 40 s; the two left then take turns (6 s each).
		expect(polls).toEqual([
			['slow', 30_000],
			['slower', 30_000],
			['soon', 31_000],
			['slow', 34_000],
			['slower', 37_000],
			['soon', 40_000],
			['slow', 40_000],
			['slower', 43_000],
			['slow', 46_000],
		]);
	});

	it.each(Array.from({ length: 13 }, (_, index) => index * 1500))(
		'sees the end of 20 tasks created at once, ending one by one over 50 s, within one minimum step whenever they end (%i ms later)',
		async (shift) => {
			const finishAt = Object.fromEntries(Array.from({ length: 20 }, (_, index) => [`t${index}`, shift + 10_000 + (index * 50_000) / 19]));
			const { calls, fetchTask } = fakeLiangXin(finishAt);
			const watcher = new TaskWatcher();
			const waits = Object.keys(finishAt).map((taskId) => watcher.waitFor(taskId, { fetchTask: fetchTask(taskId), maxWaitMs: 120_000 }));
			await jest.advanceTimersByTimeAsync(120_000);
			await Promise.all(waits);
			// The median is 35 s or more, so the minimum step is 3 s.
			expect(Math.max(...calls.map((call) => call.at)) - finishAt.t19).toBeLessThanOrEqual(3000);
			expect(calls.length / 20).toBeLessThan(3.5);
		},
	);

	it('does not let a recordInfo call that is still retrying hold back the polls of other tasks', async () => {
		const { calls, fetchTask } = fakeLiangXin({ first: 2000, quick: 6000 });
		const watcher = new TaskWatcher();
		await Promise.all([watcher.waitFor('first', { fetchTask: fetchTask('first'), maxWaitMs: 60_000 }), jest.advanceTimersByTimeAsync(11_000)]);
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
		// The median is 2 s: quick is first asked at 2.4 s (and is done), while retrying's call lasts 20 s.
		expect(calls.filter((call) => call.taskId === 'quick')).toHaveLength(1);
		expect(quickDoneAt - startedAt).toBe(2400);
	});
});

describe('every wait settles, whatever the API answers', () => {
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

describe('a duration is learned from what was observed', () => {
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
		// The first task was seen finished at 5 s: its duration is learned as 5 s (first poll at 1.2 × 5 s), not as the API's 1e12 ms (which would mean 30 s).
		expect(polledAt[0]).toBe(6000);
	});
});

describe('TaskWatcher given a schedule of its own', () => {
	beforeEach(() => jest.useFakeTimers({ now: 0 }));
	afterEach(() => jest.useRealTimers());

	it('polls when that schedule says instead of the adaptive one', async () => {
		const polledAt: number[] = [];
		const schedule = { firstPollDelayMs: () => 1000, nextPollDelayMs: () => 2000 };
		const watcher = new TaskWatcher({ schedule });
		const done = watcher.waitFor('t1', {
			fetchTask: async () => {
				polledAt.push(Date.now());
				return task(Date.now() >= 4000 ? 'success' : 'generating');
			},
			maxWaitMs: 60_000,
		});
		await jest.advanceTimersByTimeAsync(10_000);
		expect((await done).status).toBe('success');
		expect(polledAt).toEqual([1000, 3000, 5000]);
	});
});
