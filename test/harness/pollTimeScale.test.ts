import { ADAPTIVE_SCHEDULE, ENDGAME_TASKS, VIDEO_SCHEDULE } from '../../nodes/shared/tasks/pollSchedule';
import * as shipped from '../../nodes/shared/tasks/polling';
import type { LiangXinTask } from '../../nodes/shared/tasks/task';
import { statusOfState } from '../../nodes/shared/tasks/task';
import { scaledPolling, scaledSchedule } from '../helpers/pollTimeScale';

const SCALE = 0.1;

describe("the node tests' poll schedule on a faster clock (scaledSchedule)", () => {
	const medians = [undefined, 500, 8000, 25_000, 90_000];

	it.each(medians)('waits a tenth of the first wait the nodes take, median %p', (median) => {
		for (const scout of [true, false]) {
			const scaledMedian = median === undefined ? undefined : median * SCALE;
			expect(scaledSchedule(SCALE).firstPollDelayMs(scaledMedian, scout)).toBeCloseTo(SCALE * ADAPTIVE_SCHEDULE.firstPollDelayMs(median, scout));
			expect(scaledSchedule(1).firstPollDelayMs(median, scout)).toBe(ADAPTIVE_SCHEDULE.firstPollDelayMs(median, scout));
		}
	});

	it.each(medians)('waits a tenth of the next wait the nodes take, at every age and in the endgame, median %p', (median) => {
		for (const ageMs of [1000, 9000, 30_000, 200_000]) {
			const scaledMedian = median === undefined ? undefined : median * SCALE;
			const expected = SCALE * ADAPTIVE_SCHEDULE.nextPollDelayMs(ageMs, median);
			expect(scaledSchedule(SCALE).nextPollDelayMs(ageMs * SCALE, scaledMedian)).toBeCloseTo(expected);
			expect(scaledSchedule(1).nextPollDelayMs(ageMs, median)).toBe(ADAPTIVE_SCHEDULE.nextPollDelayMs(ageMs, median));
		}
		for (const tasksLeft of [1, ENDGAME_TASKS]) {
			const scaledMedian = median === undefined ? undefined : median * SCALE;
			expect(scaledSchedule(SCALE).endgameStepMs?.(scaledMedian, tasksLeft, 0)).toBeCloseTo(SCALE * ADAPTIVE_SCHEDULE.endgameStepMs!(median, tasksLeft, 0)!);
		}
	});
});

describe('the polling module the node tests mock in (scaledPolling)', () => {
	beforeEach(() => jest.useFakeTimers({ now: 0 }));
	afterEach(() => jest.useRealTimers());

	/** When (ms from its start) `watcher` polls a batch whose tasks end at `finishAt`. */
	async function pollTimes(watcher: shipped.TaskWatcher, finishAt: number[]): Promise<number[]> {
		const start = Date.now();
		const polledAt: number[] = [];
		const waits = finishAt.map(async (end, index) => {
			const taskId = `t${index}`;
			return await watcher.waitFor(taskId, {
				fetchTask: async (): Promise<LiangXinTask> => {
					polledAt.push(Date.now() - start);
					const state = Date.now() - start >= end ? 'success' : 'generating';
					return { taskId, model: 'nano-banana-pro', state, status: statusOfState(state), imageUrls: [], failCode: '', failMsg: '', costTime: state === 'success' ? end : null, createTime: null, completeTime: null, input: null };
				},
				maxWaitMs: 3_600_000,
			});
		});
		await jest.advanceTimersByTimeAsync(Math.max(...finishAt) * 3);
		await Promise.all(waits);
		return polledAt;
	}

	it('polls a batch as the shipped watcher does, a tenth of the time later', async () => {
		const finishAt = [12_000, 19_000, 26_000, 41_000, 90_000, 230_000];
		const real = await pollTimes(new shipped.TaskWatcher(), finishAt);
		const scaled = await pollTimes(new (scaledPolling(SCALE).TaskWatcher)(), finishAt.map((end) => end * SCALE));
		expect(scaled.map((at) => Math.round(at / SCALE))).toEqual(real);
	});

	it("scales the schedule a node gives its watcher (videos'), not the adaptive one in its place", async () => {
		const finishAt = [70_000, 150_000, 300_000];
		const real = await pollTimes(new shipped.TaskWatcher({ schedule: VIDEO_SCHEDULE }), finishAt);
		const ScaledWatcher = scaledPolling(SCALE).TaskWatcher;
		const scaled = await pollTimes(new ScaledWatcher({ schedule: VIDEO_SCHEDULE }), finishAt.map((end) => end * SCALE));
		expect(scaled.map((at) => Math.round(at / SCALE))).toEqual(real);
	});

	it('keeps every other export of the shipped module', () => {
		const module = scaledPolling();
		expect(module.TaskWaitTimeoutError).toBe(shipped.TaskWaitTimeoutError);
		expect(new module.TaskWatcher()).toBeInstanceOf(shipped.TaskWatcher);
	});
});
