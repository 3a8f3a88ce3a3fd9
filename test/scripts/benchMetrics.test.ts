// eslint-disable-next-line @typescript-eslint/no-require-imports
const { measureRun, NODE_NAME } = require('../../scripts/bench/metrics') as { measureRun: (input: object) => { metrics: Record<string, number> }; NODE_NAME: string };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { executionResult } = require('../../scripts/n8n-runtime') as { executionResult: (run: object, exitCode: number | null) => object };

const PROMPTS = ['a red kite', 'a blue door'];
const tasks = PROMPTS.map((prompt, index) => ({ taskId: `task-${index}`, body: { input: { prompt } }, createdAt: 1000, completeAt: 5000, durationMs: 4000 }));
const snapshot = { log: [], tasks };

/** An execution as n8n's public API returns it: the LiangXin node's outputs as given. */
function execution(outputs: object[][]) {
	return executionResult(
		{
			status: 'success',
			startedAt: new Date(0).toISOString(),
			stoppedAt: new Date(6000).toISOString(),
			data: { resultData: { runData: { [NODE_NAME]: [{ data: { main: outputs } }] } } },
		},
		null,
	);
}

const resultItem = (index: number) => ({ json: { status: 'success', taskId: `task-${index}` }, binary: { data: { mimeType: 'image/png' } }, pairedItem: { item: index } });

describe('bench metrics of the pause-mode variant (scripts/bench/metrics.js)', () => {
	it('counts the results on the output the variant names (Results, the second) and the wall time from the execution record', () => {
		const result = execution([[], [resultItem(0), resultItem(1)]]);
		const { metrics } = measureRun({ kind: 'node', resultsOutput: 1, result, snapshot, prompts: PROMPTS, rateLimit: null, rss: null });
		expect(metrics).toMatchObject({ wallSeconds: 6, itemsOut: 2, itemsLost: 0, duplicateTasks: 0, peakRssMb: null });
	});

	it('counts items passed through on Max Wait Reached (the first output) as lost, never as results', () => {
		const passedThrough = PROMPTS.map((prompt, item) => ({ json: { prompt }, pairedItem: { item } }));
		const result = execution([passedThrough, []]);
		const { metrics } = measureRun({ kind: 'node', resultsOutput: 1, result, snapshot, prompts: PROMPTS, rateLimit: null, rss: null });
		expect(metrics).toMatchObject({ itemsOut: 0, itemsLost: 2 });
	});
});
