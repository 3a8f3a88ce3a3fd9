import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { prompts, runNanoBanana, useSandbox } from '../../helpers/liangxin';

/** The Nano Banana Pro node as a workflow saved before the LiangXin Image node existed stores it. */
const saved = JSON.parse(readFileSync(join(__dirname, '../../../examples/nano-banana-pro-demo.json'), 'utf8')) as {
	nodes: Array<{ type: string; parameters: INodeParameters }>;
};
const node = saved.nodes.find((candidate) => candidate.type === 'n8n-nodes-liangxin.liangXinNanoBananaPro')!;

describe('a workflow saved with the Nano Banana Pro node loads and runs unchanged', () => {
	const sandbox = useSandbox({ taskDurationMs: 200 });

	it('sends the same request and returns the image (examples/nano-banana-pro-demo.json)', async () => {
		const result = await runNanoBanana(sandbox(), { parameters: node.parameters, items: prompts('a watercolor fox') });
		expect(result.error).toBeUndefined();
		expect(sandbox().createCalls().map((call) => call.body)).toEqual([
			{ model: 'nano-banana-pro', input: { prompt: 'a watercolor fox', aspect_ratio: '1:1', resolution: '1K' } },
		]);
		const taskId = String(result.output[0].json.taskId);
		expect((await result.binary(0)).equals(await sandbox().imageBytes(taskId))).toBe(true);
	});
});
