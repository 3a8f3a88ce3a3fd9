import { startSandbox, type Sandbox, type TaskDurationDistribution } from '../../../tools/sandbox';

jest.setTimeout(20000);

/** The benchmark's heavy tail (tools/bench/scenarios.js TAIL_DURATIONS): median ~25 s, p95 ~90 s, 4 % at 3-4 min. */
const TAIL: TaskDurationDistribution = { medianMs: 25_000, sigma: 0.55, longShare: 0.04, longMinMs: 180_000, maxMs: 240_000 };

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterEach(() => sandbox.reset(true));
afterAll(() => sandbox.close());

async function createTask(prompt: string, resolution = '2K'): Promise<string> {
	const response = await fetch(`${sandbox.baseUrl}/api/v1/jobs/createTask`, {
		method: 'POST',
		headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify({ model: 'nano-banana-pro', input: { prompt, resolution } }),
	});
	const envelope = (await response.json()) as { data: { taskId: string } };
	return envelope.data.taskId;
}

/**
 * The durations of `count` new tasks, by index, created `together` at a time. The sandbox draws in the
 * order creates reach it: together, the same draws, not always for the same index.
 */
async function durationsOf(count: number, resolutionOf: (index: number) => string = () => '2K', together = 1): Promise<number[]> {
	const durations: number[] = [];
	for (let first = 0; first < count; first += together) {
		const indexes = Array.from({ length: Math.min(together, count - first) }, (_, offset) => first + offset);
		const taskIds = await Promise.all(indexes.map(async (index) => await createTask(`item ${index}`, resolutionOf(index))));
		durations.push(...taskIds.map((taskId) => sandbox.tasks.get(taskId)!.durationMs));
	}
	return durations;
}

const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))];
const median = (values: number[]) => quantile(values, 0.5);

describe('heavy-tailed task durations (taskDurations)', () => {
	it('gives the same durations in creation order for the same seed, whatever requests come in between', async () => {
		sandbox.configure({ taskDurations: TAIL, seed: 1501 });
		const first = await durationsOf(30);

		sandbox.reset(true);
		// Other random decisions (here: recordInfo faults) must not shift the duration draws.
		sandbox.configure({ taskDurations: TAIL, seed: 1501, recordInfo5xxRatio: 0.5 });
		const second: number[] = [];
		for (let index = 0; index < 30; index++) {
			const taskId = await createTask(`other prompt ${index}`);
			await fetch(`${sandbox.baseUrl}/api/v1/jobs/recordInfo?taskId=${taskId}`, { headers: { authorization: `Bearer ${sandbox.apiKey}` } });
			second.push(sandbox.tasks.get(taskId)!.durationMs);
		}
		expect(second).toEqual(first);

		sandbox.reset(true);
		sandbox.configure({ taskDurations: TAIL, seed: 1502 });
		expect(await durationsOf(30)).not.toEqual(first);
	});

	it('has a median of about 25 s, a p95 of about 90 s, a few tasks of 3-4 minutes and none above the cap', async () => {
		sandbox.configure({ taskDurations: TAIL, seed: 7 });
		const durations = await durationsOf(1000, undefined, 50);
		expect(median(durations)).toBeGreaterThan(22_000);
		expect(median(durations)).toBeLessThan(29_000);
		expect(quantile(durations, 0.95)).toBeGreaterThan(75_000);
		expect(quantile(durations, 0.95)).toBeLessThan(110_000);
		const long = durations.filter((duration) => duration >= 180_000).length;
		expect(long).toBeGreaterThan(20);
		expect(long).toBeLessThan(70);
		expect(Math.max(...durations)).toBeLessThanOrEqual(240_000);
	});

	it('makes 4K tasks slower than 1K tasks by their resolution factors', async () => {
		sandbox.configure({ taskDurations: { ...TAIL, resolutionFactors: { '1K': 0.8, '4K': 1.6 } }, seed: 11 });
		const durations = await durationsOf(400, (index) => (index % 2 ? '4K' : '1K'), 50);
		const oneK = durations.filter((_, index) => index % 2 === 0);
		const fourK = durations.filter((_, index) => index % 2 === 1);
		expect(median(fourK) / median(oneK)).toBeGreaterThan(1.5);
		expect(median(oneK)).toBeLessThan(25_000);
	});

	it('rejects a distribution with an unknown field or a bad value, naming the option', () => {
		expect(() => sandbox.configure({ taskDurations: { ...TAIL, p99Ms: 1 } as TaskDurationDistribution })).toThrow(/taskDurations must be/);
		expect(() => sandbox.configure({ taskDurations: { ...TAIL, longShare: 2 } })).toThrow(/taskDurations must be/);
		expect(() => sandbox.configure({ taskDurations: { ...TAIL, resolutionFactors: { '8K': 2 } } as TaskDurationDistribution })).toThrow(/taskDurations must be/);
	});
});
