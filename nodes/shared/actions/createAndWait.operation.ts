import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { createTask, getTask } from '../tasks/api';
import { TaskWaitTimeoutError, TaskWatcher } from '../tasks/polling';
import type { LiangXinClient } from '../transport/client';
import { toOutputItem } from '../output/outputItem';
import { outputOptionFields } from '../output/outputOptions';
import { aiToolNotice } from '../parameters/aiTool';
import { callbackUrlField, callbackUrlOption, createRateLimitLabel, createRateLimitRule, optionsCollection, pauseMaxWaitDescription, readMaxWaitMs } from '../parameters/fields';
import type { NumberOptionRule } from '../parameters/numberOption';
import { numberOptionField, readNumberOption } from '../parameters/numberOption';
import { readOutputSettings, resultOptionsFor } from '../parameters/outputSettings';
import { BatchProgress } from './wait/progress';
import type { Operation } from './operation';
import type { PreparedCreate, RequestParameters } from '../parameters/request';
import { prepareCreate, withBinaryImages } from '../parameters/request';
import { connectForCreates } from './connect';
import { runItems } from './runItems';
import { SlotDemand } from './slotDemand';
import type { TaskMedia } from './taskMedia';
import { pauseUntilCallback } from './wait/pauseUntilCallback';
import { taskFailedError, timeoutError } from './wait/waitErrors';
import { allowLocalCallbackOption, pauseNotice, version1PauseNotice, WAIT_MODE, waitModeField } from './wait/waitMode';

const maxConcurrentTasksRule: NumberOptionRule = {
	name: 'maxConcurrentTasks',
	label: 'Max Concurrent Tasks',
	min: 1,
	max: 100,
	fallback: 100,
	description: `How many items may be in progress at once, from create to download. Tasks wait on LiangXin's side, so the limit that matters is LiangXin's create rate: see ${createRateLimitLabel}.`,
};

/** Creates the item's task; its data URIs live only for this call. */
async function createItemTask(
	context: IExecuteFunctions,
	client: LiangXinClient,
	itemIndex: number,
	prepared: PreparedCreate,
	abortSignal: AbortSignal,
): Promise<string> {
	const request = await withBinaryImages(context, itemIndex, prepared);
	const { taskId } = await createTask(client, request, { itemIndex, abortSignal });
	return taskId;
}

/** Creates a task per item, waits for it and downloads its files. */
export const createAndWaitOperation = (parameters: RequestParameters, media: TaskMedia): Operation => ({
	option: {
		name: `Generate ${media.words.title}`,
		value: 'createAndWait',
		action: `Generate ${media.words.one} and wait for it`,
		description: `Generate ${media.words.one} per item and wait until it is ready`,
	},
	runsModel: true,
	properties: [
		...parameters.properties,
		aiToolNotice(media.tool),
		waitModeField,
		pauseNotice,
		version1PauseNotice,
		{ ...callbackUrlField, displayOptions: { show: { ...callbackUrlField.displayOptions?.show, waitMode: [WAIT_MODE.poll] } } },
		optionsCollection([
			{ ...callbackUrlOption, displayOptions: { show: { ...callbackUrlOption.displayOptions?.show, '/waitMode': [WAIT_MODE.poll] } } },
			...(parameters.options ?? []),
			{ ...numberOptionField(media.maxWait), displayOptions: { show: { '/waitMode': [WAIT_MODE.poll] } } },
			{ ...numberOptionField(media.maxWait), description: pauseMaxWaitDescription, displayOptions: { show: { '/waitMode': [WAIT_MODE.pause] } } },
			...outputOptionFields(media.results),
			numberOptionField(maxConcurrentTasksRule),
			numberOptionField(createRateLimitRule),
			allowLocalCallbackOption,
		]),
	],
	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		if (this.getNodeParameter(waitModeField.name, 0) === WAIT_MODE.pause) {
			return await pauseUntilCallback.call(this, parameters, media);
		}
		return [await createAndWait.call(this, parameters, media)];
	},
});

async function createAndWait(this: IExecuteFunctions, parameters: RequestParameters, media: TaskMedia): Promise<INodeExecutionData[]> {
	const client = await connectForCreates(this);
	const concurrency = readNumberOption(this, 0, maxConcurrentTasksRule);
	const progress = new BatchProgress(this.logger, this.getInputData().length);
	const slots = new SlotDemand();
	const watcher = new TaskWatcher({ onPoll: (task) => progress.polled(task), schedule: media.schedule, slots });

	return await runItems(this, {
		concurrency,
		prepare: async (itemIndex) => {
			const prepared = {
				create: await prepareCreate(this, itemIndex, parameters),
				settings: readOutputSettings(this, itemIndex, resultOptionsFor(this, 'createAndWait', media.results)),
				maxWaitMs: readMaxWaitMs(this, itemIndex, media.maxWait),
			};
			slots.queued();
			return prepared;
		},
		run: async (itemIndex, { create, settings, maxWaitMs }, abortSignal, createdTasks) => {
			const taskId = await slots.creates(async () => await createItemTask(this, client, itemIndex, create, abortSignal));
			createdTasks.add(taskId, itemIndex);
			progress.created(taskId, itemIndex);
			try {
				const task = await watcher.waitFor(taskId, {
					fetchTask: async () =>
						await getTask(client, taskId, { itemIndex, abortSignal, includeRaw: settings.includeRaw }),
					maxWaitMs,
					abortSignal,
				});
				progress.done(taskId, task.status === 'success' ? 'succeeded' : 'failed');
				if (task.status === 'fail') throw taskFailedError(this, task, itemIndex);
				return await toOutputItem(this, client, task, { itemIndex, settings, abortSignal });
			} catch (error) {
				if (error instanceof TaskWaitTimeoutError) {
					progress.done(taskId, 'is still running at Max Wait');
					throw timeoutError(this, error, itemIndex);
				}
				// Whatever happens after the create, the task exists: say which one.
				throw Object.assign(error as Error, { taskId: (error as { taskId?: string }).taskId ?? taskId });
			}
		},
	});
}
