import { REPORTED_CREATE_LIMIT } from '../../../../nodes/shared/platform/limits';
import { prompts, runNanoBanana, useSandbox } from '../../../helpers/liangxin';

// About what the node outputs, not when it polls: its poll schedule runs on a faster clock.
jest.mock('../../../../nodes/shared/tasks/polling', () => jest.requireActual('../../../helpers/pollTimeScale').scaledPolling());
// LiangXin's create window, for the node and the sandbox alike, a quarter as long: 20 creates per 2.5 s.
// The pacer keeps to the full 10 s window by default (pacing.test.ts, on a fake clock).
jest.mock('../../../../nodes/shared/platform/limits', () => {
	const shipped = jest.requireActual<typeof import('../../../../nodes/shared/platform/limits')>('../../../../nodes/shared/platform/limits');
	return { ...shipped, REPORTED_CREATE_LIMIT: { ...shipped.REPORTED_CREATE_LIMIT, windowMs: shipped.REPORTED_CREATE_LIMIT.windowMs / 4 } };
});

const numbered = (count: number) => prompts(...Array.from({ length: count }, (_, index) => `image number ${index + 1}`));

describe('Create pacing: a batch keeps to LiangXin create rate instead of spending calls on 429s', () => {
	const sandbox = useSandbox({ taskDurationMs: 300 });

	it('by default sends 20 creates per window: 21 items meet no 429 and the 21st waits for the window', async () => {
		sandbox().configure({ createRateLimit: { max: REPORTED_CREATE_LIMIT.tasks, windowMs: REPORTED_CREATE_LIMIT.windowMs } });
		const items = numbered(REPORTED_CREATE_LIMIT.tasks + 1);
		const result = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt: '={{ $json.prompt }}' }, items });
		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(items.length);
		const calls = sandbox().createCalls();
		expect(calls.map((call) => call.status)).toEqual(items.map(() => 200));
		const startTimes = calls.map((call) => call.at).sort((first, second) => first - second);
		expect(startTimes[REPORTED_CREATE_LIMIT.tasks] - startTimes[0]).toBeGreaterThanOrEqual(REPORTED_CREATE_LIMIT.windowMs);
		expect(startTimes[REPORTED_CREATE_LIMIT.tasks - 1] - startTimes[0]).toBeLessThan(2000);
	}, 30_000);

	it('sends creates unpaced with Max Creates per 10 Seconds at 0, and absorbs the 429s that follow', async () => {
		sandbox().configure({ createRateLimit: { max: 2, windowMs: 1000 } });
		const items = numbered(4);
		const result = await runNanoBanana(sandbox(), {
			parameters: { operation: 'createAndWait', prompt: '={{ $json.prompt }}', options: { maxCreatesPerWindow: 0, downloadImages: false } },
			items,
		});
		expect(result.output.map((item) => item.json.status)).toEqual(items.map(() => 'success'));
		expect(sandbox().createCalls().filter((call) => call.status === 429).length).toBeGreaterThan(0);
		expect(sandbox().tasks.size).toBe(items.length);
	}, 30_000);

	it('retries a create refused without Retry-After ("saturated") within seconds, not on the long backoff', async () => {
		sandbox().queueFault({ path: 'createTask', status: 429, body: { code: 429, msg: 'group saturated', data: null }, times: 4 });
		const result = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt: 'a cat on a roof' } });
		expect(result.error).toBeUndefined();
		const times = sandbox().createCalls().map((call) => call.at);
		expect(times).toHaveLength(5);
		const gaps = times.slice(1).map((at, index) => at - times[index]);
		for (const gap of gaps) expect(gap).toBeLessThanOrEqual(4300);
		expect(gaps[3]).toBeGreaterThanOrEqual(2000);
	}, 30_000);
});
