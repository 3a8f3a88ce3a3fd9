import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createTask } from '../../shared/api';
import { LiangXinClient } from '../../shared/transport';
import { includeRawOption } from '../../shared/outputOptions';
import { callbackUrlField, modelFields, optionsCollection } from './fields';
import { buildCreateTaskRequest, summarizeRequest } from './request';
import { runItems } from './runItems';

/** Creates run concurrently; LiangXin's rate limit is absorbed by the transport's 429 retries. */
const CREATE_CONCURRENCY = 10;

const properties: INodeProperties[] = [
	...modelFields,
	callbackUrlField,
	optionsCollection([includeRawOption]),
];

export const description = updateDisplayOptions({ show: { operation: ['createTask'] } }, properties);

export async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const client = await LiangXinClient.connect(this);
	return await runItems(this, {
		concurrency: CREATE_CONCURRENCY,
		prepare: async (itemIndex) => await buildCreateTaskRequest(this, itemIndex, { withCallback: true }),
		run: async (itemIndex, request, abortSignal) => {
			const { taskId, raw } = await createTask(client, request, { itemIndex, abortSignal });
			const includeRaw = this.getNodeParameter('options.includeRaw', itemIndex, false) as boolean;
			return {
				json: { taskId, model: request.model, request: summarizeRequest(request), ...(includeRaw ? { raw } : {}) },
			};
		},
	});
}
