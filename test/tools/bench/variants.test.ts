import * as fs from 'node:fs';
import * as path from 'node:path';

import * as ts from 'typescript';

import { PLAIN_SCHEDULE } from '../../../tools/bench/plain-schedule';
import { TIME_SCALE_ENV } from '../../../tools/bench/time-scale';
import { installWrappedBuild } from '../../../tools/bench/variants';

const REPO_ROOT = path.resolve(__dirname, '../../..');
type PollingModule = typeof import('../../../nodes/shared/tasks/polling');

/** Builds nodes/shared/tasks/polling.ts into `dir` as tsc does for the package, with the modules of its folder it requires. */
function buildPollingModule(dir: string, module = 'polling') {
	const target = path.join(dir, `${module}.js`);
	if (fs.existsSync(target)) return;
	const source = fs.readFileSync(path.join(REPO_ROOT, 'nodes', 'shared', 'tasks', `${module}.ts`), 'utf8');
	const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true } });
	fs.writeFileSync(target, outputText);
	for (const [, required] of outputText.matchAll(/require\("\.\/(\w+)"\)/g)) buildPollingModule(dir, required);
}

describe('the plain schedule the bench compares the node with (tools/bench/plain-schedule.js)', () => {
	it('polls first 2.5 s after creation, whatever the batch has learned', () => {
		for (const [median, scout] of [[undefined, true], [undefined, false], [8000, false]] as const) {
			expect(PLAIN_SCHEDULE.firstPollDelayMs(median, scout)).toBe(2500);
		}
	});

	it.each([
		[0, 2500],
		[29_999, 2500],
		[30_000, 7500],
		[119_999, 7500],
		[120_000, 20_000],
		[3_600_000, 20_000],
	])('after a miss at age %i ms waits %i ms, also for the last task of a batch', (age, step) => {
		expect(PLAIN_SCHEDULE.nextPollDelayMs(age, 25_000)).toBe(step);
		// No endgame and no slot search: the last tasks of a batch are polled as every other.
		expect(PLAIN_SCHEDULE.endgameStepMs).toBeUndefined();
		expect(PLAIN_SCHEDULE.slotSearchStepMs).toBeUndefined();
	});
});

describe('the plain-schedule variant package (tools/bench/variants.js installWrappedBuild)', () => {
	// Under the repository, so that the built module finds n8n-workflow as it does in the package.
	const root = path.join(REPO_ROOT, 'test-output', `plain-schedule-variant-${process.pid}`);
	const packageDir = path.join(root, 'package');
	const sharedDir = path.join(packageDir, 'dist', 'nodes', 'shared', 'tasks');

	beforeAll(() => {
		fs.mkdirSync(sharedDir, { recursive: true });
		buildPollingModule(sharedDir);
		installWrappedBuild(packageDir, 'plainSchedule');
	});
	afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
	beforeEach(() => jest.useFakeTimers({ now: 0 }));
	afterEach(() => jest.useRealTimers());

	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const load = (file: string) => require(path.join(sharedDir, file)) as PollingModule;

	/** Three tasks created at once, none finishing: when each was polled in the first 10 s. */
	async function pollsInFirst10s({ TaskWatcher }: PollingModule): Promise<Record<string, number[]>> {
		const watcher = new TaskWatcher();
		const polls: Record<string, number[]> = { a: [], b: [], c: [] };
		const waits = Object.keys(polls).map((taskId) =>
			watcher
				.waitFor(taskId, {
					maxWaitMs: 12_000,
					fetchTask: async () => {
						polls[taskId].push(Date.now());
						return { taskId, model: 'nano-banana-pro', state: 'generating', status: 'pending', imageUrls: [], failCode: '', failMsg: '', costTime: null, createTime: null, completeTime: null, input: null };
					},
				})
				.catch(() => undefined), // every wait ends at its deadline
		);
		await jest.advanceTimersByTimeAsync(10_000);
		const seen = structuredClone(polls);
		await jest.advanceTimersByTimeAsync(5000);
		await Promise.all(waits);
		return seen;
	}

	it('keeps the shipped module as polling.shipped.js: the shipped watcher waits for its scout', async () => {
		expect(await pollsInFirst10s(load('polling.shipped.js'))).toEqual({ a: [5000, 10_000], b: [], c: [] });
	});

	it('puts every watcher of the package on the plain schedule: each task polled every 2.5 s from its creation', async () => {
		const every2500 = [2500, 5000, 7500, 10_000];
		expect(await pollsInFirst10s(load('polling.js'))).toEqual({ a: every2500, b: every2500, c: every2500 });
	});

	it('exports everything else of the shipped module as it is', () => {
		const variant = load('polling.js');
		const shipped = load('polling.shipped.js');
		expect(variant.TaskWaitTimeoutError).toBe(shipped.TaskWaitTimeoutError);
		expect(Object.keys(variant).sort()).toEqual(Object.keys(shipped).sort());
	});

	it('refuses a package that has no polling module where the bench expects it', () => {
		expect(() => installWrappedBuild(path.join(root, 'empty'), 'plainSchedule')).toThrow(/has no dist\/nodes\/shared\/tasks\/polling\.js: update POLLING_MODULE/);
	});
});

describe('the time-scaled build (tools/bench/variants.js installWrappedBuild, time-scale.js)', () => {
	const root = path.join(REPO_ROOT, 'test-output', `time-scaled-build-${process.pid}`);
	const tasksDir = path.join(root, 'package', 'dist', 'nodes', 'shared', 'tasks');

	beforeAll(() => {
		fs.mkdirSync(tasksDir, { recursive: true });
		buildPollingModule(tasksDir);
		installWrappedBuild(path.join(root, 'package'), 'timeScaled');
	});
	afterAll(() => {
		fs.rmSync(root, { recursive: true, force: true });
		delete process.env[TIME_SCALE_ENV];
	});
	beforeEach(() => jest.useFakeTimers({ now: 0 }));
	afterEach(() => jest.useRealTimers());

	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const load = (file: string) => require(path.join(tasksDir, file));

	/** When (after its creation) a lone task that never finishes is polled in its first `ms`, by a watcher on `schedule`. */
	async function lonePolls({ TaskWatcher }: PollingModule, schedule: unknown, ms: number): Promise<number[]> {
		const polls: number[] = [];
		const start = Date.now();
		const watcher = new TaskWatcher({ schedule: schedule as never });
		const fetchTask = async () => {
			polls.push(Date.now() - start);
			return { taskId: 't', model: 'kling-v3-pro', state: 'generating', status: 'pending' as const, imageUrls: [], failCode: '', failMsg: '', costTime: null, createTime: null, completeTime: null, input: null };
		};
		const wait = watcher.waitFor('t', { fetchTask, maxWaitMs: ms + 1 }).catch(() => undefined);
		await jest.advanceTimersByTimeAsync(ms + 2);
		await wait;
		// The watcher asks once more at its deadline, just after `ms`.
		return polls.filter((at) => at <= ms);
	}

	it("runs the node's own schedule at the run's time scale: the video schedule's 30 s steps become 7.5 s at 1/4", async () => {
		const { VIDEO_SCHEDULE } = load('pollSchedule.js');
		process.env[TIME_SCALE_ENV] = '0.25';
		expect(await lonePolls(load('polling.js'), VIDEO_SCHEDULE, 30_000)).toEqual([7500, 15_000, 22_500, 30_000]);
		expect(await lonePolls(load('polling.shipped.js'), VIDEO_SCHEDULE, 60_000)).toEqual([30_000, 60_000]);
		process.env[TIME_SCALE_ENV] = '1';
		expect(await lonePolls(load('polling.js'), VIDEO_SCHEDULE, 60_000)).toEqual([30_000, 60_000]);
	});

	it('refuses a time scale outside (0, 1]', () => {
		process.env[TIME_SCALE_ENV] = '4';
		expect(() => new (load('polling.js').TaskWatcher)()).toThrow(/LIANGXIN_BENCH_TIME_SCALE must be a number in \(0, 1\]/);
	});
});
