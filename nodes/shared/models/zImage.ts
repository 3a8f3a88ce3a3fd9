import { z } from 'zod';

import { promptField, safetyCheckerField, seedField } from './commonFields';
import type { ModelContract } from './contract';
import { flag, integer, nonEmptyPrompt, text } from './contract';

/** Most fields pass straight through to the upstream (Magnific), whose values LiangXin does not list. */
export const zImage: ModelContract = {
	model: 'z-image',
	name: 'Z-Image',
	purpose: 'Photorealistic text to image',
	source: 'https://docs.liangxin.ai/34592180e0',
	kind: 'typed',
	input: z.object({
		prompt: nonEmptyPrompt(),
		image_size: text().optional(),
		aspect_ratio: text().optional(),
		seed: integer().optional(),
		num_inference_steps: integer().optional(),
		output_format: text().optional(),
		enable_safety_checker: flag().optional(),
	}),
	fields: [
		promptField,
		{
			name: 'image_size',
			label: 'Image Size',
			type: 'string',
			default: 'square_hd',
			description: "A size name of the upstream model (Magnific), sent unchecked; it wins over Aspect Ratio",
			hint: "LiangXin's default is square_hd",
		},
		{
			name: 'aspect_ratio',
			label: 'Aspect Ratio',
			type: 'string',
			description: 'Instead of Image Size: a common ratio such as 16:9, mapped to a size; sent unchecked',
		},
		seedField,
		{
			name: 'num_inference_steps',
			label: 'Inference Steps',
			type: 'integer',
			description: 'How many steps the upstream model takes, a whole number',
		},
		{
			name: 'output_format',
			label: 'Output Format',
			type: 'string',
			description: 'The file type of the result, e.g. png; sent unchecked',
		},
		safetyCheckerField,
	],
};
