import type { INodeParameters, INodeProperties } from 'n8n-workflow';

import { LiangXinImage } from '../../../nodes/LiangXinImage/LiangXinImage.node';
import { runImage, useSandbox } from '../../helpers/liangxin';

/**
 * A model setting added in the editor is stored at its default: what the request then carries. Only
 * LiangXin's documented defaults are sent (liangxin-market.md §5; switches, which have no empty
 * state, go as off); every other setting starts empty and is left out. Numbers are checked against
 * their documented range before anything is sent.
 */

/** The Model Settings of `model` with every setting added and left as the editor adds it. */
function everySettingAdded(model: string): INodeParameters {
	const collection = new LiangXinImage().description.properties.find(
		(property) => property.type === 'collection' && property.displayOptions?.show?.model?.includes(model),
	)!;
	const settings = collection.options as INodeProperties[];
	return { [collection.name]: Object.fromEntries(settings.map((setting) => [setting.name, setting.default])) };
}

const PROMPT = 'A lighthouse at dawn, watercolor';

const SENT_WHEN_ALL_ADDED: Array<[string, Record<string, unknown>]> = [
	['nano-banana-pro', { aspect_ratio: '1:1', resolution: '2K' }],
	['nano-banana-pro-flash', { aspect_ratio: '1:1', resolution: '1K', use_google_search_tool: false }],
	['seedream-v4-5', { aspect_ratio: 'square_1_1', enable_safety_checker: false }],
	['z-image', { image_size: 'square_hd', enable_safety_checker: false }],
	['imagen4-ultra', { aspect_ratio: 'square_1_1', enhance_prompt: false }],
	['flux-2-pro', { width: 1024, height: 768, prompt_upsampling: false }],
];

describe('LiangXin Image: model settings added and left at their defaults', () => {
	const sandbox = useSandbox({ taskDurationMs: 200 });

	it.each(SENT_WHEN_ALL_ADDED)('%s sends only what LiangXin documents as its default', async (model, sent) => {
		const result = await runImage(sandbox(), {
			parameters: { operation: 'createTask', model, prompt: PROMPT, ...everySettingAdded(model) },
		});
		expect(result.error).toBeUndefined();
		expect(sandbox().createCalls().map((call) => call.body)).toEqual([{ model, input: { prompt: PROMPT, ...sent } }]);
	});

	it.each([
		['imagen4-ultra', 'imagen4UltraFields', { compression_quality: 0 }, 'Compression Quality (input.compression_quality) must be a whole number from 1 to 100 (got 0)'],
		['imagen4-ultra', 'imagen4UltraFields', { compression_quality: 101 }, 'Compression Quality (input.compression_quality) must be a whole number from 1 to 100 (got 101)'],
		['imagen4-ultra', 'imagen4UltraFields', { seed: 0 }, 'Seed (input.seed) must be a whole number of at least 1 (got 0)'],
		['z-image', 'zImageFields', { num_inference_steps: 2.5 }, 'Inference Steps (input.num_inference_steps) must be a whole number (got 2.5)'],
		['flux-2-pro', 'flux2ProFields', { width: 2000, height: 768 }, 'Width (input.width) must be a whole number from 256 to 1440 (got 2000)'],
	])('%s: %s %j is refused before anything is sent', async (model, collection, settings, message) => {
		const result = await runImage(sandbox(), { parameters: { operation: 'createTask', model, prompt: PROMPT, [collection]: settings } });
		expect(result.error?.message).toBe(`Item 0: ${message}`);
		expect(sandbox().log).toHaveLength(0);
	});
});
