import { LiangXinApi } from '../../../../../credentials/LiangXinApi.credentials';
import { LiangXinNanoBananaPro } from '../../../../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import type { PausedItem } from '../../../../../nodes/shared/actions/wait/pausedTasks';
import { finalTasks, outputItems, settledItems } from '../../../../../nodes/shared/actions/wait/pausedTasks';
import { KnownTasks, RUNNING_TRUSTED_MS } from '../../../../../nodes/shared/actions/wait/knownTasks';
import { LiangXinClient } from '../../../../../nodes/shared/transport/client';
import { MAX_PARALLEL_DOWNLOADS } from '../../../../../nodes/shared/transport/resultFiles';
import { useSandbox } from '../../../../helpers/liangxin';
import { executeContext, n8nEnvironment } from '../../../../helpers/n8n';

const sandbox = useSandbox({ taskDurationMs: 600_000 });

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

/** What one process has learned about a pause, on a clock the test moves. */
function knownTasks() {
	const clock = { now: 1_000_000 };
	const now = () => clock.now;
	return { clock, now, known: new KnownTasks(now) };
}

const askedTaskIds = (before: number) => sandbox().recordInfoCalls().slice(before).map((call) => call.query.taskId as string);

describe('Pause Until Callback: what the callbacks cost', () => {
	const N = 60;
	const lnBound = Math.ceil(2 * Math.log(N));

	/**
	 * The check before the pause with every task running, then each task ends in turn and its callback,
	 * naming it (or naming nothing), runs the check. The recordInfo calls they all made.
	 */
	async function callbacksCost(finishOrder: (items: PausedItem[]) => PausedItem[], { named }: { named: boolean }) {
		const { context, client } = await connect();
		const items = await pausedTasks(N);
		const { known, now } = knownTasks();
		expect(await settledItems(context, client, items, known)).toBeUndefined();
		const answers = [];
		for (const item of finishOrder(items)) {
			finishNow(item.taskId!);
			const hint = named ? items.indexOf(item) : undefined;
			answers.push(await finalTasks(client, items, known, { hint, trustRunning: named, now }));
		}
		return { items, answers, recordInfoCalls: sandbox().recordInfoCalls().length };
	}

	test.each([
		['in creation order', (created: PausedItem[]) => created],
		['in reverse creation order', (created: PausedItem[]) => [...created].reverse()],
		['in a shuffled order', (created: PausedItem[]) => created.map((item, index) => ({ item, key: (index * 37) % N })).sort((a, b) => a.key - b.key).map(({ item }) => item)],
	])(`tasks ending %s, each callback naming its task: ${N} callbacks cost at most N + 2·ln N (${N + lnBound}) recordInfo calls, the last one resumes`, async (_order, finishOrder) => {
		const { items, answers, recordInfoCalls } = await callbacksCost(finishOrder, { named: true });
		expect(answers.slice(0, -1).every((answer) => answer === undefined)).toBe(true);
		expect(answers.at(-1)!.map((task) => task?.taskId)).toEqual(items.map((item) => item.taskId));
		// One for each task, and one for each time the task last found running was seen to end (about ln N times).
		expect(recordInfoCalls).toBeLessThanOrEqual(N + lnBound);
	});

	test(`callbacks naming no task ask about the tasks until one is running: never a task twice once final, at most 2·N calls`, async () => {
		const { items, answers, recordInfoCalls } = await callbacksCost((created) => created, { named: false });
		expect(answers.filter(Boolean)).toHaveLength(1);
		expect(answers.at(-1)!.map((task) => task?.taskId)).toEqual(items.map((item) => item.taskId));
		expect(recordInfoCalls).toBeLessThanOrEqual(2 * N + 1);
		const finalAnswers = sandbox().recordInfoCalls().filter((call) => (call.response as { data?: { state?: string } }).data?.state === 'success');
		expect(new Set(finalAnswers.map((call) => call.query.taskId)).size).toBe(finalAnswers.length);
	});
});

describe('Pause Until Callback: a callback naming a task asks about that task, and about a running one only now and then', () => {
	test(`while the task last found running was asked about less than ${RUNNING_TRUSTED_MS / 1000} s ago, a callback asks about its own task alone`, async () => {
		const { client } = await connect();
		const items = await pausedTasks(5);
		const { known, now, clock } = knownTasks();
		expect(await finalTasks(client, items, known, { now })).toBeUndefined();
		const running = known.runningItem!;
		const other = running === 0 ? 1 : 0;
		finishNow(items[other].taskId!);

		let before = sandbox().recordInfoCalls().length;
		clock.now += RUNNING_TRUSTED_MS - 1;
		expect(await finalTasks(client, items, known, { hint: other, trustRunning: true, now })).toBeUndefined();
		expect(askedTaskIds(before)).toEqual([items[other].taskId]);

		// A callback naming a task already known final asks nothing at all.
		before = sandbox().recordInfoCalls().length;
		expect(await finalTasks(client, items, known, { hint: other, trustRunning: true, now })).toBeUndefined();
		expect(askedTaskIds(before)).toEqual([]);

		// Past the span it asks about the running task again, first.
		clock.now += 1;
		before = sandbox().recordInfoCalls().length;
		expect(await finalTasks(client, items, known, { hint: other, trustRunning: true, now })).toBeUndefined();
		expect(askedTaskIds(before)).toEqual([items[running].taskId]);
	});

	test('a task whose own callback was lost is found by the first callback after the span, which resumes', async () => {
		const { client } = await connect();
		const items = await pausedTasks(3);
		const { known, now, clock } = knownTasks();
		expect(await finalTasks(client, items, known, { now })).toBeUndefined();
		const lost = known.runningItem!;
		const [first, last] = [0, 1, 2].filter((index) => index !== lost);
		finishNow(items[lost].taskId!);
		finishNow(items[first].taskId!);
		expect(await finalTasks(client, items, known, { hint: first, trustRunning: true, now })).toBeUndefined();

		finishNow(items[last].taskId!);
		clock.now += RUNNING_TRUSTED_MS;
		const tasks = await finalTasks(client, items, known, { hint: last, trustRunning: true, now });
		expect(tasks?.map((task) => [task?.taskId, task?.status])).toEqual(items.map((item) => [item.taskId, 'success']));
	});

	test('a callback naming a task of another pause, or none, asks about the tasks until one is running, as one naming nothing', async () => {
		const { client } = await connect();
		const items = await pausedTasks(4);
		const { known, now } = knownTasks();
		items.slice(0, 3).forEach((item) => finishNow(item.taskId!));
		const before = sandbox().recordInfoCalls().length;
		expect(await finalTasks(client, items, known, { trustRunning: false, now })).toBeUndefined();
		// Newest first: the running task is the first asked about, and found running.
		expect(askedTaskIds(before)).toEqual([items[3].taskId]);
		finishNow(items[3].taskId!);
		const tasks = await finalTasks(client, items, known, { trustRunning: false, now });
		expect(tasks?.map((task) => task?.taskId)).toEqual(items.map((item) => item.taskId));
		expect(askedTaskIds(before)).toEqual([items[3].taskId, items[3].taskId, items[2].taskId, items[1].taskId, items[0].taskId]);
	});

	test('a task running past its item\'s Max Wait settles the check without being kept as final', async () => {
		const { client } = await connect();
		const items = (await pausedTasks(2)).map((item, index) => ({ ...item, deadline: index === 0 ? 1_000_500 : Infinity }));
		const { known, now, clock } = knownTasks();
		finishNow(items[1].taskId!);
		expect(await finalTasks(client, items, known, { oldestFirst: true, now })).toBeUndefined();
		clock.now += 500;
		const tasks = await finalTasks(client, items, known, { hint: 1, trustRunning: true, now });
		expect(tasks?.map((task) => task?.status)).toEqual(['pending', 'success']);
		expect(known.isKnownFinal(0)).toBe(false);
	});
});

describe('Pause Until Callback: the resume downloads', () => {
	test(`at most ${MAX_PARALLEL_DOWNLOADS} images at once, in input order, for a batch whose tasks end together`, async () => {
		const { context, client } = await connect();
		const items = await pausedTasks(10, 'two pictures [images=2]', true);
		items.forEach((item) => finishNow(item.taskId!));
		// settledItems in its two steps: only the downloads are answered slowly, not the checks before them.
		const tasks = (await finalTasks(client, items, new KnownTasks()))!;
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
