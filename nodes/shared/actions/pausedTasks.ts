import type { IDataObject, IExecuteFunctions, INodeExecutionData, IRunExecutionData, IWebhookFunctions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { getTask } from '../api';
import { toOutputItem } from '../outputItem';
import type { LiangXinTask } from '../task';
import type { LiangXinClient } from '../transport';
import { taskFailure } from './taskFailure';

/** What an item needs after the pause: its task, or the error item it already is, and how to output it. */
export interface PausedItem {
	taskId?: string;
	errorItem?: IDataObject;
	download: boolean;
	binaryPropertyPrefix?: string;
	includeRaw: boolean;
}

const CONTEXT_KEY = 'pausedItems';

export function savePausedItems(context: IExecuteFunctions, items: PausedItem[]) {
	context.getContext('node')[CONTEXT_KEY] = items as unknown as IDataObject[];
}

/**
 * The items the paused execution saved in its node context. The webhook context holds that
 * execution's data at run time but does not declare it, nor `getContext`: hence the narrow cast.
 */
export function loadPausedItems(context: IWebhookFunctions): PausedItem[] | undefined {
	const { runExecutionData } = context as unknown as { runExecutionData?: IRunExecutionData | null };
	if (!runExecutionData?.executionData) return undefined;
	const items = NodeHelpers.getContext(runExecutionData, 'node', context.getNode())[CONTEXT_KEY];
	return Array.isArray(items) ? (items as unknown as PausedItem[]) : undefined;
}

function failedTaskItem(task: LiangXinTask): IDataObject {
	const { message, description } = taskFailure(task);
	return { error: message, taskId: task.taskId, errorDescription: description };
}

/**
 * Asks LiangXin about every item's task, in order, and stops at the first one still running
 * (undefined). When all are final: one output item per paused item, in order, paired; failed tasks
 * and failed downloads as error items naming their task.
 */
export async function settledItems(
	context: IExecuteFunctions | IWebhookFunctions,
	client: LiangXinClient,
	items: PausedItem[],
): Promise<INodeExecutionData[] | undefined> {
	const tasks: Array<LiangXinTask | undefined> = [];
	for (const [itemIndex, item] of items.entries()) {
		if (!item.taskId) continue;
		const task = await getTask(client, item.taskId, { itemIndex, includeRaw: item.includeRaw });
		if (task.status === 'pending') return undefined;
		tasks[itemIndex] = task;
	}
	return await Promise.all(
		items.map(async (item, itemIndex): Promise<INodeExecutionData> => {
			const pairedItem = { item: itemIndex };
			const task = tasks[itemIndex];
			if (!task) return { json: item.errorItem ?? {}, pairedItem };
			if (task.status === 'fail') return { json: failedTaskItem(task), pairedItem };
			try {
				const output = await toOutputItem(context, client, task, {
					itemIndex,
					download: item.download,
					binaryPropertyPrefix: item.binaryPropertyPrefix,
				});
				return { ...output, pairedItem };
			} catch (error) {
				return { json: { error: (error as Error).message, taskId: task.taskId }, pairedItem };
			}
		}),
	);
}
