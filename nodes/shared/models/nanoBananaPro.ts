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

const imageLimit = `At most ${MAX_REFERENCE_IMAGES} images in all, with the other image fields`;

/** The Nano Banana family's fields; the Flash model changes the resolution default and adds one. */
export const nanoBananaFields = (defaultResolution: string): FieldDescriptor[] => [
	promptDescriptor(PROMPT_LENGTH),
	{
		name: 'image_input',
		label: 'Images to Edit (URLs)',
		type: 'imageUrls',
		description: `Images to edit or combine, each ${REFERENCE_IMAGE_RULE}. ${imageLimit}`,
		hint: 'Images from earlier nodes go in Input Binary Fields',
	},
	{
		name: 'reference_images',
		label: 'Reference Images (URLs)',
		type: 'imageUrls',
		description: `Style or subject references, each ${REFERENCE_IMAGE_RULE}. ${imageLimit}`,
	},
	{
		name: 'aspect_ratio',
		label: 'Aspect Ratio',
		type: 'options',
		options: ASPECT_RATIOS,
		default: DEFAULT_ASPECT_RATIO,
		onTop: true,
		description: 'The shape of the image, width to height',
	},
	{
		name: 'resolution',
		label: 'Resolution',
		type: 'options',
		options: RESOLUTIONS,
		default: defaultResolution,
		onTop: true,
		description: 'The size of the image; larger images take longer and may cost more',
	},
	{
		name: 'output_format',
		label: 'Output Format',
		type: 'options',
		options: OUTPUT_FORMATS,
		description: 'The file type of the result; LiangXin accepts only PNG when one is sent',
	},
];

export const nanoBananaPro: ModelContract = {
	model: MODEL,
	name: 'Nano Banana Pro',
	purpose: 'Generate or edit with up to 3 reference images',
	source: 'https://docs.liangxin.ai/34592182e0',
	kind: 'typed',
	input: createTaskInputSchema,
	fields: nanoBananaFields(DEFAULT_RESOLUTION),
	referenceImages: nanoBananaReferenceImages,
};
