import { z } from 'zod';

import { createTaskInputSchema } from './nanoBanana';
import type { ModelContract } from './contract';
import { atMostImages, flag } from './contract';
import { nanoBananaFields, nanoBananaReferenceImages } from './nanoBananaPro';

/** Nano Banana Pro's fields and rules, with a 1K default and Google Search grounding. */
export const nanoBananaProFlash: ModelContract = {
	model: 'nano-banana-pro-flash',
	name: 'Nano Banana Pro Flash',
	purpose: 'Faster Nano Banana Pro for quick iterations, optionally grounded by Google Search',
	source: 'https://docs.liangxin.ai/34592183e0',
	kind: 'typed',
	input: z
		.object({ ...createTaskInputSchema.innerType().shape, use_google_search_tool: flag().optional() })
		.superRefine(atMostImages(nanoBananaReferenceImages, 'image_input')),
	fields: [
		...nanoBananaFields('1K'),
		{
			name: 'use_google_search_tool',
			label: 'Use Google Search',
			type: 'boolean',
			description: 'Whether the model may ground the image in Google Search results',
		},
	],
	referenceImages: nanoBananaReferenceImages,
};
