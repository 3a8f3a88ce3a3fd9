import { z } from 'zod';

import { oneOf } from '../util/zodRules';
import { aspectRatioField, promptField, seedField } from './commonFields';
import type { ModelContract, ReferenceImageSlots } from './contract';
import { atMostImages, flag, integer, nonEmptyPrompt, text } from './contract';

const SIDE = { min: 256, max: 1440 } as const;
const ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9'] as const;
const SINGLE_IMAGE_FIELDS = ['input_image', 'input_image_2', 'input_image_3', 'input_image_4'] as const;

const referenceImages: ReferenceImageSlots = {
	fields: [...SINGLE_IMAGE_FIELDS, 'reference_images'],
	max: 4,
	binaryField: 'reference_images',
};

const ordinals = ['1st', '2nd', '3rd', '4th'];
const imageLimit = 'At most 4 reference images in all';

/** Width and height are sent together or not at all. */
function bothSidesOrNeither(input: { width?: number; height?: number }, context: z.RefinementCtx) {
	const missing = input.width === undefined ? 'width' : input.height === undefined ? 'height' : undefined;
	const given = missing === 'width' ? 'height' : 'width';
	if (missing && input[given] !== undefined) {
		context.addIssue({
			code: z.ZodIssueCode.custom,
			path: [missing],
			message: `is required when input.${given} is sent: send both or neither`,
		});
	}
}

export const flux2Pro: ModelContract = {
	model: 'flux-2-pro',
	name: 'Flux 2 Pro',
	purpose: 'Text to image, optionally guided by up to 4 images',
	source: 'https://docs.liangxin.ai/34592186e0',
	kind: 'typed',
	input: z
		.object({
			prompt: nonEmptyPrompt(),
			width: integer(SIDE).optional(),
			height: integer(SIDE).optional(),
			aspect_ratio: oneOf(ASPECT_RATIOS).optional(),
			input_image: text().optional(),
			input_image_2: text().optional(),
			input_image_3: text().optional(),
			input_image_4: text().optional(),
			reference_images: z.array(text(), { invalid_type_error: 'must be a list of image URLs' }).optional(),
			seed: integer().optional(),
			prompt_upsampling: flag().optional(),
		})
		.superRefine(bothSidesOrNeither)
		.superRefine(atMostImages(referenceImages, 'reference_images')),
	fields: [
		promptField,
		{
			name: 'width',
			label: 'Width',
			type: 'integer',
			...SIDE,
			default: 1024,
			description: 'In pixels, with Height; 1024 × 768 when both are left out',
		},
		{
			name: 'height',
			label: 'Height',
			type: 'integer',
			...SIDE,
			default: 768,
			description: 'In pixels, with Width; 1024 × 768 when both are left out',
		},
		aspectRatioField(ASPECT_RATIOS, 'Instead of Width and Height: a ratio mapped to a size'),
		...SINGLE_IMAGE_FIELDS.map((name, index) => ({
			name,
			label: `Reference Image ${index + 1} (URL)`,
			type: 'imageUrl' as const,
			description: `The ${ordinals[index]} reference image. ${imageLimit}`,
		})),
		{
			name: 'reference_images',
			label: 'More Reference Images (URLs)',
			type: 'imageUrls',
			description: `More reference images, as a list. ${imageLimit}`,
		},
		seedField,
		{
			name: 'prompt_upsampling',
			label: 'Prompt Upsampling',
			type: 'boolean',
			description: 'Whether the model may expand the prompt',
		},
	],
	referenceImages,
};
