import type { INodeProperties } from 'n8n-workflow';

import { labelsOf, requestSchemaOf } from '../models';
import { ASPECT_RATIOS, DEFAULT_ASPECT_RATIO, DEFAULT_RESOLUTION, OUTPUT_FORMATS, RESOLUTIONS } from '../models/nanoBanana';
import { nanoBananaPro } from '../models/nanoBananaPro';
import { binaryImagePropertiesField, promptField, promptOf } from './fields';
import { FROM_VERSION_1_1, IN_VERSION_1, isVersion1 } from './nodeVariant';
import { NOT_SENT, optionsInWords } from './optionNames';
import { readTextOption } from './options';
import type { RequestParameters } from './request';
import { toUrlList } from './urlList';

const fieldOf = (name: string) => nanoBananaPro.fields.find((field) => field.name === name)!;

/** A list of image URLs typed by the user, as one text parameter under the name saved workflows use. */
function urlListParameter(field: string, name: string, placeholder: string, howToList: string): INodeProperties {
	const { label, description, hint } = fieldOf(field);
	return { displayName: label, name, type: 'string', default: '', placeholder, description: `${description}. ${howToList}.`, ...(hint ? { hint } : {}) };
}

const outputFormat: INodeProperties = {
	displayName: 'Output Format',
	name: 'outputFormat',
	type: 'options',
	options: [NOT_SENT, ...optionsInWords('output_format', OUTPUT_FORMATS)],
	default: '',
	description: fieldOf('output_format').description,
};

/** Output Format among the Options from version 1.1; version 1 nodes have it on the panel. */
const outputFormatOption: INodeProperties = { ...outputFormat, displayOptions: { show: FROM_VERSION_1_1 } };

/** The model's parameters, from its contract in models/, under the names saved workflows use. */
const properties: INodeProperties[] = [
	promptField(promptOf(nanoBananaPro).description),
	{
		displayName: 'Aspect Ratio',
		name: 'aspectRatio',
		type: 'options',
		options: optionsInWords('aspect_ratio', ASPECT_RATIOS),
		default: DEFAULT_ASPECT_RATIO,
		description: fieldOf('aspect_ratio').description,
	},
	{
		displayName: 'Resolution',
		name: 'resolution',
		type: 'options',
		options: optionsInWords('resolution', RESOLUTIONS),
		default: DEFAULT_RESOLUTION,
		description: fieldOf('resolution').description,
	},
	urlListParameter('image_input', 'imageInputUrls', 'e.g. https://example.com/photo.png', 'One per line or comma-separated, or an expression returning a list'),
	urlListParameter('reference_images', 'referenceImageUrls', 'e.g. https://example.com/style.webp', 'One per line or comma-separated'),
	binaryImagePropertiesField,
	{ ...outputFormat, displayOptions: { show: IN_VERSION_1 } },
];

/** Nano Banana Pro's request: every field a top-level parameter of its own, under the names saved workflows use. */
export const nanoBananaProParameters: RequestParameters = {
	properties,
	options: [outputFormatOption],
	subtitleModel: JSON.stringify(nanoBananaPro.name),
	read: (context, itemIndex) => {
		const parameter = (name: string) => context.getNodeParameter(name, itemIndex, '') as unknown;
		const imageInput = toUrlList(parameter('imageInputUrls'));
		const referenceImages = toUrlList(parameter('referenceImageUrls'));
		const format = isVersion1(context) ? parameter('outputFormat') : readTextOption(context, itemIndex, outputFormatOption);
		return {
			model: nanoBananaPro.model,
			input: {
				prompt: parameter('prompt'),
				...(imageInput.length ? { image_input: imageInput } : {}),
				...(referenceImages.length ? { reference_images: referenceImages } : {}),
				aspect_ratio: parameter('aspectRatio'),
				resolution: parameter('resolution'),
				...(format ? { output_format: format } : {}),
			},
			check: { schema: requestSchemaOf(nanoBananaPro), labels: labelsOf(nanoBananaPro), binaryField: nanoBananaPro.referenceImages?.binaryField },
		};
	},
};
