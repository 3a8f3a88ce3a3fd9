import type { INodeProperties } from 'n8n-workflow';

import { labelsOf, requestSchemaOf } from '../models';
import {
	ASPECT_RATIOS,
	DEFAULT_ASPECT_RATIO,
	DEFAULT_RESOLUTION,
	MAX_REFERENCE_IMAGES,
	REFERENCE_IMAGE_MIME_TYPES,
	REFERENCE_IMAGE_RULE,
	RESOLUTIONS,
} from '../models/nanoBanana';
import { nanoBananaPro } from '../models/nanoBananaPro';
import { binaryImagePropertiesField, promptField, promptOf } from './fields';
import type { RequestParameters } from './request';
import { toUrlList } from './urlList';

const RESOLUTION_NOTES: Record<string, string> = {
	'1K': 'About 1024 px on the long edge',
	'2K': 'About 2048 px on the long edge',
	'4K': 'About 4096 px on the long edge',
	low: 'Quality preset',
	medium: 'Quality preset',
	high: 'Quality preset',
};

const imageLimit = `At most ${MAX_REFERENCE_IMAGES} reference images in total (URLs and binary together)`;

/** The model's parameters, derived from its contract in models/. */
const properties: INodeProperties[] = [
	promptField(promptOf(nanoBananaPro).description),
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		options: ASPECT_RATIOS.map((ratio) => ({ name: ratio, value: ratio })),
		default: DEFAULT_ASPECT_RATIO,
		description: 'Width to height of the image',
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		options: RESOLUTIONS.map((resolution) => ({
			name: resolution,
			value: resolution,
			description: RESOLUTION_NOTES[resolution],
		})),
		default: DEFAULT_RESOLUTION,
		description: 'Size of the image; larger images take longer and may cost more',
	},
	{
		displayName: 'Output Format',
		name: 'outputFormat',
		type: 'options',
		options: [
			{ name: 'API Default (Not Sent)', value: '' },
			{ name: 'PNG', value: 'png' },
		],
		default: '',
		description: 'LiangXin accepts only PNG when a format is sent',
	},
	{
		displayName: 'Image Input URLs',
		name: 'imageInputUrls',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/photo.png',
		description: `Images to edit or combine (input.image_input), one per line or comma-separated, or an expression returning a list. Each must be ${REFERENCE_IMAGE_RULE}. ${imageLimit}.`,
	},
	{
		displayName: 'Reference Image URLs',
		name: 'referenceImageUrls',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/style.webp',
		description: `Style or subject references (input.reference_images), one per line or comma-separated. Same rule as Image Input URLs. ${imageLimit}.`,
	},
	binaryImagePropertiesField(
		`Names of the input item's binary properties to send as images (input.image_input), comma-separated. Only ${REFERENCE_IMAGE_MIME_TYPES.join(', ')} are accepted; they are sent as data URIs, which make requests large. ${imageLimit}.`,
	),
];

/** Nano Banana Pro's request: every field a top-level parameter of its own, under the names saved workflows use. */
export const nanoBananaProParameters: RequestParameters = {
	properties,
	read: (context, itemIndex) => {
		const parameter = (name: string) => context.getNodeParameter(name, itemIndex, '') as unknown;
		const imageInput = toUrlList(parameter('imageInputUrls'));
		const referenceImages = toUrlList(parameter('referenceImageUrls'));
		const outputFormat = parameter('outputFormat');
		return {
			model: nanoBananaPro.model,
			input: {
				prompt: parameter('prompt'),
				...(imageInput.length ? { image_input: imageInput } : {}),
				...(referenceImages.length ? { reference_images: referenceImages } : {}),
				aspect_ratio: parameter('aspectRatio'),
				resolution: parameter('resolution'),
				...(outputFormat ? { output_format: outputFormat } : {}),
			},
			check: { schema: requestSchemaOf(nanoBananaPro), labels: labelsOf(nanoBananaPro), binaryField: nanoBananaPro.referenceImages?.binaryField },
		};
	},
};
