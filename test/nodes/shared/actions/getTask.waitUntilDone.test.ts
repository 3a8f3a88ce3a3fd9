import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { prompts, runImage, runNanoBanana, useSandbox } from '../../../helpers/liangxin';

// About what the node outputs, not when it polls: its poll schedule runs on a faster clock.
jest.mock('../../../../nodes/shared/tasks/polling', () => jest.requireActual('../../../helpers/pollTimeScale').scaledPolling());

const getTaskUntilDone = (options: INodeParameters = {}): INodeParameters => ({
	operation: 'getTask',
	taskId: '={{ $json.taskId }}',
	waitUntilDone: true,
	options: { downloadImages: true, ...options },
});

describe('Get Task with Wait Until Done', () => {
	/** Long enough for a task to be still running when the next run first asks about it. */
	const taskMs = 1500;
	const sandbox = useSandbox({ taskDurationMs: taskMs });

	/** Creates a task per prompt with Create Task; its items carry the task IDs, like Max Wait Reached items do. */
	async function createdTasks(...texts: string[]): Promise<INodeExecutionData[]> {
		const created = await runNanoBanana(sandbox(), {
			parameters: { operation: 'createTask', prompt: '={{ $json.prompt }}' },
			items: prompts(...texts),
		});
		return created.output.map(({ json }) => ({ json: { maxWaitReached: true, taskId: json.taskId } }));
	}

	test('waits for running tasks and outputs each finished one with its images, in order, paired', async () => {
		const items = await createdTasks('a slow kite', 'a slow door');
		const result = await runNanoBanana(sandbox(), { parameters: getTaskUntilDone(), items });
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => [item.json.taskId, item.json.status, item.pairedItem])).toEqual([
			[items[0].json.taskId, 'success', { item: 0 }],
			[items[1].json.taskId, 'success', { item: 1 }],
		]);
		for (const [index, item] of items.entries()) {
			expect((await result.binary(index)).equals(await sandbox().imageBytes(item.json.taskId as string))).toBe(true);
		}
	});

	test('asks once about a task that is already done', async () => {
		const items = await createdTasks('an early bird');
		await new Promise((resolve) => setTimeout(resolve, taskMs + 200));
		const result = await runNanoBanana(sandbox(), { parameters: getTaskUntilDone(), items });
		expect(result.output[0].json).toMatchObject({ taskId: items[0].json.taskId, status: 'success' });
		expect(sandbox().recordInfoCalls()).toHaveLength(1);
	});

	test('a failed task follows On Error: an error naming it, or with Continue an error item carrying its ID', async () => {
		const items = await createdTasks('a [fail] picture');
		const taskId = items[0].json.taskId as string;
		const stopped = await runNanoBanana(sandbox(), { parameters: getTaskUntilDone(), items });
		expect(stopped.error?.message).toContain(`LiangXin task ${taskId} failed`);

		const continued = await runNanoBanana(sandbox(), { parameters: getTaskUntilDone(), items, continueOnFail: true });
		expect(continued.output).toEqual([
			{ json: { error: expect.stringContaining(`LiangXin task ${taskId} failed`), taskId, errorDescription: expect.any(String) }, pairedItem: { item: 0 } },
		]);
	});

	test('a task still running at Max Wait is an error naming it and saying it may still finish', async () => {
		const items = await createdTasks('a [slow] one');
		const result = await runNanoBanana(sandbox(), { parameters: getTaskUntilDone({ maxWaitMinutes: 0.05 }), items, continueOnFail: true });
		expect(result.output[0].json).toMatchObject({
			taskId: items[0].json.taskId,
			error: expect.stringMatching(/is still \w+ after 3 s$/),
			errorDescription: expect.stringContaining('may still finish'),
		});
	});

	test('a bad Max Wait is refused before any request', async () => {
		const result = await runNanoBanana(sandbox(), {
			parameters: getTaskUntilDone({ maxWaitMinutes: 0 }),
			items: [{ json: { taskId: 'task_nano-banana-pro_1777600000000' } }],
		});
		expect(result.error?.message).toBe('Item 0: Max Wait (Minutes) must be a number from 0.05 to 10080 (got 0)');
		expect(sandbox().log).toHaveLength(0);
	});

	test('without it, Get Task answers at once with the running task, as before', async () => {
		const items = await createdTasks('a quick look');
		const result = await runNanoBanana(sandbox(), { parameters: { ...getTaskUntilDone(), waitUntilDone: false }, items });
		expect(result.output[0].json).toMatchObject({ taskId: items[0].json.taskId, status: 'pending' });
	});

	test('the LiangXin Image node has it too', async () => {
		const items = await createdTasks('an image node kite');
		const result = await runImage(sandbox(), { parameters: getTaskUntilDone(), items });
		expect(result.output[0].json).toMatchObject({ taskId: items[0].json.taskId, status: 'success' });
		expect((await result.binary(0)).equals(await sandbox().imageBytes(items[0].json.taskId as string))).toBe(true);
	});
});
