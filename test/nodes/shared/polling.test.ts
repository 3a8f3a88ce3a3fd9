import { pollDelayMs, POLL_SCHEDULE, TaskWaitTimeoutError, waitForFinalState } from '../../../nodes/shared/polling';
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

describe('waitForFinalState', () => {
	afterEach(() => jest.useRealTimers());

	it('polls on the schedule until a final state and reports each answer', async () => {
		jest.useFakeTimers({ now: 0 });
		const answers = [task('waiting'), task('generating'), task('success')];
		const polledAt: number[] = [];
		const seen: string[] = [];
		const result = waitForFinalState(
			't1',
			async () => {
				polledAt.push(Date.now());
				return answers.shift()!;
			},
			{ maxWaitMs: 60_000, onPoll: (polled) => seen.push(polled.state) },
		);
		await jest.advanceTimersByTimeAsync(10_000);
		expect((await result).status).toBe('success');
		expect(seen).toEqual(['waiting', 'generating', 'success']);
		const gaps = polledAt.map((at, index) => at - (polledAt[index - 1] ?? 0));
		for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(2000);
		for (const gap of gaps) expect(gap).toBeLessThanOrEqual(3000);
	});

	it('gives up after the maximum wait with the last state', async () => {
		let clock = 0;
		const attempt = waitForFinalState('t1', async () => task('generating'), {
			maxWaitMs: 50,
			now: () => (clock += 30),
		});
		await expect(attempt).rejects.toThrow(TaskWaitTimeoutError);
		await expect(attempt).rejects.toThrow('LiangXin task t1 is still generating');
	});

	it('stops at once when the signal aborts', async () => {
		const controller = new AbortController();
		let polls = 0;
		const attempt = waitForFinalState('t1', async () => {
			polls++;
			return task('generating');
		}, { maxWaitMs: 600_000, abortSignal: controller.signal });
		controller.abort();
		await expect(attempt).rejects.toBeDefined();
		expect(polls).toBe(0);
	});
});
