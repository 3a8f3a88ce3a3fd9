import { runImage, runNanoBanana, useSandbox } from '../../../helpers/liangxin';

/**
 * Version 1.1 of the image nodes moves settings on the panel: a Nano Banana model's Aspect Ratio and
 * Resolution on top of the LiangXin Image node, Callback URL and Output Format into Options. Each is
 * read where its version shows it, so a version 1 node saved before keeps sending what it sent.
 */

const PROMPT = 'A lighthouse at dawn, watercolor';
const sent = (sandbox: ReturnType<ReturnType<typeof useSandbox>>) => sandbox.createCalls().map((call) => call.body);

describe('settings where each version shows them', () => {
	const sandbox = useSandbox({ taskDurationMs: 200 });

	it('1.1: a Nano Banana model sends the Aspect Ratio and Resolution on the panel, at their defaults unless set', async () => {
		await runImage(sandbox(), { parameters: { operation: 'createTask', model: 'nano-banana-pro', prompt: PROMPT, aspectRatio: '16:9', resolution: '4K' } });
		await runImage(sandbox(), { parameters: { operation: 'createTask', model: 'nano-banana-pro', prompt: PROMPT } });
		await runImage(sandbox(), { parameters: { operation: 'createTask', model: 'nano-banana-pro-flash', prompt: PROMPT } });
		expect(sent(sandbox())).toEqual([
			{ model: 'nano-banana-pro', input: { prompt: PROMPT, aspect_ratio: '16:9', resolution: '4K' } },
			{ model: 'nano-banana-pro', input: { prompt: PROMPT, aspect_ratio: '1:1', resolution: '2K' } },
			{ model: 'nano-banana-pro-flash', input: { prompt: PROMPT, aspect_ratio: '1:1', resolution: '1K' } },
		]);
	});

	it('1: they come from the added Model Settings, and one not added is not sent', async () => {
		const parameters = { operation: 'createTask', model: 'nano-banana-pro', prompt: PROMPT, nanoBananaProFields: { aspect_ratio: '16:9' } };
		const result = await runImage(sandbox(), { parameters, typeVersion: 1 });
		expect(result.error).toBeUndefined();
		expect(sent(sandbox())).toEqual([{ model: 'nano-banana-pro', input: { prompt: PROMPT, aspect_ratio: '16:9' } }]);
	});

	it.each([
		['1.1', 1.1, { options: { callbackUrl: 'https://n8n.example.com/webhook/liangxin', outputFormat: 'png' } }],
		['1', 1, { callbackUrl: 'https://n8n.example.com/webhook/liangxin', outputFormat: 'png' }],
	])('%s: Callback URL and Output Format are read where the version keeps them', async (_version, typeVersion, where) => {
		const result = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt: PROMPT, ...where }, typeVersion });
		expect(result.error).toBeUndefined();
		expect(sent(sandbox())).toEqual([
			{
				model: 'nano-banana-pro',
				callBackUrl: 'https://n8n.example.com/webhook/liangxin',
				input: { prompt: PROMPT, aspect_ratio: '1:1', resolution: '2K', output_format: 'png' },
			},
		]);
	});
});
