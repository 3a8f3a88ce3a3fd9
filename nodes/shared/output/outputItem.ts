import type { IExecuteFunctions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import type { LiangXinTask } from '../tasks/task';
import type { LiangXinClient } from '../transport/client';
import type { MediaKind } from './mediaType';
import { downloadTaskImages } from './images';
import { maxFileSizeOption } from './outputOptions';

/**
 * How an item's task becomes its output item, as its options said when the item was read (a pause
 * keeps it, so that nothing is read again at the resume).
 */
export interface OutputSettings {
	download: boolean;
	includeRaw: boolean;
	/** Binary Property, when Download Images is on. */
	binaryPropertyPrefix?: string;
	/** Max File Size in bytes, when Download Images is on. */
	maxBytes?: number;
	/** Allow Local Result URLs (Testing), when Download Images is on. */
	allowLocalHosts?: boolean;
	/** What the files may be, when Download Images is on; images when absent. */
	accept?: readonly MediaKind[];
}

interface OutputItemOptions {
	itemIndex: number;
	settings: OutputSettings;
	abortSignal?: AbortSignal;
}

/**
 * A task as one output item, for every node that emits tasks: its normalized JSON, plus its files as
 * binary files when Download Images is on and the task succeeded. A limit the settings lack is the
 * option's default.
 */
export async function toOutputItem(
	context: IExecuteFunctions | IWebhookFunctions,
	client: LiangXinClient,
	task: LiangXinTask,
	{ itemIndex, settings, abortSignal }: OutputItemOptions,
): Promise<INodeExecutionData> {
	if (!settings.download || task.status !== 'success') return { json: task };
	const binary = await downloadTaskImages(context, client, task, {
		itemIndex,
		binaryPropertyPrefix: settings.binaryPropertyPrefix ?? 'data',
		maxBytes: settings.maxBytes ?? (maxFileSizeOption.default as number) * 1024 * 1024,
		allowLocalHosts: settings.allowLocalHosts ?? false,
		accept: settings.accept,
		abortSignal,
	});
	return { json: task, binary };
}
