import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { createTask } from '../tasks/api';
import { includeRawOption } from '../output/outputOptions';
import { callbackUrlField, callbackUrlOption, createRateLimitRule, optionsCollection } from '../parameters/fields';
import { numberOptionField } from '../parameters/numberOption';
import { readBooleanOption } from '../parameters/options';
import type { Operation } from './operation';
import type { RequestParameters } from '../parameters/request';
import { summarizeRequest } from '../output/requestSummary';
import { prepareCreate, withBinaryImages } from '../parameters/request';
import { connectForCreates } from './connect';
import { runItems } from './runItems';
import type { TaskMedia } from './taskMedia';

/** Creates run concurrently, paced to the create rate limit option. */
const CREATE_CONCURRENCY = 10;

/** Creates a task per item and returns its ID at once. */
export const createTaskOperation = (parameters: RequestParameters, media: TaskMedia): Operation => ({
	option: {
		name: 'Start Generation',
		value: 'createTask',
		action: `Start ${media.words.one} generation without waiting`,
		description: `Start ${media.words.one} per item and return its task ID at once, without waiting`,
	},
	runsModel: true,
	properties: [
		...parameters.properties,
		callbackUrlField,
		optionsCollection([callbackUrlOption, ...(parameters.options ?? []), numberOptionField(createRateLimitRule), includeRawOption]),
	],
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const client = await connectForCreates(this);
		const items = await runItems(this, {
			concurrency: CREATE_CONCURRENCY,
			prepare: async (itemIndex) => ({
				create: await prepareCreate(this, itemIndex, parameters),
				includeRaw: readBooleanOption(this, itemIndex, includeRawOption),
			}),
			run: async (itemIndex, { create, includeRaw }, abortSignal, createdTasks) => {
				const request = await withBinaryImages(this, itemIndex, create);
				const { taskId, raw } = await createTask(client, request, { itemIndex, abortSignal });
				createdTasks.add(taskId, itemIndex);
				return {
					json: { taskId, model: request.model, request: summarizeRequest(request), ...(includeRaw ? { raw } : {}) },
				};
			},
		});
		return [items];
	},
});
