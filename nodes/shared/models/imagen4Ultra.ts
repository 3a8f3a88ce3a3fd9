import { z } from 'zod';

import { oneOf } from '../util/zodRules';
import { aspectRatioField, promptField, seedField } from './commonFields';
import type { ModelContract } from './contract';
import { flag, integer, nonEmptyPrompt } from './contract';

const ASPECT_RATIOS = [
	'square_1_1',
	'social_story_9_16',
	'widescreen_16_9',
	'traditional_3_4',
	'classic_4_3',
	'1:1',
	'9:16',
	'16:9',
	'3:4',
	'4:3',
] as const;
const PERSON_GENERATION = ['dont_allow', 'allow_adult', 'allow_all'] as const;
const SAFETY_SETTINGS = ['block_low_and_above', 'block_medium_and_above', 'block_only_high', 'block_none'] as const;
const LANGUAGES = ['auto', 'en', 'zh', 'zh-CN', 'hi', 'ja', 'ko', 'pt', 'es'] as const;
const OUTPUT_FORMATS = ['png', 'jpeg', 'jpg', 'image/png', 'image/jpeg'] as const;
const SEED = { min: 1 } as const;
const COMPRESSION_QUALITY = { min: 1, max: 100 } as const;

export const imagen4Ultra: ModelContract = {
	model: 'imagen4-ultra',
	name: 'Imagen 4 Ultra',
	purpose: "Google's highest-quality text to image",
	source: 'https://docs.liangxin.ai/34592185e0',
	kind: 'typed',
	input: z.object({
		prompt: nonEmptyPrompt(),
		aspect_ratio: oneOf(ASPECT_RATIOS).optional(),
		person_generation: oneOf(PERSON_GENERATION).optional(),
		safety_settings: oneOf(SAFETY_SETTINGS).optional(),
		seed: integer(SEED).optional(),
		enhance_prompt: flag().optional(),
		language: oneOf(LANGUAGES).optional(),
		output_format: oneOf(OUTPUT_FORMATS).optional(),
		compression_quality: integer(COMPRESSION_QUALITY).optional(),
	}),
	fields: [
		promptField,
		aspectRatioField(ASPECT_RATIOS, 'The shape of the image, width to height', 'square_1_1'),
		{
			name: 'person_generation',
			label: 'Person Generation',
			type: 'options',
			options: PERSON_GENERATION,
			description: 'Whether people may appear in the image',
		},
		{
			name: 'safety_settings',
			label: 'Safety Settings',
			type: 'options',
			options: SAFETY_SETTINGS,
			description: 'How strictly unsafe content is blocked',
		},
		{ ...seedField, ...SEED, description: `${seedField.description}; at least ${SEED.min}` },
		{ name: 'enhance_prompt', label: 'Enhance Prompt', type: 'boolean', description: 'Whether Google may rewrite the prompt' },
		{ name: 'language', label: 'Language', type: 'options', options: LANGUAGES, description: 'The language of the prompt' },
		{
			name: 'output_format',
			label: 'Output Format',
			type: 'options',
			options: OUTPUT_FORMATS,
			description: 'The file type of the result',
		},
		{
			name: 'compression_quality',
			label: 'Compression Quality',
			type: 'integer',
			...COMPRESSION_QUALITY,
			description: `The quality of a JPEG result, from ${COMPRESSION_QUALITY.min} to ${COMPRESSION_QUALITY.max}`,
		},
	],
};
