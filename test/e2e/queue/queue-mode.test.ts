// The packed package in n8n 2.41.1's queue mode: a main, two workers and two webhook processors
// sharing Redis and Postgres, against the sandbox running in this process. Requests go to the
// webhook processors, executions run on the workers; counts come from n8n's REST and public APIs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { startSandbox, type Sandbox } from '../../../tools/sandbox';
import { runtime, type N8nInstance, type OutputItem } from '../runtime';
import { OUTPUT_DIR, SETUP_TIMEOUT_MS } from '../suite';
import { BINARY_DATA_MODE, startQueueCluster, type QueueCluster } from './cluster';
import {
	binaryBytes,
	createApiKey,
	executionDetails,
	executionsOf,
	processesThatRan,
	settledExecutions,
	type ExecutionSummary,
} from './executions';
import { startReceiver, type Receiver } from './receiver';
import { BATCH_PATH, CALLBACK_PATH, CLAIM, DOWNSTREAM, LIANGXIN, batchWorkflow, onImageReadyWorkflow } from './workflows';

const TOKEN = 'queue-callback-token-9c2e';
const ITEMS = 20;
/** LiangXin's reported create limit, on in the sandbox for the concurrent test. */
const CREATE_LIMIT = { max: 20, windowMs: 10_000 };

let sandbox: Sandbox;
let receiver: Receiver;
let cluster: QueueCluster;
let main: N8nInstance;
let tarball: string | undefined;
let apiKey: string;
const workflowIds = { batch: '', onImageReady: '' };
/** What each test observed, written to test-output/queue-mode-counts.json for the closing report. */
const counts: Record<string, unknown> = {};

beforeAll(async () => {
	const log = (line: string) => console.log(line);
	tarball = runtime.packPackage({ log: () => {} });
	sandbox = await startSandbox({ taskDurationMs: 2000 });
	receiver = await startReceiver();
	fs.mkdirSync(OUTPUT_DIR, { recursive: true });
	cluster = await startQueueCluster(
		tarball,
		async (n8n, redis) => {
			const [liangXin, redisCredential] = await n8n.importCredentials([
				{ name: 'LiangXin account', type: 'liangXinApi', data: { apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl } },
				{ name: 'Redis', type: 'redis', data: { host: '127.0.0.1', port: redis.port, database: 0, password: '' } },
			]);
			[workflowIds.batch, workflowIds.onImageReady] = await n8n.importWorkflows([
				batchWorkflow(liangXin),
				onImageReadyWorkflow({ liangXin, redis: redisCredential }, TOKEN, receiver.url),
			]);
			for (const id of Object.values(workflowIds)) await n8n.publishWorkflow(id);
		},
		log,
	);
	main = cluster.main;
	await main.rest.setupOwnerAndLogin();
	apiKey = await createApiKey(main);
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	fs.writeFileSync(path.join(OUTPUT_DIR, 'queue-mode-counts.json'), JSON.stringify(counts, null, 2));
	try {
		await cluster?.stop();
	} finally {
		await receiver?.close();
		await sandbox?.close();
		runtime.removeTarball(tarball);
	}
}, 120_000);

beforeEach(() => {
	sandbox.reset(true);
	receiver.bodies.length = 0;
});

async function postBatch(processor: N8nInstance, prompts: string[]): Promise<void> {
	const response = await fetch(`${processor.baseUrl}/webhook/${BATCH_PATH}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ items: prompts.map((prompt) => ({ prompt })) }),
	});
	expect(response.status).toBe(200);
}

/** Runs `start`, then returns the executions of the workflow that it started, once all are finished. */
async function newExecutions(workflowId: string, count: number, start: () => Promise<unknown>, timeoutMs = 180_000) {
	const before = new Set((await executionsOf(main, workflowId)).map((execution) => execution.id));
	await start();
	const all = await settledExecutions(main, workflowId, before.size + count, { timeoutMs });
	return all.filter((execution) => !before.has(execution.id));
}

function promptsFor(label: string): string[] {
	return Array.from({ length: ITEMS }, (_, index) => `queue ${label} #${index}: a paper boat on a pond`);
}

async function expectImagesFromSandbox(items: OutputItem[]) {
	for (const item of items) {
		const binary = item.binary!.data;
		expect(binary.id).toMatch(new RegExp(`^${BINARY_DATA_MODE}:`));
		const bytes = await binaryBytes(main, binary.id!);
		expect(bytes.equals(await sandbox.imageBytes(item.json.taskId as string))).toBe(true);
	}
}

const workersThatRan = (execution: ExecutionSummary) => processesThatRan(cluster.workers, execution.id);

describe('Create & Wait on workers', () => {
	test(`${ITEMS} items posted to a webhook processor run on one worker; every image equals the sandbox's`, async () => {
		const prompts = promptsFor('single');
		const [execution, ...others] = await newExecutions(workflowIds.batch, 1, async () => await postBatch(cluster.webhookProcessors[0], prompts));

		expect(others).toHaveLength(0);
		expect(execution.status).toBe('success');
		expect(workersThatRan(execution)).toHaveLength(1);
		expect(processesThatRan([main, ...cluster.webhookProcessors], execution.id)).toHaveLength(0);
		const items = (await executionDetails(main, apiKey, execution.id)).items(LIANGXIN);
		expect(items.map((item) => (item.json.input as { prompt: string }).prompt)).toEqual(prompts);
		expect(items.every((item) => item.json.status === 'success')).toBe(true);
		await expectImagesFromSandbox(items);
		expect(new Set(items.map((item) => item.json.taskId)).size).toBe(ITEMS);
		expect(sandbox.tasks.size).toBe(ITEMS);
		expect(sandbox.createCalls()).toHaveLength(ITEMS);
		counts.single = { executions: 1, items: items.length, tasks: sandbox.tasks.size, worker: workersThatRan(execution)[0].logFile };
	}, 240_000);

	test(`4 executions of ${ITEMS} items at once, over both workers, under the create limit: 0 lost, 0 duplicate tasks`, async () => {
		sandbox.configure({ createRateLimit: CREATE_LIMIT });
		const batches = ['burst-a', 'burst-b', 'burst-c', 'burst-d'].map(promptsFor);
		const executions = await newExecutions(workflowIds.batch, batches.length, async () => {
			await Promise.all(batches.map(async (prompts, index) => await postBatch(cluster.webhookProcessors[index % 2], prompts)));
		}, 420_000);

		expect(executions).toHaveLength(batches.length);
		expect(executions.map((execution) => execution.status)).toEqual(batches.map(() => 'success'));
		const ranOn = executions.map(workersThatRan);
		expect(ranOn.every((workers) => workers.length === 1)).toBe(true);
		expect(new Set(ranOn.flat()).size).toBe(cluster.workers.length);

		const outputs = await Promise.all(executions.map(async (execution) => (await executionDetails(main, apiKey, execution.id)).items(LIANGXIN)));
		const outputPrompts = outputs.map((items) => items.map((item) => (item.json.input as { prompt: string }).prompt));
		expect(outputPrompts.sort((a, b) => a[0].localeCompare(b[0]))).toEqual(batches);
		const taskIds = outputs.flat().map((item) => item.json.taskId as string);
		expect(new Set(taskIds).size).toBe(batches.length * ITEMS);
		const createdPrompts = [...sandbox.tasks.values()].map((task) => task.body.input.prompt as string);
		expect(createdPrompts.sort()).toEqual(batches.flat().sort()); // each prompt created exactly once

		const creates = sandbox.createCalls();
		const answered429 = creates.filter((call) => call.status === 429).length;
		expect(creates.filter((call) => call.status === 200)).toHaveLength(batches.length * ITEMS);
		expect(creates).toHaveLength(batches.length * ITEMS + answered429);
		console.log(`4 concurrent executions: ${creates.length} createTask calls, ${answered429} answered 429, all retried`);
		counts.concurrent = { executions: executions.length, items: taskIds.length, tasks: sandbox.tasks.size, createCalls: creates.length, answered429 };
	}, 480_000);
});

describe('LiangXin Trigger behind two webhook processors', () => {
	/** Tasks created straight on the sandbox, finished, with the body LiangXin POSTs for each (= recordInfo). */
	async function finishedTasks(prompts: string[]) {
		const headers = { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' };
		const tasks = await Promise.all(
			prompts.map(async (prompt) => {
				const created = await fetch(`${sandbox.baseUrl}/api/v1/jobs/createTask`, {
					method: 'POST',
					headers,
					body: JSON.stringify({ model: 'nano-banana-pro', input: { prompt } }),
				});
				return ((await created.json()) as { data: { taskId: string } }).data.taskId;
			}),
		);
		while (tasks.some((taskId) => !['success', 'fail'].includes(sandbox.taskState(taskId)!))) {
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
		return await Promise.all(
			tasks.map(async (taskId) => {
				const record = await fetch(`${sandbox.baseUrl}/api/v1/jobs/recordInfo?taskId=${taskId}`, { headers });
				const body = (await record.json()) as { data: { state: string } };
				return { key: `${taskId}:${body.data.state}`, body };
			}),
		);
	}

	const callbackUrl = (processor: N8nInstance) => `${processor.baseUrl}/${CALLBACK_PATH}?token=${TOKEN}`;

	/**
	 * Delivers each body to each processor in `targets` at the same moment, as LiangXin would (JSON
	 * POST); returns each answer with how long it took.
	 */
	async function deliverAll(bodies: unknown[], targets: N8nInstance[]) {
		const deliveries = bodies.flatMap((body) => targets.map((processor) => ({ processor, body })));
		return await Promise.all(
			deliveries.map(async ({ processor, body }) => {
				const sentAt = Date.now();
				const response = await fetch(callbackUrl(processor), {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
					signal: AbortSignal.timeout(90_000),
				});
				return { status: response.status, text: await response.text(), ms: Date.now() - sentAt };
			}),
		);
	}

	const startedNothing = (answer: { text: string }) => /"duplicate delivery"/.test(answer.text);

	test('every callback delivered to both processors at once: the downstream runs exactly once per task and state', async () => {
		const tasks = await finishedTasks([
			...Array.from({ length: 6 }, (_, index) => `queue callback #${index}: a kite`),
			'[fail] queue callback: a doomed kite',
			'[fail] queue callback: another doomed kite',
		]);
		let answers: Awaited<ReturnType<typeof deliverAll>> = [];
		const executions = await newExecutions(workflowIds.onImageReady, tasks.length, async () => {
			answers = await deliverAll(tasks.map((task) => task.body), cluster.webhookProcessors);
		});

		const details = await Promise.all(executions.map(async (execution) => await executionDetails(main, apiKey, execution.id)));
		const handled = receiver.bodies.map((body) => `${body.taskId}:${body.status}`);
		counts.triggerTwoProcessors = {
			tasks: tasks.length,
			deliveries: answers.length,
			answers: answers.map((answer) => `${answer.status} in ${answer.ms} ms: ${answer.text}`),
			executions: executions.map((execution) => execution.status),
			stoppedByTrigger: answers.filter(startedNothing).length,
			stoppedByClaim: details.filter((execution) => !execution.ran(DOWNSTREAM)).length,
			downstreamRuns: handled.length,
		};
		console.log(`trigger, ${tasks.length} tasks × 2 processors: ${JSON.stringify(counts.triggerTwoProcessors, null, 2)}`);

		expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
		expect(executions.every((execution) => execution.status === 'success')).toBe(true);
		// The trigger alone: one execution per copy that reached a process without this delivery claimed.
		expect(executions.length).toBeGreaterThanOrEqual(tasks.length);
		expect(executions.length).toBeLessThanOrEqual(2 * tasks.length);
		expect(details.every((execution) => execution.ran(CLAIM))).toBe(true);
		expect(details.filter((execution) => execution.ran(DOWNSTREAM))).toHaveLength(tasks.length);
		expect(handled.sort()).toEqual(tasks.map((task) => task.key).sort());
	}, 240_000);

	test('two copies reaching the same processor at once start one execution (the trigger alone)', async () => {
		const [task] = await finishedTasks(['queue callback: one processor, two copies']);
		let answers: Awaited<ReturnType<typeof deliverAll>> = [];
		let again: Awaited<ReturnType<typeof deliverAll>>[number] | undefined;
		const processor = cluster.webhookProcessors[1];
		const before = (await executionsOf(main, workflowIds.onImageReady)).length;
		const executions = await newExecutions(workflowIds.onImageReady, 1, async () => {
			answers = await deliverAll([task.body, task.body], [processor]);
			// LiangXin delivers again what was answered 503: by then a repeat, acknowledged, starting nothing.
			[again] = await deliverAll([task.body], [processor]);
		});
		await sleep(3000);

		// The copy that finds the first in flight is answered 503, or 200 "duplicate delivery" when the
		// first was already done.
		const started = answers.filter((answer) => answer.status === 200 && !startedNothing(answer));
		const refused = answers.filter((answer) => answer.status === 503 || startedNothing(answer));
		expect([started.length, refused.length]).toEqual([1, 1]);
		expect(again?.status).toBe(200);
		expect(startedNothing(again!)).toBe(true);
		expect(executions).toHaveLength(1);
		expect(await executionsOf(main, workflowIds.onImageReady)).toHaveLength(before + 1);
		expect(receiver.bodies.map((body) => `${body.taskId}:${body.status}`)).toEqual([task.key]);
	}, 120_000);
});
