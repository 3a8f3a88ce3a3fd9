import { realWorldTargets } from '../../../tools/bench/real-world-targets';

/** The node's metrics of a run as results.json holds them, with the given download waits. */
const nodeRun = (waits: { downloadWaitTasks: number | null; downloadWaitMaxMs: number | null; downloadWaitP95Ms: number | null; downloadWaitsOver1s: number | null }) => ({
	wallSeconds: 120,
	createCalls: 200,
	tasksCreated: 200,
	recordInfoCalls: 500,
	itemsOut: 200,
	itemsLost: 0,
	duplicateTasks: 0,
	peakRssMb: 300,
	...waits,
});

function downloadWaitTargets(scenarios: Record<string, ReturnType<typeof nodeRun>>) {
	// Only what the targets read of each scenario: its results.
	const byName = new Map(Object.entries(scenarios).map(([name, node]) => [name, { results: { name, items: 200, idealSeconds: 115, node } }])) as unknown as Parameters<typeof realWorldTargets>[0];
	return realWorldTargets(byName, { runsMb: [250], medianMb: 250 }).filter((target) => target.id.endsWith('-download-wait'));
}

describe("bench target: no item waits on another's download (tools/bench/real-world-targets.js)", () => {
	it('is met when no task of n200 and n1000 waited more than 1 s, and says max, p95 and the count', () => {
		const targets = downloadWaitTargets({
			n200: nodeRun({ downloadWaitTasks: 200, downloadWaitMaxMs: 640, downloadWaitP95Ms: 210, downloadWaitsOver1s: 0 }),
			n1000: nodeRun({ downloadWaitTasks: 1000, downloadWaitMaxMs: 1000, downloadWaitP95Ms: 300, downloadWaitsOver1s: 0 }),
		});
		expect(targets.map((target) => [target.id, target.met, target.measured])).toEqual([
			['n200-download-wait', true, 'max 640 ms, p95 210 ms; 0 of 200 tasks over 1 s'],
			['n1000-download-wait', true, 'max 1000 ms, p95 300 ms; 0 of 1000 tasks over 1 s'],
		]);
	});

	it('is not met when one task waited more than 1 s', () => {
		const [target] = downloadWaitTargets({ n200: nodeRun({ downloadWaitTasks: 200, downloadWaitMaxMs: 4200, downloadWaitP95Ms: 300, downloadWaitsOver1s: 1 }) });
		expect(target).toMatchObject({ id: 'n200-download-wait', met: false, measured: 'max 4200 ms, p95 300 ms; 1 of 200 tasks over 1 s' });
	});

	it('is not met when nothing was measured (no task seen finished and downloaded)', () => {
		const [target] = downloadWaitTargets({ n1000: nodeRun({ downloadWaitTasks: null, downloadWaitMaxMs: null, downloadWaitP95Ms: null, downloadWaitsOver1s: null }) });
		expect(target).toMatchObject({ id: 'n1000-download-wait', met: false, measured: 'no task was both seen finished by a poll and downloaded' });
	});

	it('is a target of n200 and n1000 only', () => {
		const waits = { downloadWaitTasks: 50, downloadWaitMaxMs: 90, downloadWaitP95Ms: 80, downloadWaitsOver1s: 0 };
		expect(downloadWaitTargets({ 'tail-50': nodeRun(waits), 'mixed-50': nodeRun(waits) })).toEqual([]);
	});
});
