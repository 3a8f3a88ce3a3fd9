import type { IExecuteFunctions, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';

import type { SavedDownloadLimits } from './images';
import { downloadTaskImages } from './images';
import type { LiangXinTask } from '../tasks/task';
import type { LiangXinClient } from '../transport/client';

interface OutputItemOptions {
	itemIndex: number;
	/** Whether Download Images is on. */
	download: boolean;
	binaryPropertyPrefix?: string;
	/** The download limits read before a pause; read from the options otherwise. */
	saved?: SavedDownloadLimits;
	abortSignal?: AbortSignal;
}

/**
 * A task as one output item, for every node that emits tasks: its normalized JSON, plus its images as
 * binary files when Download Images is on and the task succeeded.
 */
export async function toOutputItem(
	context: IExecuteFunctions | IWebhookFunctions,
	client: LiangXinClient,
	task: LiangXinTask,
	{ itemIndex, download, binaryPropertyPrefix, saved, abortSignal }: OutputItemOptions,
): Promise<INodeExecutionData> {
	if (!download || task.status !== 'success') return { json: task };
	const binary = await downloadTaskImages(context, client, task, { itemIndex, binaryPropertyPrefix, saved, abortSignal });
	return { json: task, binary };
}
