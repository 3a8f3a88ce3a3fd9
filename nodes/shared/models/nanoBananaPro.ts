import {
	ASPECT_RATIOS,
	createTaskInputSchema,
	DEFAULT_ASPECT_RATIO,
	DEFAULT_RESOLUTION,
	MAX_REFERENCE_IMAGES,
	MODEL,
	OUTPUT_FORMATS,
	PROMPT_LENGTH,
	REFERENCE_IMAGE_RULE,
	RESOLUTIONS,
} from './nanoBanana';
import type { FieldDescriptor, ModelContract, ReferenceImageSlots } from './contract';
import { promptDescriptor } from './prompt';

/** Nano Banana Pro's contract: the rules of nanoBanana.ts in the common shape, the only one both nodes read. */

export const nanoBananaReferenceImages: ReferenceImageSlots = {
	fields: ['image_input', 'reference_images'],
	max: MAX_REFERENCE_IMAGES,
	binaryField: 'image_input',
};

const imageLimit = `At most ${MAX_REFERENCE_IMAGES} images across input.image_input and input.reference_images`;

/** The Nano Banana family's fields; the Flash model changes the resolution default and adds one. */
export const nanoBananaFields = (defaultResolution: string): FieldDescriptor[] => [
	promptDescriptor(PROMPT_LENGTH),
	{
		name: 'image_input',
		label: 'Image Input URLs',
		type: 'imageUrls',
		description: `Images to edit or combine; each ${REFERENCE_IMAGE_RULE}. ${imageLimit}`,
	},
	{
		name: 'reference_images',
		label: 'Reference Image URLs',
		type: 'imageUrls',
		description: `Style or subject references; each ${REFERENCE_IMAGE_RULE}. ${imageLimit}`,
	},
	{
		name: 'aspect_ratio',
		label: 'Aspect Ratio',
		type: 'options',
		options: ASPECT_RATIOS,
		default: DEFAULT_ASPECT_RATIO,
		description: 'Width to height of the image. LiangXin mentions aliases without listing them, so only these values are accepted',
	},
	{
		name: 'resolution',
		label: 'Resolution',
		type: 'options',
		options: RESOLUTIONS,
		default: defaultResolution,
		description: 'Size of the image: 1K, 2K, 4K on the long edge, or a quality preset',
	},
	{
		name: 'output_format',
		label: 'Output Format',
		type: 'options',
		options: OUTPUT_FORMATS,
		description: 'Not sent by default; when sent, LiangXin accepts only png',
	},
];

export const nanoBananaPro: ModelContract = {
	model: MODEL,
	purpose: 'Gemini 3 Pro Image: generate or edit with up to 3 reference images',
	source: 'https://docs.liangxin.ai/34592182e0',
	kind: 'typed',
	input: createTaskInputSchema,
	fields: nanoBananaFields(DEFAULT_RESOLUTION),
	referenceImages: nanoBananaReferenceImages,
};
