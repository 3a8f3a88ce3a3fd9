import type { INodeProperties } from 'n8n-workflow';

import {
	ASPECT_RATIOS,
	DEFAULT_ASPECT_RATIO,
	DEFAULT_RESOLUTION,
	MAX_REFERENCE_IMAGES,
	PROMPT_LENGTH,
	REFERENCE_IMAGE_MIME_TYPES,
	REFERENCE_IMAGE_RULE,
	REPORTED_CREATE_LIMIT,
	RESOLUTIONS,
} from '../../shared/model';
import { createRateLimitLabel } from '../../shared/transport';
import type { NumberOptionRule } from './numberOption';

const RESOLUTION_NOTES: Record<string, string> = {
	'1K': 'About 1024 px on the long edge',
	'2K': 'About 2048 px on the long edge',
	'4K': 'About 4096 px on the long edge',
	low: 'Quality preset',
	medium: 'Quality preset',
	high: 'Quality preset',
};

const imageLimit = `At most ${MAX_REFERENCE_IMAGES} reference images in total (URLs and binary together)`;

/** The model's parameters, derived from the contract in shared/model.ts. */
export const modelFields: INodeProperties[] = [
	{
		displayName: 'Prompt',
		name: 'prompt',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. A watercolor fox reading a newspaper in a Kyoto café',
		description: `What to generate, ${PROMPT_LENGTH.min} to ${PROMPT_LENGTH.max} characters`,
		typeOptions: { rows: 4 },
	},
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
	{
		displayName: 'Binary Image Properties',
		name: 'binaryImageProperties',
		type: 'string',
		default: '',
		placeholder: 'data',
		description: `Names of the input item's binary properties to send as images (input.image_input), comma-separated. Only ${REFERENCE_IMAGE_MIME_TYPES.join(', ')} are accepted; they are sent as data URIs, which make requests large. ${imageLimit}.`,
	},
];

export const callbackUrlField: INodeProperties = {
	displayName: 'Callback URL',
	name: 'callbackUrl',
	type: 'string',
	default: '',
	placeholder: 'https://n8n.example.com/webhook/liangxin',
	description:
		'Optional URL that LiangXin POSTs the final result to. LiangXin needs a public HTTPS URL: use the production URL shown by a LiangXin Trigger node in another workflow, which then starts when each image is ready.',
};

/** Execution-wide: read from the first item. */
export const createRateLimitRule: NumberOptionRule = {
	name: 'maxCreatesPerWindow',
	label: createRateLimitLabel,
	min: 0,
	fallback: REPORTED_CREATE_LIMIT.tasks,
	description: `Paces the tasks this node creates so that a batch spends no calls on LiangXin's rate limit, which users report as ${REPORTED_CREATE_LIMIT.tasks} new tasks per ${REPORTED_CREATE_LIMIT.windowMs / 1000} s per account. Raise it if your account allows more; 0 sends creates without pacing. A refused create (429) is retried either way.`,
};

/** The Options collection of an operation. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}
