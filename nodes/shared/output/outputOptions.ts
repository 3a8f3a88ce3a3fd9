import type { IExecuteFunctions, INodeProperties, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Options about what a task becomes in n8n, shared by the Nano Banana Pro node and the trigger. */
export interface OutputOptions {
	downloadImages?: boolean;
	binaryPropertyPrefix?: string;
	includeRaw?: boolean;
	maxFileSizeMb?: number;
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

/** An option of the Options collection, read per item by the node, or once by a webhook (the trigger, a resumed pause). */
function optionValue(context: IExecuteFunctions | IWebhookFunctions, itemIndex: number, option: INodeProperties): unknown {
	const path = `options.${option.name}`;
	return 'getBodyData' in context
		? context.getNodeParameter(path, option.default)
		: context.getNodeParameter(path, itemIndex, option.default);
}

export function allowLocalResultUrls(context: IExecuteFunctions | IWebhookFunctions, itemIndex: number): boolean {
	return optionValue(context, itemIndex, allowLocalResultUrlsOption) === true;
}

/**
 * Max File Size in bytes, for the node and the trigger alike, checked because an expression can
 * yield any value.
 */
export function maxFileSizeBytes(context: IExecuteFunctions | IWebhookFunctions, itemIndex: number): number {
	const value = optionValue(context, itemIndex, maxFileSizeOption);
	if (typeof value === 'number' && value > 0 && Number.isFinite(value)) return value * 1024 * 1024;
	throw new NodeOperationError(
		context.getNode(),
		`Item ${itemIndex}: ${maxFileSizeOption.displayName} must be a number above 0 (got ${JSON.stringify(value)})`,
		{ itemIndex, description: 'Fix the option and run again.' },
	);
}
