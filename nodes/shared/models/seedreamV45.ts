import { z } from 'zod';

import { oneOf } from '../util/zodRules';
import { aspectRatioField, promptField, safetyCheckerField, seedField } from './commonFields';
import type { ModelContract } from './contract';
import { flag, integer, nonEmptyPrompt } from './contract';

/**
 * The listed ratios, plus the two Magnific aliases the docs use: `square_1_1` (the default) and
 * `widescreen_16_9` (an example). Other Magnific aliases are not listed, so they are not accepted.
 */
const ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9', 'square_1_1', 'widescreen_16_9'] as const;

export const seedreamV45: ModelContract = {
	model: 'seedream-v4-5',
	name: 'Seedream 4.5',
	purpose: 'Text to image',
	source: 'https://docs.liangxin.ai/34591205e0',
	kind: 'typed',
	input: z.object({
		prompt: nonEmptyPrompt(),
		aspect_ratio: oneOf(ASPECT_RATIOS).optional(),
		seed: integer().optional(),
		enable_safety_checker: flag().optional(),
	}),
	fields: [
		promptField,
		aspectRatioField(ASPECT_RATIOS, 'The shape of the image, width to height', 'square_1_1'),
		seedField,
		safetyCheckerField,
	],
};
