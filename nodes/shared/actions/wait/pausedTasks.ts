import type { IDataObject, IExecuteFunctions, INodeExecutionData, IRunExecutionData, IWebhookFunctions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import { getTask } from '../../tasks/api';
import { toOutputItem } from '../../output/outputItem';
import type { LiangXinTask } from '../../tasks/task';
import type { LiangXinClient } from '../../transport/client';
import type { LiangXinRequest } from '../../transport/types';
import { errorJson } from '../errorItem';
import { maxWaitReachedItem, TASK_PAST_MAX_WAIT_MESSAGE } from './maxWaitReached';
import type { OutputSettings } from '../../output/outputItem';
import { taskFailure } from './taskFailure';

/** What an item needs after the pause: its task, or the error item it already is, and how to output it. */
export interface PausedItem extends OutputSettings {
	taskId?: string;
	/**
	 * When the item's Max Wait ends (ms since the epoch): a check after it settles a task still running
	 * as Max Wait Reached. Optional: without it an item's task waits for a callback or the pause's end.
	 */
	deadline?: number;
	errorItem?: IDataObject;
}

/** What a pause keeps in its node context: the items, and an ID that tells this pause from any other. */
export interface Pause {
	pauseId: string;
	items: PausedItem[];
}

const CONTEXT_KEY = 'pausedItems';
const PAUSE_ID_KEY = 'pauseId';

export function savePausedItems(context: IExecuteFunctions, items: PausedItem[]) {
	const nodeContext = context.getContext('node');
	nodeContext[CONTEXT_KEY] = items as unknown as IDataObject[];
	nodeContext[PAUSE_ID_KEY] = randomUUID();
}

/**
 * The pause the execution saved in its node context. The webhook context holds that execution's
 * data at run time but does not declare it, nor `getContext`: hence the narrow cast.
 */
export function loadPause(context: IWebhookFunctions): Pause | undefined {
	const { runExecutionData } = context as unknown as { runExecutionData?: IRunExecutionData | null };
	if (!runExecutionData?.executionData) return undefined;
	const nodeContext = NodeHelpers.getContext(runExecutionData, 'node', context.getNode());
	const items = nodeContext[CONTEXT_KEY];
	const pauseId = nodeContext[PAUSE_ID_KEY];
	return Array.isArray(items) && typeof pauseId === 'string' ? { pauseId, items: items as unknown as PausedItem[] } : undefined;
}

/** The indexes 0..count-1 in a random order (Fisher-Yates), `first` (if any) first. */
function randomOrder(count: number, random: () => number, first?: number): number[] {
	const order = Array.from({ length: count }, (_, index) => index);
	for (let last = count - 1; last > 0; last--) {
		const pick = Math.floor(random() * (last + 1));
		[order[last], order[pick]] = [order[pick], order[last]];
	}
	return first === undefined ? order : [first, ...order.filter((index) => index !== first)];
}

export interface CheckOrder {
	random?: () => number;
	/** The item to ask about first: the one a check of this process last found running. */
	first?: number;
	/** Told which item was found still running. */
	onRunning?: (itemIndex: number) => void;
	/** How each recordInfo call is bounded; the default retry policy when unset. */
	budget?: Pick<LiangXinRequest, 'retry' | 'timeoutMs'>;
}

/**
 * Asks LiangXin about the items' tasks and stops at the first one still running within its Max Wait
 * (undefined); otherwise the tasks by item (none for an item that failed before the pause), those
 * still running past their Max Wait included.
 *
 * Every callback runs this, and nothing it learns can be kept, so the order of the checks sets the
 * cost: in input order, tasks that finish in the order they were created cost N²/2 recordInfo calls
 * for a batch of N. In a random order a check with m of N tasks still running costs about N/(m + 1)
 * calls whatever the order they finish in, about N·ln N for the whole batch.
 */
export async function finalTasks(
	client: LiangXinClient,
	items: PausedItem[],
	{ random = Math.random, first, onRunning, budget }: CheckOrder = {},
): Promise<Array<LiangXinTask | undefined> | undefined> {
	const tasks: Array<LiangXinTask | undefined> = Array.from({ length: items.length });
	for (const itemIndex of randomOrder(items.length, random, first)) {
		const { taskId, includeRaw, deadline = Infinity } = items[itemIndex];
		if (!taskId) continue;
		const task = await getTask(client, taskId, { itemIndex, includeRaw, ...budget });
		if (task.status === 'pending' && Date.now() < deadline) {
			onRunning?.(itemIndex);
			return undefined;
		}
		tasks[itemIndex] = task;
	}
	return tasks;
}

/**
 * One output item per paused item, in order, paired; failed tasks and failed downloads as error items
 * naming their task, a task still running past its Max Wait as a Max Wait Reached item.
 */
export async function outputItems(
	context: IExecuteFunctions | IWebhookFunctions,
	client: LiangXinClient,
	items: PausedItem[],
	tasks: Array<LiangXinTask | undefined>,
): Promise<INodeExecutionData[]> {
	return await Promise.all(
		items.map(async (item, itemIndex): Promise<INodeExecutionData> => {
			const pairedItem = { item: itemIndex };
			const task = tasks[itemIndex];
			if (!task) return { json: item.errorItem ?? {}, pairedItem };
			if (task.status === 'pending') return maxWaitReachedItem(item, itemIndex, TASK_PAST_MAX_WAIT_MESSAGE);
			if (task.status === 'fail') return { json: errorJson(context, { ...taskFailure(task), taskId: task.taskId }), pairedItem };
			try {
				const output = await toOutputItem(context, client, task, { itemIndex, settings: item });
				return { ...output, pairedItem };
			} catch (error) {
				return { json: errorJson(context, { message: (error as Error).message, taskId: task.taskId }), pairedItem };
			}
		}),
	);
}

/** finalTasks, then their output items: undefined while a task is still running. */
export async function settledItems(
	context: IExecuteFunctions | IWebhookFunctions,
	client: LiangXinClient,
	items: PausedItem[],
	random: () => number = Math.random,
): Promise<INodeExecutionData[] | undefined> {
	const tasks = await finalTasks(client, items, { random });
	return tasks && (await outputItems(context, client, items, tasks));
}
