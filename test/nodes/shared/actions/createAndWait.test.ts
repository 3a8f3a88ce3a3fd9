import { createAndWait, prompts, runNanoBanana, useSandbox, visibleText } from '../../../helpers/liangxin';

// About what the node outputs, not when it polls: its poll schedule runs on a faster clock.
jest.mock('../../../../nodes/shared/tasks/polling', () => jest.requireActual('../../../helpers/pollTimeScale').scaledPolling());

describe('Create & Wait', () => {
	const sandbox = useSandbox({ taskDurationMs: 300 });

	it('returns each item its finished task with the image as an n8n binary file', async () => {
		const result = await runNanoBanana(sandbox(), {
			parameters: { ...createAndWait(), aspectRatio: '16:9', resolution: '1K' },
			items: prompts('a red fox', 'a blue whale'),
		});

		expect(result.error).toBeUndefined();
		expect(result.output).toHaveLength(2);
		const calls = sandbox().createCalls();
		expect(calls.map((call) => call.body)).toEqual([
			{ model: 'nano-banana-pro', input: { prompt: 'a red fox', aspect_ratio: '16:9', resolution: '1K' } },
			{ model: 'nano-banana-pro', input: { prompt: 'a blue whale', aspect_ratio: '16:9', resolution: '1K' } },
		]);
		for (const [index, item] of result.output.entries()) {
			const taskId = calls[index].taskId!;
			expect(item.pairedItem).toEqual({ item: index });
			expect(item.json).toMatchObject({
				taskId,
				model: 'nano-banana-pro',
				state: 'success',
				status: 'success',
				imageUrls: sandbox().tasks.get(taskId)!.resultUrls,
				input: { prompt: index === 0 ? 'a red fox' : 'a blue whale', aspect_ratio: '16:9' },
			});
			expect(item.binary?.data).toMatchObject({ fileName: `${taskId}-1.png`, mimeType: 'image/png' });
			expect((await result.binary(index, 'data')).equals(await sandbox().imageBytes(taskId))).toBe(true);
		}
	});

	it('names several images data, data_1, ... and can leave them as URLs only', async () => {
		const withImages = await runNanoBanana(sandbox(), {
			parameters: createAndWait('three [images=3]', { binaryPropertyPrefix: 'image' }),
		});
		expect(Object.keys(withImages.output[0].binary ?? {})).toEqual(['image', 'image_1', 'image_2']);
		const taskId = String(withImages.output[0].json.taskId);
		expect((await withImages.binary(0, 'image_2')).equals(await sandbox().imageBytes(taskId, 2))).toBe(true);

		sandbox().reset();
		const urlsOnly = await runNanoBanana(sandbox(), { parameters: createAndWait('no download', { downloadImages: false }) });
		expect(urlsOnly.output[0].binary).toBeUndefined();
		expect(urlsOnly.output[0].json.imageUrls).toHaveLength(1);
		expect(sandbox().imageCalls()).toHaveLength(0);
	});

	it('logs progress a person can follow, without the API key', async () => {
		const result = await runNanoBanana(sandbox(), { parameters: createAndWait('a lighthouse') });
		const taskId = String(result.output[0].json.taskId);
		expect(result.logs.join('\n')).toContain(`item 0 created task ${taskId}`);
		expect(result.logs.join('\n')).toContain(`task ${taskId} succeeded (1/1 done)`);
		expect(visibleText(result)).not.toContain(sandbox().apiKey);
	});

	it('reports a failed task with its ID, code and message', async () => {
		const result = await runNanoBanana(sandbox(), { parameters: createAndWait('a [fail] prompt') });
		const taskId = sandbox().createCalls()[0].taskId;
		expect(result.error?.message).toMatch(new RegExp(`^LiangXin task ${taskId} failed: 422 ${sandbox().tasks.get(taskId!)!.failMsg}\\. `));
	});

	it('with Continue On Fail, turns a failed task into an error item carrying the task ID', async () => {
		const result = await runNanoBanana(sandbox(), {
			parameters: createAndWait(),
			items: prompts('good one', 'a [fail] one', 'x', 'good two'),
			continueOnFail: true,
		});
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => item.pairedItem)).toEqual([0, 1, 2, 3].map((item) => ({ item })));
		expect(result.output[0].json.status).toBe('success');
		expect(result.output[1].json).toMatchObject({ taskId: sandbox().createCalls()[1].taskId });
		expect(String(result.output[1].json.error)).toMatch(/^LiangXin task \S+ failed: 422 /);
		expect(result.output[2].json.error).toBe('Item 2: Prompt (input.prompt) must be 2 to 3000 characters (got 1)');
		expect(result.output[3].json.status).toBe('success');
		expect(sandbox().createCalls()).toHaveLength(3);
	});

	it('a failing item names every task the execution created and did not deliver', async () => {
		const result = await runNanoBanana(sandbox(), {
			parameters: createAndWait(),
			items: prompts('a [fail] picture', 'a [slow] picture', 'another [slow] picture'),
		});
		const created = sandbox().createCalls().map((call) => call.taskId!);
		expect(created).toHaveLength(3);
		expect(result.error?.message).toMatch(new RegExp(`^LiangXin task ${created[0]} failed: 422 `));
		const error = result.error as Error & { description?: string; undeliveredTaskIds?: string[] };
		expect([...(error.undeliveredTaskIds ?? [])].sort()).toEqual([...created].sort());
		for (const taskId of created) expect(error.description).toContain(taskId);
		expect(error.description).toContain('This execution created 3 LiangXin tasks whose results are not delivered');
		expect(error.description).toContain('Get Generation');
		// The message itself says what to do; the IDs stay in the description and the field.
		expect(error.message).toContain(
			"This run created 3 LiangXin tasks whose results are not delivered: get them with Get Generation (their task IDs are in the details), or set this node's Settings > On Error to Continue",
		);
		for (const taskId of created.slice(1)) expect(error.message).not.toContain(taskId);
	}, 30_000);
});
