import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getTask } from '../api';
import { LiangXinClient } from '../transport';
import { toOutputItem } from '../outputItem';
import type { OutputOptions } from '../outputOptions';
import { binaryPropertyPrefixOption, downloadImagesOption, includeRawOption, maxFileSizeOption } from '../outputOptions';
import { optionsCollection } from './fields';
import type { Operation } from './operation';
import { runItems } from './runItems';

const READ_CONCURRENCY = 10;

/** Gets the state and the images of a task by its ID. */
export const getTaskOperation: Operation = {
	option: {
		name: 'Get Task',
		value: 'getTask',
		action: 'Get an image generation task',
		description: 'Get the state and the images of a task',
	},
	properties: [
	{
		displayName: 'Task ID',
		name: 'taskId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'task_nano-banana-pro_1777600000000',
		description: 'The ID returned by Create Task',
	},
	optionsCollection([{ ...downloadImagesOption, default: false }, binaryPropertyPrefixOption, maxFileSizeOption, includeRawOption]),
	],
	execute,
};

async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const client = await LiangXinClient.connect(this);
	const items = await runItems(this, {
		concurrency: READ_CONCURRENCY,
		prepare: async (itemIndex) => {
			const taskId = String(this.getNodeParameter('taskId', itemIndex, '')).trim();
			if (!taskId) {
				throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: Task ID is required`, { itemIndex });
			}
			return taskId;
		},
		run: async (itemIndex, taskId, abortSignal) => {
			const options = this.getNodeParameter('options', itemIndex, {}) as OutputOptions;
			const task = await getTask(client, taskId, { itemIndex, abortSignal, includeRaw: options.includeRaw });
			return await toOutputItem(this, client, task, {
				itemIndex,
				download: options.downloadImages === true,
				binaryPropertyPrefix: options.binaryPropertyPrefix,
				abortSignal,
			});
		},
	});
	return [items];
}
