import { REPORTED_CREATE_LIMIT } from '../../../../nodes/shared/platform/limits';
import { CreatePacer } from '../../../../nodes/shared/transport/pacing';

describe('CreatePacer', () => {
	beforeEach(() => jest.useFakeTimers({ now: 0 }));
	afterEach(() => jest.useRealTimers());

	/** Asks for `count` slots at once; answers the times at which each was granted, in call order. */
	async function grantTimes(pacer: CreatePacer, count: number, forMs: number) {
		const granted: number[] = [];
		const all = Promise.all(Array.from({ length: count }, async () => granted.push((await pacer.acquire()).at)));
		await jest.advanceTimersByTimeAsync(forMs);
		await all;
		return granted;
	}

	it('lets a full window go at once, then the next create only when the oldest one leaves the window', async () => {
		const granted = await grantTimes(new CreatePacer(3, 10_000), 7, 30_000);
		expect(granted).toEqual([0, 0, 0, 10_000, 10_000, 10_000, 20_000]);
	});

	it("by default keeps to LiangXin's reported window: its tasks at once, the next once the window has passed", async () => {
		const { tasks, windowMs } = REPORTED_CREATE_LIMIT;
		const granted = await grantTimes(new CreatePacer(tasks), tasks + 1, 2 * windowMs);
		expect(granted.slice(0, tasks)).toEqual(Array(tasks).fill(0));
		expect(granted[tasks]).toBeGreaterThanOrEqual(windowMs);
		expect(granted[tasks]).toBeLessThanOrEqual(windowMs + 1000);
	});

	it('does not pace at all with a limit of 0', async () => {
		expect(await grantTimes(new CreatePacer(0, 10_000), 50, 0)).toEqual(Array(50).fill(0));
	});

	it('takes back the slot of a create that provably took no place in the window', async () => {
		const pacer = new CreatePacer(2, 10_000);
		const [first] = await Promise.all([pacer.acquire(), pacer.acquire()]);
		pacer.giveBack(first);
		await jest.advanceTimersByTimeAsync(1000);
		expect(await grantTimes(pacer, 1, 1000)).toEqual([1000]);
	});

	it('counts a create from its answer, so a create that reached LiangXin late cannot make the next window open early', async () => {
		const pacer = new CreatePacer(2, 10_000);
		const [slow, quick] = await Promise.all([pacer.acquire(), pacer.acquire()]);
		await jest.advanceTimersByTimeAsync(50);
		pacer.answered(quick);
		await jest.advanceTimersByTimeAsync(1950);
		pacer.answered(slow); // its answer took 2 s: LiangXin may have counted it only just now
		expect(await grantTimes(pacer, 2, 20_000)).toEqual([10_050, 12_000]);
	});

	it('holds back every create until a Retry-After has passed', async () => {
		const pacer = new CreatePacer(0, 10_000);
		pacer.block(3000);
		const granted = await grantTimes(pacer, 4, 5000);
		expect(granted).toEqual([3000, 3000, 3000, 3000]);
	});

	it('stops waiting when the execution is cancelled, without holding up later creates', async () => {
		const pacer = new CreatePacer(1, 10_000);
		await grantTimes(pacer, 1, 0);
		const controller = new AbortController();
		const cancelled = pacer.acquire(controller.signal).catch(() => 'cancelled');
		controller.abort();
		await jest.advanceTimersByTimeAsync(0);
		expect(await cancelled).toBe('cancelled');
		expect(await grantTimes(pacer, 1, 10_000)).toEqual([10_000]);
	});
});
