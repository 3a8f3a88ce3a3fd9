import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { getTask } from '../tasks/api';
import { TaskWaitTimeoutError, TaskWatcher } from '../tasks/polling';
import type { LiangXinTask } from '../tasks/task';
import { LiangXinClient } from '../transport/client';
import { toOutputItem } from '../output/outputItem';
import type { ResultOptions } from '../output/outputOptions';
import { outputOptionFields } from '../output/outputOptions';
import { optionsCollection, readMaxWaitMs } from '../parameters/fields';
import { numberOptionField } from '../parameters/numberOption';
import { readOutputSettings, resultOptionsFor } from '../parameters/outputSettings';
import type { Operation } from './operation';
import { runItems } from './runItems';
import type { TaskMedia } from './taskMedia';
import { taskFailedError, timeoutError } from './wait/waitErrors';

const READ_CONCURRENCY = 10;

/** Get Task downloads as Generate does, from version 1.1 (the Max Wait recipe needs the files). */
const getTaskResults = ({ results: { download, ...results }, words }: TaskMedia): ResultOptions => ({
	...results,
	download: {
		...download,
		description: `${download.description}. On unless set, as in Generate ${words.title}; off when an AI agent uses this node as a tool, and in nodes added before version 1.1.`,
	},
});

const waitUntilDoneField: INodeProperties = {
	displayName: 'Wait Until Done',
	name: 'waitUntilDone',
	type: 'boolean',
	default: false,
	description:
		'Whether to wait, up to Max Wait, until the task has succeeded or failed, asking LiangXin as Generate Image or Generate Video does; a failed task then follows On Error. Use it for the items of Pause Until Callback that reached Max Wait, with Task ID set to each item\'s taskId.',
};

const taskIdField: INodeProperties = {
	displayName: 'Task ID',
	name: 'taskId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'task_nano-banana-pro_1777600000000',
	description: 'The ID Start Generation returned, or the taskId of an item that reached Max Wait',
};

/** Gets the state and the files of a task by its ID; with Wait Until Done, its final state. */
export function getTaskOperation(media: TaskMedia): Operation {
	return {
		option: {
			name: 'Get Generation',
			value: 'getTask',
			action: `Get ${media.words.one} generation by its task ID`,
			description: `Get the state and the ${media.words.many} of a generation by its task ID`,
		},
		properties: [
			taskIdField,
			waitUntilDoneField,
			optionsCollection([
				{ ...numberOptionField(media.maxWait), displayOptions: { show: { [`/${waitUntilDoneField.name}`]: [true] } } },
				...outputOptionFields(getTaskResults(media)),
			]),
		],
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			return await getTasks.call(this, media);
		},
	};
}

async function getTasks(this: IExecuteFunctions, media: TaskMedia): Promise<INodeExecutionData[][]> {
	const client = await LiangXinClient.connect(this);
	const watcher = new TaskWatcher({ schedule: media.schedule });
	const items = await runItems(this, {
		concurrency: READ_CONCURRENCY,
		prepare: async (itemIndex) => {
			const taskId = String(this.getNodeParameter('taskId', itemIndex, '')).trim();
			if (!taskId) {
				throw new NodeOperationError(this.getNode(), `Item ${itemIndex}: Task ID is required`, { itemIndex });
			}
			const waitUntilDone = this.getNodeParameter(waitUntilDoneField.name, itemIndex, false) === true;
			return {
				taskId,
				maxWaitMs: waitUntilDone ? readMaxWaitMs(this, itemIndex, media.maxWait) : undefined,
				settings: readOutputSettings(this, itemIndex, resultOptionsFor(this, 'getTask', media.results)),
			};
		},
		run: async (itemIndex, { taskId, maxWaitMs, settings }, abortSignal) => {
			const fetchTask = async () => await getTask(client, taskId, { itemIndex, abortSignal, includeRaw: settings.includeRaw });
			const task = maxWaitMs === undefined ? await fetchTask() : await finalTask(this, watcher, { taskId, itemIndex, maxWaitMs, abortSignal, fetchTask });
			return await toOutputItem(this, client, task, { itemIndex, settings, abortSignal });
		},
	});
	return [items];
}

interface FinalTaskRequest {
	taskId: string;
	itemIndex: number;
	maxWaitMs: number;
	abortSignal: AbortSignal;
	fetchTask: () => Promise<LiangXinTask>;
}

/**
 * The task once it succeeded; a failed task, or one still running at Max Wait, is an error naming it.
 * A task asked about this late is usually done: it is asked about once, and only a running one is
 * handed to the watcher, which then asks on Create & Wait's schedule.
 */
async function finalTask(
	context: IExecuteFunctions,
	watcher: TaskWatcher,
	{ taskId, itemIndex, maxWaitMs, abortSignal, fetchTask }: FinalTaskRequest,
): Promise<LiangXinTask> {
	let task = await fetchTask();
	if (task.status === 'pending') {
		task = await watcher.waitFor(taskId, { fetchTask, maxWaitMs, abortSignal }).catch((error: unknown) => {
			throw error instanceof TaskWaitTimeoutError ? timeoutError(context, error, itemIndex) : error;
		});
	}
	if (task.status === 'fail') throw taskFailedError(context, task, itemIndex);
	return task;
}
