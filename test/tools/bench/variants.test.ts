import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { patchPlainSchedule } = require('../../../tools/bench/variants') as { patchPlainSchedule: (source: string) => string };

jest.setTimeout(15000);

type Watcher = { waitFor: (taskId: string, request: { fetchTask: () => Promise<unknown>; maxWaitMs: number }) => Promise<unknown> };

/** nodes/shared/polling.ts as tsc emits it into dist (CommonJS, ES2022), optionally patched, loaded as a module. */
function loadPolling(transform: (source: string) => string = (source) => source): { TaskWatcher: new () => Watcher } {
	const source = fs.readFileSync(path.resolve(__dirname, '../../../nodes/shared/polling.ts'), 'utf8');
	const { outputText } = ts.transpileModule(source, {
		compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, strict: true },
	});
	const module = { exports: {} as Record<string, unknown> };
	new Function('exports', 'require', 'module', transform(outputText))(module.exports, require, module);
	return module.exports as never;
}

/** Three tasks created at once, none finishing; when each was first polled (ms), among those polled in the first `windowMs`. */
async function firstPollsWithin(TaskWatcher: new () => Watcher, windowMs: number): Promise<Record<string, number>> {
	const watcher = new TaskWatcher();
	const started = Date.now();
	const firstPoll: Record<string, number> = {};
	const waits = ['a', 'b', 'c'].map((taskId) =>
		watcher
			.waitFor(taskId, {
				// Past the window, so that no deadline forces a poll inside it.
				maxWaitMs: windowMs + 1500,
				fetchTask: async () => {
					firstPoll[taskId] ??= Date.now() - started;
					return { status: 'pending', state: 'generating', costTime: null, taskId };
				},
			})
			.catch(() => undefined), // every wait ends by its deadline
	);
	await Promise.all(waits);
	return Object.fromEntries(Object.entries(firstPoll).filter(([, at]) => at < windowMs));
}

describe('bench variant "plainSchedule": the shipped polling with its built module patched (scripts/bench/variants.js)', () => {
	it('polls every task on the plain schedule from its creation, where the shipped policy waits 10 s for its scout', async () => {
		const [shipped, plain] = await Promise.all([
			firstPollsWithin(loadPolling().TaskWatcher, 3200),
			firstPollsWithin(loadPolling(patchPlainSchedule).TaskWatcher, 3200),
		]);
		// The plain schedule's first step: 2.5 s.
		expect(Object.keys(plain).sort()).toEqual(['a', 'b', 'c']);
		for (const at of Object.values(plain)) expect(at).toBeGreaterThanOrEqual(2400);
		expect(shipped).toEqual({});
	});

	it('refuses to patch a polling module that no longer has what the patch replaces', () => {
		const emitted = ts.transpileModule(fs.readFileSync(path.resolve(__dirname, '../../../nodes/shared/polling.ts'), 'utf8'), {
			compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
		}).outputText;
		expect(() => patchPlainSchedule(emitted.replace('function nextPollDelayMs(', 'function nextDelayMs('))).toThrow(/no longer has .*function nextPollDelayMs\(.*update PLAIN_SCHEDULE_PATCH/);
	});
});
