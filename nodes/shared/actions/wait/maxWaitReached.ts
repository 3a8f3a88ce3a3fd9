import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

/** A paused item: its task, or the error item it already is. */
interface PausedOutcome {
	taskId?: string;
	errorItem?: IDataObject;
}

export const MAX_WAIT_REACHED_MESSAGE =
	'No callback resumed this execution by Max Wait. The task may still be running: get its outcome with Get Generation and Wait Until Done.';

/** What an item says of a task a callback found still running after the item's Max Wait. */
export const TASK_PAST_MAX_WAIT_MESSAGE =
	"The task was still running after this item's Max Wait and may still finish: get its outcome with Get Generation and Wait Until Done.";

/** What an item says when its Max Wait passed without an outcome: its task, to fetch, or the error it already is. */
export function maxWaitReachedItem(item: PausedOutcome, itemIndex: number, message = MAX_WAIT_REACHED_MESSAGE): INodeExecutionData {
	const pairedItem = { item: itemIndex };
	if (!item.taskId) return { json: { ...item.errorItem }, pairedItem };
	return { json: { maxWaitReached: true, taskId: item.taskId, message }, pairedItem };
}

/**
 * Sets what n8n outputs if the pause ends at Max Wait. n8n then resumes the execution without
 * running the node: `handleWaitingState` (n8n-core's WorkflowExecute) disables it, and
 * `handleDisabledNode` outputs its saved input, `executionData.data.main[0]`, on the first output.
 * That array belongs to this run alone (`processRunExecutionData` rebuilt it before running the
 * node: `addPairedItemLineage` in n8n 2.x, inline in 1.x), and the same `executionData` goes back on
 * the stack and is saved with the waiting execution. So its elements are replaced, one per item the
 * node ran (all of it, even when Execute Once showed the node only the first), in order; the items
 * themselves are left alone, as their `json` is the previous node's output. A callback that resumes
 * the pause replaces the whole input with the results, so this never shows then.
 */
export function setMaxWaitReachedItems(context: IExecuteFunctions, items: PausedOutcome[]) {
	const savedInput = context.getExecuteData().data.main[0];
	savedInput?.splice(0, savedInput.length, ...items.map((item, itemIndex) => maxWaitReachedItem(item, itemIndex)));
}
