import { Slots } from '../../../../nodes/shared/transport/slots';

describe('Slots', () => {
	/** Work that stays running until released; records how many run at once. */
	function trackedWork() {
		let running = 0;
		let mostAtOnce = 0;
		const releases: Array<() => void> = [];
		const work = async () => {
			running++;
			mostAtOnce = Math.max(mostAtOnce, running);
			await new Promise<void>((resolve) => releases.push(resolve));
			running--;
			return 'done';
		};
		const releaseAll = async () => {
			while (releases.length > 0) {
				releases.shift()!();
				await new Promise((resolve) => setImmediate(resolve));
			}
		};
		return { work, releaseAll, mostAtOnce: () => mostAtOnce, started: () => releases.length };
	}

	it('runs at most its limit of work at once and the rest in turn, until all is done', async () => {
		const slots = new Slots(3);
		const tracked = trackedWork();
		const all = Promise.all(Array.from({ length: 10 }, async () => await slots.use(tracked.work)));
		await new Promise((resolve) => setImmediate(resolve));
		expect(tracked.started()).toBe(3);
		for (let round = 0; round < 10; round++) await tracked.releaseAll();
		expect(await all).toEqual(Array(10).fill('done'));
		expect(tracked.mostAtOnce()).toBe(3);
	});

	it('frees the slot of work that failed', async () => {
		const slots = new Slots(1);
		await expect(slots.use(async () => await Promise.reject(new Error('download failed')))).rejects.toThrow('download failed');
		expect(await slots.use(async () => await Promise.resolve('next'))).toBe('next');
	});
});
