import * as fs from 'node:fs';
import * as path from 'node:path';

import * as ts from 'typescript';

import { PLAIN_SCHEDULE } from '../../../tools/bench/plain-schedule';
import { installPlainSchedule } from '../../../tools/bench/variants';

const REPO_ROOT = path.resolve(__dirname, '../../..');
type PollingModule = typeof import('../../../nodes/shared/tasks/polling');

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
		expect(PLAIN_SCHEDULE.nextPollDelayMs(age, 25_000, 10)).toBe(step);
		expect(PLAIN_SCHEDULE.nextPollDelayMs(age, 25_000, 1)).toBe(step);
	});
});

describe('the plain-schedule variant package (tools/bench/variants.js installPlainSchedule)', () => {
	// Under the repository, so that the built module finds n8n-workflow as it does in the package.
	const root = path.join(REPO_ROOT, 'test-output', `plain-schedule-variant-${process.pid}`);
	const packageDir = path.join(root, 'package');
	const sharedDir = path.join(packageDir, 'dist', 'nodes', 'shared', 'tasks');

	beforeAll(() => {
		fs.mkdirSync(sharedDir, { recursive: true });
		for (const module of ['polling', 'pollSchedule']) {
			const source = fs.readFileSync(path.join(REPO_ROOT, 'nodes', 'shared', 'tasks', `${module}.ts`), 'utf8');
			const { outputText } = ts.transpileModule(source, {
				compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true },
			});
			fs.writeFileSync(path.join(sharedDir, `${module}.js`), outputText);
		}
		installPlainSchedule(packageDir);
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
		expect(() => installPlainSchedule(path.join(root, 'empty'))).toThrow(/has no dist\/nodes\/shared\/tasks\/polling\.js: update POLLING_MODULE/);
	});
});
