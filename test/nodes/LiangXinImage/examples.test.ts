import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { runImage, useSandbox } from '../../helpers/liangxin';

// About what the node outputs, not when it polls: its poll schedule runs on a faster clock.
jest.mock('../../../nodes/shared/tasks/polling', () => jest.requireActual('../../helpers/pollTimeScale').scaledPolling());

/** The LiangXin Image node's parameters as the example workflows of an earlier release saved them (copies under test/fixtures/saved-workflows). */
function savedParameters(file: string): INodeParameters {
	const workflow = JSON.parse(readFileSync(join(__dirname, '../../fixtures/saved-workflows', file), 'utf8')) as {
		nodes: Array<{ type: string; parameters: INodeParameters }>;
	};
	return workflow.nodes.find((node) => node.type === 'n8n-nodes-liangxin.liangXinImage')!.parameters;
}

describe('saved LiangXin Image workflows run against the sandbox unchanged', () => {
	const sandbox = useSandbox({ taskDurationMs: 200 });

	it.each([
		[
			'image-typed-model.json',
			{
				model: 'flux-2-pro',
				input: {
					prompt: 'A product shot of a ceramic mug on linen, soft window light',
					width: 1024,
					height: 768,
					seed: 42,
					prompt_upsampling: true,
				},
			},
		],
		[
			'image-json-input-model.json',
			{
				model: 'seedream-v5-lite',
				input: {
					aspect_ratio: '9:16',
					prompt: 'A clean mobile wallpaper of a glowing forest at midnight, soft mist, high detail',
				},
			},
		],
	])('%s sends its documented request and returns the image', async (file, body) => {
		const result = await runImage(sandbox(), { parameters: savedParameters(file) });
		expect(result.error).toBeUndefined();
		expect(sandbox().createCalls().map((call) => call.body)).toEqual([body]);
		const taskId = String(result.output[0].json.taskId);
		expect((await result.binary(0)).equals(await sandbox().imageBytes(taskId))).toBe(true);
	});
});
