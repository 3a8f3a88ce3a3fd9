import type { INodeProperties } from 'n8n-workflow';

import type { MediaKind } from './mediaType';

/** The options that say what a task becomes in n8n, shared by every node's operations and the trigger. */

export const binaryPropertyPrefixOption: INodeProperties = {
	displayName: 'Put Output in Field',
	name: 'binaryPropertyPrefix',
	type: 'string',
	default: 'data',
	description: 'The binary field for the first result file; further files go to the same name followed by _1, _2 and so on',
	hint: 'The name of the output field to put the first file in, e.g. data (then data_1, data_2)',
};

export const includeRawOption: INodeProperties = {
	displayName: 'Include Raw Response',
	name: 'includeRaw',
	type: 'boolean',
	default: false,
	description: "Whether to add LiangXin's unmodified answer under `raw`",
};

export const downloadImagesOption: INodeProperties = {
	displayName: 'Download Images',
	name: 'downloadImages',
	type: 'boolean',
	default: true,
	description: 'Whether to download the result images into binary fields (the URLs stay in the JSON and expire after a while)',
};

export const maxFileSizeOption: INodeProperties = {
	displayName: 'Max File Size (MB)',
	name: 'maxFileSizeMb',
	type: 'number',
	typeOptions: { minValue: 0.1, numberPrecision: 1 },
	default: 50,
	description: 'Largest result image to download; a larger one fails the item. A 4K PNG is usually 10 to 30 MB.',
};

export const allowLocalResultUrlsOption: INodeProperties = {
	displayName: 'Allow Local Result URLs (Testing)',
	name: 'allowLocalResultUrls',
	type: 'boolean',
	default: false,
	description:
		"Whether to download result files from loopback, private or link-local addresses and local names outside the Base URL's own origin. Only for tests against a local stand-in: otherwise a wrong or compromised API could make n8n read its own network.",
};

/** What a node's downloads may be, and its versions of the options that differ with it (label, default). */
export interface ResultOptions {
	/** What the downloaded files may be, told by their bytes. */
	accept: readonly MediaKind[];
	download: INodeProperties;
	maxFileSize: INodeProperties;
}

export const IMAGE_RESULTS: ResultOptions = { accept: ['image'], download: downloadImagesOption, maxFileSize: maxFileSizeOption };

export const VIDEO_RESULTS: ResultOptions = {
	accept: ['video'],
	download: {
		...downloadImagesOption,
		displayName: 'Download Videos',
		name: 'downloadVideos',
		description: 'Whether to download the result videos into binary fields (the URLs stay in the JSON and expire after a while)',
	},
	maxFileSize: {
		...maxFileSizeOption,
		default: 500,
		description: 'Largest result video to download; a larger one fails the item. Videos stream to n8n\'s binary storage, never whole into memory.',
	},
};

/** The output options of an operation that outputs tasks, in the order the panel lists them. */
export const outputOptionFields = (results: ResultOptions): INodeProperties[] => [
	results.download,
	binaryPropertyPrefixOption,
	results.maxFileSize,
	includeRawOption,
	allowLocalResultUrlsOption,
];
