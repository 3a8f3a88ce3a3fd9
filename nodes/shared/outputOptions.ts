import type { INodeProperties } from 'n8n-workflow';

/** Options about what a task becomes in n8n, shared by the Nano Banana Pro node and the trigger. */
export interface OutputOptions {
	downloadImages?: boolean;
	binaryPropertyPrefix?: string;
	includeRaw?: boolean;
}

export const binaryPropertyPrefixOption: INodeProperties = {
	displayName: 'Binary Property',
	name: 'binaryPropertyPrefix',
	type: 'string',
	default: 'data',
	description: 'Name of the binary property for the first image; further images get _1, _2 and so on',
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
	description: 'Whether to download the result images into binary properties (the URLs stay in the JSON and expire after a while)',
};
