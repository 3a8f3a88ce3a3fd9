import type { CaseTable } from './case';
import { bodiesOf, golden, invalid, valid } from './case';

// https://docs.liangxin.ai/34592180e0 (table) and https://docs.liangxin.ai/market/z-image (example)
const body = bodiesOf('z-image');
const PROMPT = 'Generate a photorealistic image of a cafe terrace in Paris';

export const zImage: CaseTable = {
	model: 'z-image',
	cases: [
		golden('the minimal request: model and prompt', body({ prompt: PROMPT })),
		golden("the market page's example", body({ prompt: PROMPT, image_size: 'square_hd', seed: 12345 })),
		golden(
			'every documented field',
			body({
				prompt: PROMPT,
				image_size: 'square_hd',
				aspect_ratio: '16:9',
				seed: 7,
				num_inference_steps: 8,
				output_format: 'png',
				enable_safety_checker: true,
			}),
		),
		valid('any image size name (passed to the upstream unchecked)', body({ prompt: PROMPT, image_size: 'landscape_16_9' })),
		valid('any aspect ratio text (the list is not given)', body({ prompt: PROMPT, aspect_ratio: '5:4' })),

		invalid('an empty prompt', body({ prompt: '' }), 'input.prompt'),
		invalid('an image size that is not text', body({ prompt: PROMPT, image_size: 1024 }), 'input.image_size'),
		invalid('a fractional seed', body({ prompt: PROMPT, seed: 1.5 }), 'input.seed'),
		invalid('inference steps as text', body({ prompt: PROMPT, num_inference_steps: '8' }), 'input.num_inference_steps'),
		invalid('an output format that is not text', body({ prompt: PROMPT, output_format: 1 }), 'input.output_format'),
		invalid('the safety checker as text', body({ prompt: PROMPT, enable_safety_checker: 'yes' }), 'input.enable_safety_checker'),
	],
};
