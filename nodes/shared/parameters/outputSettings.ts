import type { INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { OutputSettings } from '../output/outputItem';
import type { ResultOptions } from '../output/outputOptions';
import { allowLocalResultUrlsOption, binaryPropertyPrefixOption, includeRawOption } from '../output/outputOptions';
import { binaryPropertyNameProblem } from '../util/propertyNames';
import { isAiTool, isVersion1 } from './nodeVariant';
import type { OptionContext } from './options';
import { optionValue, readBooleanOption, readTextOption } from './options';

/** Max File Size in bytes (`option` is the node's version of it), checked because an expression can yield any value. */
function readMaxFileSizeBytes(context: OptionContext, itemIndex: number, option: INodeProperties): number {
	const value = optionValue(context, itemIndex, option);
	if (typeof value === 'number' && value > 0 && Number.isFinite(value)) return value * 1024 * 1024;
	throw new NodeOperationError(
		context.getNode(),
		`Item ${itemIndex}: ${option.displayName} must be a number above 0 (got ${JSON.stringify(value)})`,
		{ itemIndex, description: 'Fix the option and run again.' },
	);
}

/** Binary Property, `data` when empty, refused when it names no property of its own. */
function readBinaryPropertyPrefix(context: OptionContext, itemIndex: number): string {
	const prefix = readTextOption(context, itemIndex, binaryPropertyPrefixOption) || 'data';
	const reserved = binaryPropertyNameProblem(binaryPropertyPrefixOption.displayName, prefix);
	if (!reserved) return prefix;
	throw new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${reserved}`, {
		itemIndex,
		description: `Choose another name in the ${binaryPropertyPrefixOption.displayName} option.`,
	});
}

/**
 * The node's result options as an operation reads them: Download Images (or Videos), when it is not set,
 * is on, except when an AI agent runs the node as its tool (the agent gets the URLs) and in a version 1
 * node's Get Task, saved while that default was off (n8n stores only the options a user added).
 */
export function resultOptionsFor(context: OptionContext, operation: 'createAndWait' | 'getTask', results: ResultOptions): ResultOptions {
	const downloads = !isAiTool(context) && (operation === 'createAndWait' || !isVersion1(context));
	return { ...results, download: { ...results.download, default: downloads } };
}

/**
 * How an item's task becomes its output item, every option checked: read per item before anything is
 * created, and kept by a pause, since after it expressions would see other input items. The download
 * limits are read only when downloads are on. `results` are the node's and operation's versions of the
 * options that differ (Download Images or Videos, their default, Max File Size's default).
 */
export function readOutputSettings(context: OptionContext, itemIndex: number, results: ResultOptions): OutputSettings {
	const download = readBooleanOption(context, itemIndex, results.download);
	const includeRaw = readBooleanOption(context, itemIndex, includeRawOption);
	if (!download) return { download, includeRaw };
	return {
		download,
		includeRaw,
		binaryPropertyPrefix: readBinaryPropertyPrefix(context, itemIndex),
		maxBytes: readMaxFileSizeBytes(context, itemIndex, results.maxFileSize),
		allowLocalHosts: readBooleanOption(context, itemIndex, allowLocalResultUrlsOption),
		accept: results.accept,
	};
}
