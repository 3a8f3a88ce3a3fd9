import { ADAPTIVE_SCHEDULE, ENDGAME_TASKS, scaledSchedule, VIDEO_SCHEDULE } from '../../../../nodes/shared/tasks/pollSchedule';
import { TaskWatcher } from '../../../../nodes/shared/tasks/polling';
import { statusOfState, type LiangXinTask } from '../../../../nodes/shared/tasks/task';

const MINUTE = 60_000;

const task = (taskId: string, state: string, costTime: number | null): LiangXinTask => ({
	taskId,
	model: 'kling-v3-pro',
	state,
	status: statusOfState(state),
	imageUrls: [],
	failCode: '',
	failMsg: '',
	costTime,
	createTime: null,
	completeTime: null,
	input: null,
});

/** Waits for tasks created at once that finish at the given times, on the video schedule: when each was asked about. */
async function pollsOn(finishAt: number[]): Promise<number[][]> {
	const polls: number[][] = finishAt.map(() => []);
	const watcher = new TaskWatcher({ schedule: VIDEO_SCHEDULE });
	const waits = finishAt.map((end, index) =>
		watcher.waitFor(`t${index}`, {
			fetchTask: async () => {
				polls[index].push(Date.now());
				return Date.now() >= end ? task(`t${index}`, 'success', end) : task(`t${index}`, 'generating', null);
			},
			maxWaitMs: 30 * MINUTE,
		}),
	);
	await jest.advanceTimersByTimeAsync(Math.max(...finishAt) + 5 * MINUTE);
	await Promise.all(waits);
	return polls;
}

describe('the video poll schedule: the adaptive one, 6 times as slow', () => {
	beforeEach(() => jest.useFakeTimers({ now: 0 }));
	afterEach(() => jest.useRealTimers());

	it('gives every delay of the image schedule times 6, learning from durations divided by 6', () => {
		for (const median of [undefined, 25_000, 150_000]) {
			for (const scout of [true, false]) {
				const imageMedian = median === undefined ? undefined : median / 6;
				expect(VIDEO_SCHEDULE.firstPollDelayMs(median, scout)).toBe(6 * ADAPTIVE_SCHEDULE.firstPollDelayMs(imageMedian, scout));
			}
			const imageMedian = median === undefined ? undefined : median / 6;
			expect(VIDEO_SCHEDULE.nextPollDelayMs(180_000, median)).toBe(6 * ADAPTIVE_SCHEDULE.nextPollDelayMs(30_000, imageMedian));
			for (const tasksLeft of [1, ENDGAME_TASKS, 10]) {
				const imageStep = ADAPTIVE_SCHEDULE.endgameStepMs!(imageMedian, tasksLeft, 0);
				expect(VIDEO_SCHEDULE.endgameStepMs!(median, tasksLeft, 0)).toBe(imageStep === undefined ? undefined : 6 * imageStep);
			}
		}
		expect(VIDEO_SCHEDULE.slotSearchStepMs!()).toBe(6 * ADAPTIVE_SCHEDULE.slotSearchStepMs!());
		expect(scaledSchedule(ADAPTIVE_SCHEDULE, 1).nextPollDelayMs(40_000, 9000)).toBe(ADAPTIVE_SCHEDULE.nextPollDelayMs(40_000, 9000));
	});

	it('costs a lone 5-minute video 10 recordInfo calls: at 30 s, then every 30 s, and sees it done at once', async () => {
		const [polls] = await pollsOn([5 * MINUTE]);
		expect(polls).toEqual(Array.from({ length: 10 }, (_, index) => (index + 1) * 30_000));
	});

	it.each(Array.from({ length: 13 }, (_, index) => index * 10_000))('costs a batch of 20 videos of 1 to 6 minutes fewer than 4.5 calls each, and sees the last one done within 18 s whenever they end (%i ms later)', async (shift) => {
		const finishAt = Array.from({ length: 20 }, (_, index) => shift + MINUTE + (index * 5 * MINUTE) / 19);
		const polls = await pollsOn(finishAt);
		const calls = polls.flat().length;
		expect(calls / 20).toBeLessThan(4.5);
		const lastSeen = Math.max(...polls[19]);
		expect(lastSeen - finishAt[19]).toBeLessThanOrEqual(18_000);
	});
});
