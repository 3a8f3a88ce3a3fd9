import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createTask } from '../../shared/api';
import { includeRawOption } from '../../shared/outputOptions';
import { callbackUrlField, createRateLimitRule, modelFields, optionsCollection } from './fields';
import { numberOptionField } from './numberOption';
import { connectForCreates, prepareCreateTask, summarizeRequest, withBinaryImages } from './request';
import { runItems } from './runItems';

/** Creates run concurrently, paced to the create rate limit option. */
const CREATE_CONCURRENCY = 10;

const properties: INodeProperties[] = [
	...modelFields,
	callbackUrlField,
	optionsCollection([numberOptionField(createRateLimitRule), includeRawOption]),
];

export const description = updateDisplayOptions({ show: { operation: ['createTask'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await connectForCreates(this);
	return await runItems(this, {
		concurrency: CREATE_CONCURRENCY,
		prepare: async (itemIndex) => await prepareCreateTask(this, itemIndex, { withCallback: true }),
		run: async (itemIndex, prepared, abortSignal, createdTasks) => {
			const request = await withBinaryImages(this, itemIndex, prepared);
			const { taskId, raw } = await createTask(client, request, { itemIndex, abortSignal });
			createdTasks.add(taskId, itemIndex);
			const includeRaw = this.getNodeParameter('options.includeRaw', itemIndex, false) as boolean;
			return {
				json: { taskId, model: request.model, request: summarizeRequest(request), ...(includeRaw ? { raw } : {}) },
			};
		},
	});
}
