import { LiangXinApi } from '../../../../../credentials/LiangXinApi.credentials';
import { LiangXinNanoBananaPro } from '../../../../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import type { PausedItem } from '../../../../../nodes/shared/actions/wait/pausedTasks';
import { finalTasks, outputItems, settledItems } from '../../../../../nodes/shared/actions/wait/pausedTasks';
import { LiangXinClient } from '../../../../../nodes/shared/transport/client';
import { MAX_PARALLEL_DOWNLOADS } from '../../../../../nodes/shared/transport/resultFiles';
import { useSandbox } from '../../../../helpers/liangxin';
import { executeContext, n8nEnvironment } from '../../../../helpers/n8n';

const sandbox = useSandbox({ taskDurationMs: 600_000 });

/** A seeded stream of draws in [0, 1), so that a check's order can be replayed. */
function seededRandom(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

async function connect() {
	await n8nEnvironment();
	const context = executeContext({
		node: new LiangXinNanoBananaPro(),
		credentials: { liangXinApi: { apiKey: sandbox().apiKey, baseUrl: sandbox().baseUrl } },
		credentialTypes: [new LiangXinApi()],
	});
	return { context, client: await LiangXinClient.connect(context) };
}

/** Creates `count` tasks over HTTP; they run until finishNow() ends them. */
async function pausedTasks(count: number, prompt = 'a paused picture', download = false): Promise<PausedItem[]> {
	const items: PausedItem[] = [];
	for (let index = 0; index < count; index++) {
		const response = await fetch(`${sandbox().baseUrl}/api/v1/jobs/createTask`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sandbox().apiKey}`, 'content-type': 'application/json' },
			body: JSON.stringify({ model: 'nano-banana-pro', input: { prompt: `${prompt} ${index}` } }),
		});
		const { data } = (await response.json()) as { data: { taskId: string } };
		items.push({ taskId: data.taskId, download, includeRaw: false });
	}
	return items;
}

/** The sandbox's task ends (successfully) now. */
function finishNow(taskId: string) {
	const task = sandbox().tasks.get(taskId)!;
	task.completeAt = Date.now() - 1;
	task.transitions.at(-1)!.at = task.completeAt;
}

describe('Pause Until Callback: what a callback costs', () => {
	const N = 60;

	/** Each task ends in turn, and a callback for it runs the check; the recordInfo calls they all made. */
	async function callbacksCost(finishOrder: (items: PausedItem[]) => PausedItem[]) {
		const { context, client } = await connect();
		const items = await pausedTasks(N);
		const random = seededRandom(13);
		const answers = [];
		for (const item of finishOrder(items)) {
			finishNow(item.taskId!);
			answers.push(await settledItems(context, client, items, random));
		}
		return { items, answers, recordInfoCalls: sandbox().recordInfoCalls().length };
	}

	// With the checks in input order, tasks that end in the order they were created cost N²/2 (1,889 here).
	const nLogN = Math.round(2 * N * Math.log(N));

	test(`tasks ending in creation order: ${N} callbacks cost at most 2·N·ln N (${nLogN}) recordInfo calls`, async () => {
		const { items, answers, recordInfoCalls } = await callbacksCost((created) => created);
		expect(answers.slice(0, -1).every((answer) => answer === undefined)).toBe(true);
		const results = answers.at(-1)!;
		expect(results.map((item) => item.json.taskId)).toEqual(items.map((item) => item.taskId));
		expect(results.map((item) => item.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		expect(recordInfoCalls).toBeLessThanOrEqual(nLogN);
	});

	test('tasks ending in reverse creation order cost as little', async () => {
		const { answers, recordInfoCalls } = await callbacksCost((created) => [...created].reverse());
		expect(answers.filter(Boolean)).toHaveLength(1);
		expect(recordInfoCalls).toBeLessThanOrEqual(nLogN);
	});

	test('the check stops at a task still running, wherever it is, and asks about nothing twice', async () => {
		const { context, client } = await connect();
		const items = await pausedTasks(10);
		items.slice(1).forEach((item) => finishNow(item.taskId!));
		for (let seed = 1; seed <= 5; seed++) {
			const before = sandbox().recordInfoCalls().length;
			expect(await settledItems(context, client, items, seededRandom(seed))).toBeUndefined();
			const asked = sandbox().recordInfoCalls().slice(before).map((call) => call.query.taskId);
			expect(new Set(asked).size).toBe(asked.length);
			expect(asked.at(-1)).toBe(items[0].taskId);
		}
	});
});

describe('Pause Until Callback: the check starts where the last one stopped', () => {
	test('while one slow task keeps a batch waiting, each callback after the first costs one recordInfo call', async () => {
		const { client } = await connect();
		const items = await pausedTasks(40);
		items.slice(0, 39).forEach((item) => finishNow(item.taskId!));
		let runningItem: number | undefined;
		const onRunning = (itemIndex: number) => (runningItem = itemIndex);
		const costs: number[] = [];
		for (let callback = 0; callback < 10; callback++) {
			const before = sandbox().recordInfoCalls().length;
			expect(await finalTasks(client, items, { first: runningItem, onRunning, random: seededRandom(callback + 1) })).toBeUndefined();
			costs.push(sandbox().recordInfoCalls().length - before);
		}
		expect(runningItem).toBe(39);
		expect(costs.slice(1)).toEqual(Array(9).fill(1));

		finishNow(items[39].taskId!);
		const tasks = (await finalTasks(client, items, { first: runningItem }))!;
		expect(tasks.map((task) => task?.taskId)).toEqual(items.map((item) => item.taskId));
	});
});

describe('Pause Until Callback: the resume downloads', () => {
	test(`at most ${MAX_PARALLEL_DOWNLOADS} images at once, in input order, for a batch whose tasks end together`, async () => {
		const { context, client } = await connect();
		const items = await pausedTasks(10, 'two pictures [images=2]', true);
		items.forEach((item) => finishNow(item.taskId!));
		// settledItems in its two steps: only the downloads are answered slowly, not the checks before them.
		const tasks = (await finalTasks(client, items))!;
		const answerMs = 400;
		sandbox().configure({ slowResponseMs: answerMs });
		const results = await outputItems(context, client, items, tasks);
		expect(results.map((item) => item.json.taskId)).toEqual(items.map((item) => item.taskId));
		expect(results.flatMap((item) => Object.keys(item.binary ?? {}))).toHaveLength(20);

		// A slot frees only once an answer, sent at least answerMs after its request arrived, was read.
		const arrivals = sandbox().imageCalls().map((call) => call.at);
		const mostAtOnce = Math.max(...arrivals.map((at) => arrivals.filter((other) => other <= at && other > at - answerMs).length));
		expect(arrivals).toHaveLength(20);
		expect(mostAtOnce).toBe(MAX_PARALLEL_DOWNLOADS);
	}, 30_000);
});
