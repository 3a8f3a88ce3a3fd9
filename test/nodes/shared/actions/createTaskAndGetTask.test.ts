import { runNanoBanana, useSandbox } from '../../../helpers/liangxin';

describe('Create Task, then Get Task', () => {
	const sandbox = useSandbox({ taskDurationMs: 200 });

	it('Create Task answers at once with the task ID and the request it sent', async () => {
		const result = await runNanoBanana(sandbox(), {
			parameters: {
				operation: 'createTask',
				prompt: 'a paper boat',
				aspectRatio: '9:16',
				resolution: '4K',
				imageInputUrls: 'https://cdn.example.com/boat.jpg',
				options: { outputFormat: 'png', callbackUrl: 'https://n8n.example.com/webhook/liangxin' },
			},
		});
		const [call] = sandbox().createCalls();
		const sent = {
			model: 'nano-banana-pro',
			callBackUrl: 'https://n8n.example.com/webhook/liangxin',
			input: {
				prompt: 'a paper boat',
				image_input: ['https://cdn.example.com/boat.jpg'],
				aspect_ratio: '9:16',
				resolution: '4K',
				output_format: 'png',
			},
		};
		expect(call.body).toEqual(sent);
		expect(result.output).toEqual([{ json: { taskId: call.taskId, model: 'nano-banana-pro', request: sent }, pairedItem: { item: 0 } }]);
		expect(sandbox().recordInfoCalls()).toHaveLength(0);
	});

	it('Create Task adds the raw answer when asked', async () => {
		const result = await runNanoBanana(sandbox(), {
			parameters: { operation: 'createTask', prompt: 'raw please', options: { includeRaw: true } },
		});
		const taskId = sandbox().createCalls()[0].taskId;
		expect(result.output[0].json.raw).toEqual({ code: 200, msg: 'success', data: { taskId } });
	});

	it('Get Task reports a pending task, then the finished one with its images', async () => {
		sandbox().configure({ taskDurationMs: 1500 });
		const created = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt: 'a kite' } });
		const taskId = String(created.output[0].json.taskId);
		const getTask = { operation: 'getTask', taskId: '={{ $json.taskId }}' };

		const pending = await runNanoBanana(sandbox(), { parameters: getTask, items: created.output });
		expect(pending.output[0].json).toMatchObject({ taskId, status: 'pending', imageUrls: [] });
		expect(['waiting', 'queuing', 'generating']).toContain(pending.output[0].json.state);

		await new Promise((resolve) => setTimeout(resolve, 1600));
		const done = await runNanoBanana(sandbox(), {
			parameters: { ...getTask, options: { downloadImages: true, includeRaw: true } },
			items: created.output,
		});
		expect(done.output[0].json).toMatchObject({ taskId, state: 'success', status: 'success', input: { prompt: 'a kite' } });
		expect(done.output[0].json.raw).toMatchObject({ code: 200, data: { taskId } });
		expect((await done.binary(0, 'data')).equals(await sandbox().imageBytes(taskId))).toBe(true);
		expect(sandbox().recordInfoCalls().map((call) => call.query.taskId)).toEqual([taskId, taskId]);
	});

	it('Get Task names the task the API does not know', async () => {
		const result = await runNanoBanana(sandbox(), { parameters: { operation: 'getTask', taskId: 'task_nano-banana-pro_1' } });
		expect(result.error?.message).toMatch(/^LiangXin API error \d{3} for task task_nano-banana-pro_1: /);
	});

	it('Get Task requires a task ID and sends nothing without one', async () => {
		const result = await runNanoBanana(sandbox(), { parameters: { operation: 'getTask', taskId: ' ' } });
		expect(result.error?.message).toBe('Item 0: Task ID is required');
		expect(sandbox().log).toHaveLength(0);
	});

	it('accepts a Base URL typed with a trailing /api/v1/', async () => {
		const result = await runNanoBanana(sandbox(), {
			parameters: { operation: 'createTask', prompt: 'a trailing slash' },
			baseUrl: `${sandbox().baseUrl}/api/v1/`,
		});
		expect(result.error).toBeUndefined();
		expect(sandbox().createCalls()).toHaveLength(1);
	});
});
