import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import type { INodeParameters } from 'n8n-workflow';

import { prompts, runNanoBanana, useSandbox } from '../../helpers/liangxin';

// About what the node outputs, not when it polls: its poll schedule runs on a faster clock.
jest.mock('../../../nodes/shared/tasks/polling', () => jest.requireActual('../../helpers/pollTimeScale').scaledPolling());

/**
 * The Nano Banana Pro node as workflows saved by earlier releases store it: copies kept under
 * test/fixtures/saved-workflows, so that a change to the node or to examples/ cannot rewrite them.
 */
function savedNodes(file: string): Record<string, { parameters: INodeParameters; typeVersion: number }> {
	const saved = JSON.parse(readFileSync(join(__dirname, '../../fixtures/saved-workflows', file), 'utf8')) as {
		nodes: Array<{ name: string; type: string; typeVersion: number; parameters: INodeParameters }>;
	};
	const nodes = saved.nodes.filter((node) => node.type === 'n8n-nodes-liangxin.liangXinNanoBananaPro');
	return Object.fromEntries(nodes.map(({ name, parameters, typeVersion }) => [name, { parameters, typeVersion }]));
}

describe('workflows saved with the Nano Banana Pro node load and run unchanged', () => {
	const sandbox = useSandbox({ taskDurationMs: 200 });

	it('the demo sends the same request and returns the image', async () => {
		const node = savedNodes('nano-banana-pro-demo.json')['LiangXin Nano Banana Pro'];
		const result = await runNanoBanana(sandbox(), { ...node, items: prompts('a watercolor fox') });
		expect(result.error).toBeUndefined();
		expect(sandbox().createCalls().map((call) => call.body)).toEqual([
			{ model: 'nano-banana-pro', input: { prompt: 'a watercolor fox', aspect_ratio: '1:1', resolution: '1K' } },
		]);
		const taskId = String(result.output[0].json.taskId);
		expect((await result.binary(0)).equals(await sandbox().imageBytes(taskId))).toBe(true);
	});

	it('every parameter and option keeps its name and its meaning', async () => {
		const node = savedNodes('nano-banana-pro-every-parameter.json')['LiangXin Nano Banana Pro'];
		const result = await runNanoBanana(sandbox(), { ...node, items: [{ json: {} }] });
		expect(result.error).toBeUndefined();
		expect(sandbox().createCalls().map((call) => call.body)).toEqual([
			{
				model: 'nano-banana-pro',
				input: {
					prompt: 'A lighthouse at dawn in the style of the reference',
					image_input: ['https://example.com/lighthouse.png'],
					reference_images: ['https://example.com/style-1.webp', 'https://example.com/style-2.jpg'],
					aspect_ratio: '16:9',
					resolution: '4K',
					output_format: 'png',
				},
			},
		]);
		const [item] = result.output;
		expect(item.json.raw).toBeDefined();
		expect(Object.keys(item.binary ?? {})).toEqual(['image']);
		expect((await result.binary(0, 'image')).equals(await sandbox().imageBytes(String(item.json.taskId)))).toBe(true);
	});

	it('Create Task then Get Task (create-then-get.json) create one task and fetch its image', async () => {
		const nodes = savedNodes('create-then-get.json');
		const created = await runNanoBanana(sandbox(), nodes['Create Task']);
		expect(created.error).toBeUndefined();
		expect(sandbox().createCalls().map((call) => call.body)).toEqual([
			{
				model: 'nano-banana-pro',
				input: { prompt: 'A paper boat sailing on a rain puddle, macro photo, shallow depth of field', aspect_ratio: '16:9', resolution: '1K' },
			},
		]);
		const taskId = String(created.output[0].json.taskId);
		// The saved workflow's Wait node: until the task is done.
		while (sandbox().taskState(taskId) !== 'success') await sleep(20);
		const fetched = await runNanoBanana(sandbox(), { ...nodes['Get Task'], items: [{ json: { taskId } }] });
		expect(fetched.error).toBeUndefined();
		expect(fetched.output[0].json).toMatchObject({ taskId, status: 'success' });
		expect((await fetched.binary(0)).equals(await sandbox().imageBytes(taskId))).toBe(true);
	});
});
