// Where items leave the image nodes, in a real n8n (the e2e suite's 2.41.1 and the compat suite's
// 1.123.81): with On Error "Continue (using error output)" every failed item on the error output, paired
// and naming its task, in Poll mode and in Pause Until Callback (resumed by a callback, or at Max Wait);
// version 1.1 delivers on the same connection in both wait modes; a saved version 1 workflow keeps
// its two outputs. Every workflow is published and started over its production webhook.
import { randomUUID } from 'node:crypto';

import type { Sandbox } from '../../tools/sandbox';
import { MAX_WAIT_REACHED_MESSAGE } from '../../nodes/shared/actions/wait/maxWaitReached';
import { noOp, pauseRuns, pauseWorkflow, webhookStart, startPublished } from './pauseRuns';
import type { N8nInstance, OutputItem } from './runtime';
import { SETUP_TIMEOUT_MS, useRealN8n, type Credential } from './suite';
import { itemsNodes, liangXinNode, type Workflow, type WorkflowNode } from './workflows';

const IMAGE_NODE = 'n8n-nodes-liangxin.liangXinImage';
const GENERATE = 'Generate';

/** One item per way to fail, and one that succeeds; Max Wait and Max File Size come from the item. */
const MIXED = [
	{ prompt: 'a red kite' },
	{ prompt: 'x' },
	{ prompt: 'a [fail] blue door' },
	{ prompt: 'a [slow] green pear', wait: 0.05 },
	{ prompt: 'a white swan', maxMb: 0.0001 },
];
const PAUSED = MIXED.filter((item) => item.wait === undefined);
const PER_ITEM = { maxWaitMinutes: '={{ $json.wait ?? 2 }}', maxFileSizeMb: '={{ $json.maxMb ?? 50 }}' };
const PROMPTS = [{ prompt: 'a red kite' }, { prompt: 'a blue door' }];

let sandbox: Sandbox;
let n8n: N8nInstance;
let apiKey: string;
let runs: ReturnType<typeof pauseRuns>;

const realN8n = useRealN8n('e2e-routing', { sandboxOptions: { taskDurationMs: 1500, slowTaskMs: 30_000, callbackRepeats: 1 } });

/** Webhook `path` -> the items -> Generate, whose outputs go to NoOp nodes named in `wiring` (one list per output). */
function webhookWorkflow(path: string, items: object[], generate: WorkflowNode, wiring: string[][]): Workflow {
	const start = webhookStart(path);
	const targets = [...new Set(wiring.flat())];
	const nodes = [start, ...itemsNodes('Items', items), generate, ...targets.map(noOp)];
	nodes.forEach((node, index) => Object.assign(node, { id: randomUUID(), position: [index * 220, 0] }));
	const to = (node: string) => ({ node, type: 'main' as const, index: 0 });
	return {
		name: `e2e routing ${path}`,
		nodes,
		connections: {
			Start: { main: [[to('Items (list)')]] },
			'Items (list)': { main: [[to('Items')]] },
			Items: { main: [[to(GENERATE)]] },
			[GENERATE]: { main: wiring.map((names) => names.map(to)) },
		},
		settings: { executionOrder: 'v1' },
	};
}

/** The node as the editor adds it today (version 1.1), or of another type or version. */
function generateNode(credential: Credential, parameters: Record<string, unknown>, settings: Record<string, unknown> = {}): WorkflowNode {
	return { ...liangXinNode(GENERATE, parameters, credential), typeVersion: 1.1, ...settings };
}

const errorOutput = { onError: 'continueErrorOutput' };
const pause = (options: Record<string, unknown>) => ({ waitMode: 'pause', options: { allowLocalCallbackUrl: true, ...options } });

beforeAll(async () => {
	({ sandbox, n8n } = realN8n());
	const credential = realN8n().credentials[0];
	const create = { operation: 'createAndWait', prompt: '={{ $json.prompt }}' };
	const definitions: Record<string, Workflow> = {
		'poll-errors': webhookWorkflow('poll-errors', MIXED, generateNode(credential, { ...create, options: PER_ITEM }, errorOutput), [['Images'], ['Errors']]),
		'pause-errors': webhookWorkflow(
			'pause-errors',
			PAUSED,
			generateNode(credential, { ...create, model: 'nano-banana-pro', ...pause(PER_ITEM) }, { ...errorOutput, type: IMAGE_NODE }),
			[['Images'], ['Errors']],
		),
		'pause-expired': webhookWorkflow(
			'pause-expired',
			[{ prompt: 'a [slow] [no-callback] red kite' }, { prompt: 'x' }],
			generateNode(credential, { ...create, ...pause({ maxWaitMinutes: 0.05 }) }, errorOutput),
			[['Images'], ['Errors']],
		),
		// The same workflow before and after its Wait Mode was switched: n8n keeps the connections.
		'switch-poll': webhookWorkflow('switch-poll', PROMPTS, generateNode(credential, { ...create, options: {} }), [['Results']]),
		'switch-pause': webhookWorkflow('switch-pause', PROMPTS, generateNode(credential, { ...create, ...pause({}) }), [['Results']]),
		// Saved with version 1 in pause mode: Max Wait Reached on output 0, Results on output 1.
		'old-v1': pauseWorkflow('old-v1', credential, { options: { allowLocalCallbackUrl: true }, prompts: PROMPTS.map(({ prompt }) => prompt), maxWaitReached: [noOp('Max Wait Reached')] }),
	};
	({ apiKey, runs } = await startPublished(n8n, definitions));
}, SETUP_TIMEOUT_MS);

/** Each output of a node's last run in a finished execution, read through n8n's public API. */
async function outputsOf(id: string, nodeName: string): Promise<OutputItem[][]> {
	const response = await fetch(`${n8n.baseUrl}/api/v1/executions/${id}?includeData=true`, { headers: { 'x-n8n-api-key': apiKey } });
	if (!response.ok) throw new Error(`GET /api/v1/executions/${id} answered ${response.status}: ${await response.text()}`);
	const execution = (await response.json()) as { data: { resultData: { runData: Record<string, Array<{ data?: { main: OutputItem[][] } }>> } } };
	return execution.data.resultData.runData[nodeName]?.at(-1)?.data?.main ?? [];
}

/** Runs a workflow to its end (through a pause when `pauses`); the items Generate put out, and those each next step received. */
async function run(path: string, { pauses = false } = {}) {
	const { id } = await runs.startRun(path);
	if (pauses) await runs.untilPaused(path, id, 30_000);
	await runs.untilStatus(path, id, 'success', 120_000);
	const received = async (nodeName: string) => ((await outputsOf(id, nodeName))[0] ?? []).map((item) => item.json);
	return { generated: await outputsOf(id, GENERATE), received };
}

const taskOf = (prompt: string) => [...sandbox.tasks.values()].find((task) => task.body.input.prompt === prompt)?.taskId;
const errorOf = (item: OutputItem) => item.json.error as { message: string; taskId?: string; description?: string };

describe('On Error "Continue (using error output)"', () => {
	test('Poll mode: bad input, a failed task, Max Wait and a failed download leave on the error output, paired, naming their tasks', async () => {
		const { generated, received } = await run('poll-errors');
		const [images, errors] = generated;

		expect(images.map((item) => [item.json.taskId, item.json.status, item.pairedItem])).toEqual([[taskOf('a red kite'), 'success', { item: 0 }]]);
		expect(images[0].binary?.data).toBeDefined();
		expect(errors.map((item) => item.pairedItem)).toEqual([1, 2, 3, 4].map((item) => ({ item })));
		// n8n puts the input item's fields beside the error.
		expect(errors.map((item) => item.json.prompt)).toEqual(MIXED.slice(1).map((item) => item.prompt));
		expect(errors.map((item) => errorOf(item).taskId)).toEqual([undefined, ...MIXED.slice(2).map((item) => taskOf(item.prompt))]);
		const [invalid, failed, timedOut, tooBig] = errors.map((item) => errorOf(item).message);
		expect(invalid).toMatch(/^Item 1: Prompt/);
		expect(failed).toMatch(new RegExp(`^LiangXin task ${taskOf(MIXED[2].prompt)} failed: 422 `));
		expect(timedOut).toMatch(new RegExp(`^LiangXin task ${taskOf(MIXED[3].prompt)} is still `));
		expect(tooBig).toContain('the limit set by Max File Size');
		expect(await received('Errors')).toEqual(errors.map((item) => item.json));
		expect(await received('Images')).toEqual(images.map((item) => item.json));
	});

	test('Pause Until Callback (LiangXin Image node), resumed by the callbacks: bad input, a failed task and a failed download on the error output', async () => {
		const { generated, received } = await run('pause-errors', { pauses: true });
		const [images, errors] = generated;

		expect(images.map((item) => [item.json.taskId, item.json.status, item.pairedItem])).toEqual([[taskOf('a red kite'), 'success', { item: 0 }]]);
		expect(errors.map((item) => item.pairedItem)).toEqual([1, 2, 3].map((item) => ({ item })));
		expect(errors.map((item) => item.json.prompt)).toEqual(PAUSED.slice(1).map((item) => item.prompt));
		expect(errors.map((item) => errorOf(item).taskId)).toEqual([undefined, taskOf(PAUSED[2].prompt), taskOf(PAUSED[3].prompt)]);
		expect(errorOf(errors[1]).message).toContain('failed: 422');
		expect(errorOf(errors[2]).message).toContain('the limit set by Max File Size');
		expect(await received('Errors')).toEqual(errors.map((item) => item.json));
		// Resumed by a callback, not by Max Wait.
		expect(sandbox.callbackCalls().some((call) => call.status === 200)).toBe(true);
	});

	test('Pause Until Callback at Max Wait, no callback: the task flagged maxWaitReached on the first output, the bad item on the error output', async () => {
		const { generated } = await run('pause-expired', { pauses: true });
		const [pending, errors] = generated;

		expect(pending).toEqual([
			{ json: { maxWaitReached: true, taskId: taskOf('a [slow] [no-callback] red kite'), message: MAX_WAIT_REACHED_MESSAGE }, pairedItem: { item: 0 } },
		]);
		expect(errors.map((item) => [item.json.prompt, errorOf(item).message, item.pairedItem])).toEqual([['x', expect.stringMatching(/^Item 1: Prompt/), { item: 1 }]]);
	});
});

describe('Wait Mode and the outputs', () => {
	test('version 1.1: the same connection gets the results in Poll mode and after switching to Pause Until Callback', async () => {
		for (const path of ['switch-poll', 'switch-pause']) {
			const { received } = await run(path, { pauses: path === 'switch-pause' });
			const results = await received('Results');
			expect(results.map((json) => [json.status, (json.input as { prompt: string }).prompt])).toEqual(PROMPTS.map(({ prompt }) => ['success', prompt]));
		}
	});

	test('a saved version 1 workflow in pause mode keeps its two outputs: Max Wait Reached, Results', async () => {
		const { generated, received } = await run('old-v1', { pauses: true });
		expect(generated[0]).toEqual([]);
		if (n8n.n8nVersion.startsWith('1.')) {
			// n8n 1.x passes on only the first output of a node resumed by a webhook: Results stays empty.
			expect(await received('Results')).toEqual([]);
		} else {
			expect((await received('Results')).map((json) => json.status)).toEqual(['success', 'success']);
		}
		expect(await received('Max Wait Reached')).toEqual([]);
	});
});

describe('as an AI agent tool', () => {
	test("n8n registers each image node's tool with a description and a panel notice saying how it behaves", async () => {
		const { status, body } = await n8n.rest.request('GET', '/types/nodes.json');
		expect(status).toBe(200);
		const types = body as Array<{ name: string; description: string; properties: Array<{ name: string; default?: unknown; displayOptions?: unknown }> }>;
		for (const name of ['liangXinImage', 'liangXinNanoBananaPro']) {
			const tool = types.find((type) => type.name === `n8n-nodes-liangxin.${name}Tool`);
			expect(tool?.description).toContain('waits by polling, up to 5 minutes per image unless Max Wait is set, and returns image URLs');
			const notice = tool!.properties.find((property) => property.name === 'aiToolNotice');
			expect(notice?.displayOptions).toMatchObject({ show: { '@tool': [true] } });
			// n8n offers it as the tool description an agent reads when it is set manually.
			expect(tool!.properties.find((property) => property.name === 'toolDescription')?.default).toBe(tool!.description);
		}
	});
});
