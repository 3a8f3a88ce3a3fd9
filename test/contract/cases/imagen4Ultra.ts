import type { CaseTable } from './case';
import { bodiesOf, golden, invalid, valid } from './case';

// https://docs.liangxin.ai/34592185e0
const body = bodiesOf('imagen4-ultra');
const PROMPT = 'A lighthouse on a cliff at dawn';
const with_ = (input: Record<string, unknown>) => body({ prompt: PROMPT, ...input });
const listed = {
	aspect_ratio: ['square_1_1', 'social_story_9_16', 'widescreen_16_9', 'traditional_3_4', 'classic_4_3', '1:1', '9:16', '16:9', '3:4', '4:3'],
	person_generation: ['dont_allow', 'allow_adult', 'allow_all'],
	safety_settings: ['block_low_and_above', 'block_medium_and_above', 'block_only_high', 'block_none'],
	language: ['auto', 'en', 'zh', 'zh-CN', 'hi', 'ja', 'ko', 'pt', 'es'],
	output_format: ['png', 'jpeg', 'jpg', 'image/png', 'image/jpeg'],
};

export const imagen4Ultra: CaseTable = {
	model: 'imagen4-ultra',
	cases: [
		golden('the minimal request: model and prompt', body({ prompt: PROMPT })),
		golden(
			'every documented field',
			with_({
				aspect_ratio: 'social_story_9_16',
				person_generation: 'allow_adult',
				safety_settings: 'block_only_high',
				seed: 1,
				enhance_prompt: true,
				language: 'zh-CN',
				output_format: 'jpeg',
				compression_quality: 85,
			}),
		),
		...Object.entries(listed).flatMap(([field, values]) =>
			values.map((value) => valid(`${field} ${value}`, with_({ [field]: value }))),
		),
		valid('compression quality 1', with_({ compression_quality: 1 })),
		valid('compression quality 100', with_({ compression_quality: 100 })),

		invalid('an empty prompt', body({ prompt: '' }), 'input.prompt'),
		invalid('seed 0', with_({ seed: 0 }), 'input.seed'),
		invalid('a negative seed', with_({ seed: -5 }), 'input.seed'),
		invalid('a fractional seed', with_({ seed: 1.5 }), 'input.seed'),
		invalid('compression quality 0', with_({ compression_quality: 0 }), 'input.compression_quality'),
		invalid('compression quality 101', with_({ compression_quality: 101 }), 'input.compression_quality'),
		invalid('a fractional compression quality', with_({ compression_quality: 50.5 }), 'input.compression_quality'),
		invalid('aspect ratio 21:9 (not listed for Imagen)', with_({ aspect_ratio: '21:9' }), 'input.aspect_ratio'),
		invalid('person generation "allow"', with_({ person_generation: 'allow' }), 'input.person_generation'),
		invalid('safety setting "block_all"', with_({ safety_settings: 'block_all' }), 'input.safety_settings'),
		invalid('language fr', with_({ language: 'fr' }), 'input.language'),
		invalid('output format webp', with_({ output_format: 'webp' }), 'input.output_format'),
		invalid('enhance prompt as text', with_({ enhance_prompt: 'true' }), 'input.enhance_prompt'),
	],
};
