import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { downloadSettings } from '../output/images';
import { binaryPropertyPrefixOption, downloadImagesOption, includeRawOption } from '../output/outputOptions';
import { abbreviate } from '../util/zodRules';

/**
 * How an item's task becomes its output item. Create & Wait reads it for every item before it creates
 * any task, and a pause keeps it: after the pause, expressions would see other input items.
 */
export interface OutputSettings {
	download: boolean;
	includeRaw: boolean;
	binaryPropertyPrefix?: string;
	/** Max File Size in bytes, read when Download Images is on. */
	maxBytes?: number;
	/** Allow Local Result URLs (Testing), read when Download Images is on. */
	allowLocalHosts?: boolean;
}

function optionError(context: IExecuteFunctions, itemIndex: number, option: INodeProperties, rule: string, value: unknown) {
	return new NodeOperationError(
		context.getNode(),
		`Item ${itemIndex}: ${option.displayName} must be ${rule} (got ${abbreviate(String(JSON.stringify(value)))})`,
		{ itemIndex, description: 'Nothing was sent to LiangXin for this item. Fix the option and run again.' },
	);
}

function readBoolean(context: IExecuteFunctions, itemIndex: number, options: IDataObject, option: INodeProperties): boolean {
	const value = options[option.name] ?? option.default;
	if (typeof value === 'boolean') return value;
	throw optionError(context, itemIndex, option, 'true or false', value);
}

/** The item's output options, each checked: an expression can yield any value. */
export function readOutputSettings(context: IExecuteFunctions, itemIndex: number): OutputSettings {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const download = readBoolean(context, itemIndex, options, downloadImagesOption);
	const includeRaw = readBoolean(context, itemIndex, options, includeRawOption);
	const prefix = options[binaryPropertyPrefixOption.name] ?? '';
	if (typeof prefix !== 'string') throw optionError(context, itemIndex, binaryPropertyPrefixOption, 'a text', prefix);
	if (!download) return { download, includeRaw, binaryPropertyPrefix: prefix || undefined };
	const { prefix: binaryPropertyPrefix, maxBytes, allowLocalHosts } = downloadSettings(context, itemIndex, prefix);
	return { download, includeRaw, binaryPropertyPrefix, maxBytes, allowLocalHosts };
}
