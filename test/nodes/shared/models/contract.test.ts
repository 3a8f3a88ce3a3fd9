import { describeIssues, MODEL_CONTRACTS, requestSchemaOf } from '../../../../nodes/shared/models';
import type { ModelContract } from '../../../../nodes/shared/models';

const contract = (model: string): ModelContract => {
	const found = MODEL_CONTRACTS.find((candidate) => candidate.model === model);
	if (!found) throw new Error(`no contract for ${model}`);
	return found;
};

function problems(model: string, input: unknown): string[] {
	const parsed = requestSchemaOf(contract(model)).safeParse({ model, input });
	return parsed.success ? [] : describeIssues(contract(model), parsed.error);
}

describe('the model registry', () => {
	it('lists the ten documented image models once each', () => {
		expect(MODEL_CONTRACTS.map((entry) => entry.model)).toEqual([
			'nano-banana-pro',
			'nano-banana-pro-flash',
			'seedream-v4-5',
			'seedream-v4-5-edit',
			'seedream-v5-lite',
			'z-image',
			'gemini-2.5-flash-image-preview',
			'imagen4-fast',
			'imagen4-ultra',
			'flux-2-pro',
		]);
	});

	it('describes every field of a typed model, and only the prompt of a JSON-input model', () => {
		for (const entry of MODEL_CONTRACTS) {
			expect(entry.fields[0]).toMatchObject({ name: 'prompt', required: true });
			if (entry.kind === 'json') expect(entry.fields).toHaveLength(1);
			for (const field of entry.fields) expect(field.label).toMatch(/^[A-Z]/);
		}
	});
});

describe('error messages name the field the user sees, the API field and the rule', () => {
	it.each<[string, Record<string, unknown>, string]>([
		['flux-2-pro', { width: 100, height: 300 }, 'Width (input.width) must be a whole number from 256 to 1440 (got 100)'],
		['flux-2-pro', { width: 512 }, 'Height (input.height) is required when input.width is sent: send both or neither'],
		[
			'flux-2-pro',
			{ input_image: 'https://x.io/1.png', reference_images: ['a', 'b', 'c', 'd'] },
			'More Reference Images (URLs) (input.reference_images) together with input.input_image, input.input_image_2, ' +
				'input.input_image_3, input.input_image_4 must hold at most 4 images (got 5)',
		],
		['imagen4-ultra', { seed: 0 }, 'Seed (input.seed) must be a whole number of at least 1 (got 0)'],
		['imagen4-ultra', { compression_quality: 50.5 }, 'Compression Quality (input.compression_quality) must be a whole number from 1 to 100 (got 50.5)'],
		['imagen4-ultra', { language: 'fr' }, 'Language (input.language) must be one of auto, en, zh, zh-CN, hi, ja, ko, pt, es (got "fr")'],
		['nano-banana-pro-flash', { use_google_search_tool: 'yes' }, 'Use Google Search (input.use_google_search_tool) must be true or false (got "yes")'],
		['seedream-v4-5', { prompt: '' }, 'Prompt (input.prompt) must not be empty'],
		['z-image', { seed: '7' }, 'Seed (input.seed) must be a whole number (got "7")'],
	])('%s %j', (model, input, message) => {
		expect(problems(model, { prompt: 'a red fox', ...input })).toEqual([message]);
	});

	it('says what a JSON-input model needs when Input Fields is not an object', () => {
		expect(problems('imagen4-fast', ['a red fox'])).toEqual(['Model Settings (JSON) (input) must be a JSON object (got a list)']);
		expect(problems('imagen4-fast', {})).toEqual(['Prompt (input.prompt) is required']);
	});

	it('keeps the fields of a JSON-input model as given', () => {
		const parsed = requestSchemaOf(contract('seedream-v4-5-edit')).parse({
			model: 'seedream-v4-5-edit',
			input: { prompt: 'a poster', image_urls: ['https://x.io/a.png'], strength: 0.4 },
		});
		expect(parsed.input).toEqual({ prompt: 'a poster', image_urls: ['https://x.io/a.png'], strength: 0.4 });
	});
});
