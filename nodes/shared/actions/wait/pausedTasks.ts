import type { IDataObject, IExecuteFunctions, INodeExecutionData, IRunExecutionData, IWebhookFunctions } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';
import { randomUUID } from 'node:crypto';

import { getTask } from '../../tasks/api';
import { toOutputItem } from '../../output/outputItem';
import type { LiangXinTask } from '../../tasks/task';
import type { LiangXinClient } from '../../transport/client';
import type { LiangXinRequest } from '../../transport/types';
import { errorJson } from '../errorItem';
import { KnownTasks } from './knownTasks';
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

/** A new pause's ID: what a callback finds in the execution, and the key of what this process learns about its tasks. */
export const newPauseId = (): string => randomUUID();

export function savePausedItems(context: IExecuteFunctions, { pauseId, items }: Pause) {
	const nodeContext = context.getContext('node');
	nodeContext[CONTEXT_KEY] = items as unknown as IDataObject[];
	nodeContext[PAUSE_ID_KEY] = pauseId;
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

/** When an item's Max Wait ends; never for an item saved without one. */
export const deadlineOf =
	(items: PausedItem[]) =>
	(itemIndex: number): number =>
		items[itemIndex].deadline ?? Infinity;

type CheckBudget = Pick<LiangXinRequest, 'retry' | 'timeoutMs'>;

/**
 * Asks LiangXin about an item's task and records the answer in `known`, except a task still running
 * past its item's Max Wait: that one is returned unrecorded, for the check in turn to settle.
 */
export async function askAbout(
	client: LiangXinClient,
	items: PausedItem[],
	known: KnownTasks,
	itemIndex: number,
	{ budget, now = Date.now }: { budget?: CheckBudget; now?: () => number } = {},
): Promise<{ task: LiangXinTask; pastMaxWait: boolean }> {
	const { taskId, includeRaw } = items[itemIndex];
	const task = await getTask(client, taskId as string, { itemIndex, includeRaw, ...budget });
	const pastMaxWait = task.status === 'pending' && now() >= deadlineOf(items)(itemIndex);
	if (!pastMaxWait) known.record(itemIndex, task);
	return { task, pastMaxWait };
}

export interface CheckOrder {
	/** The item whose task the callback names: asked about first. Only a hint: its task is asked about like any other. */
	hint?: number;
	/**
	 * Whether the check may end after the hinted task while the task last found running is trusted
	 * to run on (KnownTasks.trustsRunning): the other tasks' own callbacks tell when they end.
	 */
	trustRunning?: boolean;
	/** Asks in input order, oldest first (the check before the pause, when the oldest are the likeliest done); newest first otherwise. */
	oldestFirst?: boolean;
	/** How each recordInfo call is bounded; the default retry policy when unset. */
	budget?: CheckBudget;
	now?: () => number;
}

/**
 * Asks LiangXin about the items' tasks not yet known final and stops at the first one still running
 * within its Max Wait (undefined); otherwise the tasks by item (none for an item that failed before
 * the pause), those still running past their Max Wait included.
 *
 * Every callback runs this, and nothing it learns can be saved in the paused execution: what it
 * finds is kept in `known`, in this process. A task found final is never asked about again, and the
 * task last found running is asked about first: while it runs, one call ends the check.
 */
export async function finalTasks(
	client: LiangXinClient,
	items: PausedItem[],
	known: KnownTasks,
	{ hint, trustRunning = false, oldestFirst = false, budget, now = Date.now }: CheckOrder = {},
): Promise<Array<LiangXinTask | undefined> | undefined> {
	const pastMaxWait = new Map<number, LiangXinTask>();
	const deadline = deadlineOf(items);
	const open = (itemIndex: number) => items[itemIndex].taskId !== undefined && !known.isKnownFinal(itemIndex) && !pastMaxWait.has(itemIndex);
	/** Asks about an item's task: whether it is settled, final or running past its item's Max Wait. */
	const settles = async (itemIndex: number) => {
		const answer = await askAbout(client, items, known, itemIndex, { budget, now });
		if (answer.pastMaxWait) pastMaxWait.set(itemIndex, answer.task);
		return answer.task.status !== 'pending' || answer.pastMaxWait;
	};
	if (hint !== undefined && open(hint) && !(await settles(hint))) return undefined;
	const openItems = items.map((_, itemIndex) => itemIndex).filter(open);
	if (openItems.length > 0 && trustRunning && known.trustsRunning(deadline)) return undefined;
	const { runningItem } = known;
	const inOrder = oldestFirst ? openItems : openItems.reverse();
	const order = runningItem !== undefined && open(runningItem) ? [runningItem, ...inOrder.filter((index) => index !== runningItem)] : inOrder;
	for (const itemIndex of order) if (!(await settles(itemIndex))) return undefined;
	return items.map((_, itemIndex) => known.final(itemIndex) ?? pastMaxWait.get(itemIndex));
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

/** finalTasks oldest first, then their output items: undefined while a task is still running. */
export async function settledItems(
	context: IExecuteFunctions | IWebhookFunctions,
	client: LiangXinClient,
	items: PausedItem[],
	known: KnownTasks = new KnownTasks(),
): Promise<INodeExecutionData[] | undefined> {
	const tasks = await finalTasks(client, items, known, { oldestFirst: true });
	return tasks && (await outputItems(context, client, items, tasks));
}
