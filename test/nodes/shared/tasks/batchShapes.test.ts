import { ADAPTIVE_SCHEDULE, MIN_STEP_MS } from '../../../../nodes/shared/tasks/pollSchedule';
import { simulateBatch, type SimulatedBatch } from '../../../helpers/batchSimulation';

// The bench's scenarios and the sandbox's duration draws: the simulated batches get the durations the
// bench's runs get, in creation order.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { SCENARIOS, sandboxOptionsOf, resolutionOf } = require('../../../../tools/bench/scenarios');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { PLAIN_SCHEDULE } = require('../../../../tools/bench/plain-schedule');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createDurationRandom, drawDurationMs } = require('../../../../tools/sandbox/durations');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEFAULT_OPTIONS } = require('../../../../tools/sandbox/options');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createRandom } = require('../../../../tools/sandbox/random');

interface DrawOptions {
	/** The items in the order their creates reach LiangXin (item order unless given). */
	order?: number[];
	/** The longest a task takes, instead of the scenario's. */
	maxMs?: number;
}

/** The durations the sandbox draws for a bench scenario's tasks, in creation order. */
function scenarioDurations(name: string, { order, maxMs }: DrawOptions = {}): number[] {
	const scenario = SCENARIOS.find((each: { name: string }) => each.name === name);
	const options = { ...DEFAULT_OPTIONS, ...sandboxOptionsOf(scenario) };
	if (maxMs !== undefined) options.taskDurations = { ...options.taskDurations, maxMs };
	const random = createDurationRandom(scenario.seed);
	const resolution = resolutionOf(scenario);
	const items = order ?? Array.from({ length: scenario.items }, (_, index) => index);
	return items.map((index) => drawDurationMs(`item ${index}`, resolution(index), options, random));
}

/** A seeded shuffle of 0..count-1: one order in which n8n may send a batch's creates. */
function creationOrder(count: number, seed: number): number[] {
	const random = createRandom(seed);
	const order = Array.from({ length: count }, (_, index) => index);
	for (let index = count - 1; index > 0; index--) {
		const other = Math.floor(random() * (index + 1));
		[order[index], order[other]] = [order[other], order[index]];
	}
	return order;
}

const lastFinish = (batch: SimulatedBatch) => Math.max(...batch.tasks.map((task) => task.finishedAt));

jest.setTimeout(60_000);

describe('whole batches, simulated in fake time (the node\'s slots, create pacing and watcher against a LiangXin that answers at once)', () => {
	beforeEach(() => jest.useFakeTimers({ now: 0 }));
	afterEach(() => jest.useRealTimers());

	it('mixed-50: the last two tasks, 4 min long and finishing together, are seen within one minimum step (3 s) of their finish, whatever the phase', async () => {
		const durations = scenarioDurations('mixed-50');
		const longest = Math.max(...durations);
		expect(durations.filter((duration) => duration === longest)).toHaveLength(2);
		const plain = await simulateBatch(durations, PLAIN_SCHEDULE);
		for (let shiftMs = 0; shiftMs < MIN_STEP_MS.max; shiftMs += 250) {
			const shifted = durations.map((duration) => (duration === longest ? duration + shiftMs : duration));
			const batch = await simulateBatch(shifted, ADAPTIVE_SCHEDULE);
			expect(batch.endAt - lastFinish(batch)).toBeLessThanOrEqual(MIN_STEP_MS.max);
			expect(batch.recordInfoCalls).toBeLessThanOrEqual(0.3 * plain.recordInfoCalls);
		}
	});

	// The plain schedule polls a task every 20 s from 2 minutes of age, so it asks exactly at the sandbox's
	// 4-minute cap, where mixed-50's slowest 4K tasks all end: there it sees them at once, and the node is up
	// to its endgame step behind. A cap 2.5 s off that grid shows the node's lag alone.
	it.each([237_500, 242_500])('mixed-50 with tasks capped at %d ms, in 10 creation orders: never more than 1 s behind the plain schedule', async (maxMs) => {
		for (let seed = 1; seed <= 10; seed++) {
			const durations = scenarioDurations('mixed-50', { order: creationOrder(50, seed), maxMs });
			const plain = await simulateBatch(durations, PLAIN_SCHEDULE);
			const batch = await simulateBatch(durations, ADAPTIVE_SCHEDULE);
			expect(batch.endAt - plain.endAt).toBeLessThanOrEqual(1000);
		}
	});

	// A slot frees only when its task is seen final, and the node sees long tasks late on purpose, so its last
	// create trails the plain schedule's by a few slot waits; what that must not cost is the batch's end.
	it('n1000: 100 tasks in flight hold back the last create by less than 2.5 s, and the batch ends within 1 s of the plain schedule with 70 % fewer calls', async () => {
		const durations = scenarioDurations('n1000');
		const plain = await simulateBatch(durations, PLAIN_SCHEDULE);
		const batch = await simulateBatch(durations, ADAPTIVE_SCHEDULE);
		expect(batch.lastCreateAt - plain.lastCreateAt).toBeLessThan(2500);
		expect(batch.endAt - plain.endAt).toBeLessThanOrEqual(1000);
		expect(batch.recordInfoCalls).toBeLessThanOrEqual(0.3 * plain.recordInfoCalls);
	});

	it.each(['tail-50', 'n200'])('%s: ends within 1 s of the plain schedule with 70 % fewer calls', async (name) => {
		const durations = scenarioDurations(name);
		const plain = await simulateBatch(durations, PLAIN_SCHEDULE);
		const batch = await simulateBatch(durations, ADAPTIVE_SCHEDULE);
		expect(batch.endAt - plain.endAt).toBeLessThanOrEqual(1000);
		expect(batch.recordInfoCalls).toBeLessThanOrEqual(0.3 * plain.recordInfoCalls);
	});

	it('tail-50 with 1 task in flight: looking for a free slot costs fewer than 10 recordInfo calls per task', async () => {
		const durations = scenarioDurations('tail-50');
		const batch = await simulateBatch(durations, ADAPTIVE_SCHEDULE, 1);
		expect(batch.recordInfoCalls / durations.length).toBeLessThan(10);
		expect(batch.endAt).toBeLessThan(1.1 * durations.reduce((sum, duration) => sum + duration, 0));
	});
});
