import type { CaseTable } from './case';
import { bodiesOf, golden, invalid, JPEG_URL, PNG_DATA_URI, PNG_URL, valid } from './case';

// https://docs.liangxin.ai/34592186e0
const body = bodiesOf('flux-2-pro');
const PROMPT = 'A product shot of a ceramic mug on linen';
const with_ = (input: Record<string, unknown>) => body({ prompt: PROMPT, ...input });
const RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9'];

export const flux2Pro: CaseTable = {
	model: 'flux-2-pro',
	cases: [
		golden('the minimal request: model and prompt (1024 x 768)', body({ prompt: PROMPT })),
		golden(
			'every documented field, with explicit dimensions',
			with_({
				width: 1440,
				height: 256,
				input_image: PNG_URL,
				input_image_2: JPEG_URL,
				reference_images: [PNG_URL, PNG_DATA_URI],
				seed: 3,
				prompt_upsampling: true,
			}),
		),
		golden('an aspect ratio instead of dimensions, and 4 single reference images', with_({
			aspect_ratio: '21:9',
			input_image: PNG_URL,
			input_image_2: PNG_URL,
			input_image_3: JPEG_URL,
			input_image_4: PNG_DATA_URI,
		})),
		valid('the smallest and largest sides', with_({ width: 256, height: 1440 })),
		...RATIOS.map((aspect_ratio) => valid(`aspect ratio ${aspect_ratio}`, with_({ aspect_ratio }))),
		valid('4 images in reference_images alone', with_({ reference_images: [PNG_URL, PNG_URL, PNG_URL, PNG_URL] })),
		valid('input_image_3 without the first two', with_({ input_image_3: PNG_URL })),
		valid('dimensions and an aspect ratio together (precedence undocumented)', with_({ width: 512, height: 512, aspect_ratio: '16:9' })),

		invalid('an empty prompt', body({ prompt: '' }), 'input.prompt'),
		invalid('width without height', with_({ width: 512 }), 'input.height'),
		invalid('height without width', with_({ height: 512 }), 'input.width'),
		invalid('width 255', with_({ width: 255, height: 512 }), 'input.width'),
		invalid('height 1441', with_({ width: 512, height: 1441 }), 'input.height'),
		invalid('a fractional width', with_({ width: 512.5, height: 512 }), 'input.width'),
		invalid('width as text', with_({ width: '512', height: 512 }), 'input.width'),
		invalid('aspect ratio 5:4 (not listed)', with_({ aspect_ratio: '5:4' }), 'input.aspect_ratio'),
		invalid('5 images in reference_images', with_({ reference_images: [PNG_URL, PNG_URL, PNG_URL, PNG_URL, PNG_URL] }), 'input.reference_images'),
		invalid(
			'5 images across input_image* and reference_images',
			with_({ input_image: PNG_URL, input_image_2: PNG_URL, input_image_3: PNG_URL, reference_images: [PNG_URL, PNG_URL] }),
			'input.reference_images',
		),
		invalid('reference_images that is not a list', with_({ reference_images: PNG_URL }), 'input.reference_images'),
		invalid('input_image that is not text', with_({ input_image: 5 }), 'input.input_image'),
		invalid('a fractional seed', with_({ seed: 1.5 }), 'input.seed'),
		invalid('prompt upsampling as text', with_({ prompt_upsampling: 'yes' }), 'input.prompt_upsampling'),
	],
};
