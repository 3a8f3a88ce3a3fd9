import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** An error that discards the execution's outputs, extended with the tasks it leaves behind. */
interface UndeliveredTasksError {
	description?: string | null;
	undeliveredTaskIds?: string[];
}

/**
 * The tasks an execution created. LiangXin bills each one, so an error that discards the outputs
 * names them all: the user can fetch them with Get Task instead of creating them again.
 */
export class CreatedTasks {
	private readonly itemByTask = new Map<string, number>();

	constructor(private readonly node: INode) {}

	/** Records the task an item's create returned; the same task returned for a second item is that item's error. */
	add(taskId: string, itemIndex: number) {
		const firstItem = this.itemByTask.get(taskId);
		if (firstItem !== undefined && firstItem !== itemIndex) {
			throw new NodeOperationError(
				this.node,
				`LiangXin returned task ${taskId} for item ${itemIndex}, but had already returned it for item ${firstItem}`,
				{
					itemIndex,
					description: `LiangXin answered two creates with the same task, so item ${itemIndex} has no task of its own. Item ${firstItem} gets task ${taskId}; check your LiangXin tasks before running item ${itemIndex} again.`,
				},
			);
		}
		this.itemByTask.set(taskId, itemIndex);
	}

	/**
	 * Names every created task in an error that is about to discard all outputs: the message says what
	 * to do, the description and `undeliveredTaskIds` list them all. `onErrorHelps` when the error is an
	 * item's, which On Error set to continue would have kept to that item.
	 */
	nameIn<E extends Error & UndeliveredTasksError>(error: E, { onErrorHelps }: { onErrorHelps: boolean }): E {
		const taskIds = [...this.itemByTask.keys()];
		if (taskIds.length === 0) return error;
		const one = taskIds.length === 1;
		const tasks = `${taskIds.length} LiangXin task${one ? '' : 's'}`;
		const onError = onErrorHelps ? ", or set this node's Settings > On Error to Continue so that one failed item keeps the others' results" : '';
		const getThem = one ? 'get it with Get Generation (its task ID is in the details)' : 'get them with Get Generation (their task IDs are in the details)';
		error.message = `${error.message.replace(/\.$/, '')}. This run created ${tasks} whose results are not delivered: ${getThem}${onError}`;
		const list = `This execution created ${tasks} whose results are not delivered (LiangXin bills them): ${taskIds.join(', ')}. Fetch them with the Get Generation operation: running the node again creates new tasks.`;
		error.description = error.description ? `${error.description}\n\n${list}` : list;
		error.undeliveredTaskIds = taskIds;
		return error;
	}
}
