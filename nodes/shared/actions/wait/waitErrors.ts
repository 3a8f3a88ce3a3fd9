import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { TaskWaitTimeoutError } from '../../tasks/polling';
import type { LiangXinTask } from '../../tasks/task';
import { taskFailure } from './taskFailure';

/** The errors a wait for a task ends with; each names its task, so that a continue-on-fail item carries the ID. */

export function taskFailedError(context: IExecuteFunctions, task: LiangXinTask, itemIndex: number) {
	const { message, description } = taskFailure(task);
	return Object.assign(new NodeOperationError(context.getNode(), message, { itemIndex, description }), {
		taskId: task.taskId,
	});
}

export function timeoutError(context: IExecuteFunctions, error: TaskWaitTimeoutError, itemIndex: number) {
	return Object.assign(
		new NodeOperationError(context.getNode(), error.message, {
			itemIndex,
			description: `The task may still finish: fetch it later with Get Generation and task ID ${error.taskId}, or raise Max Wait.`,
		}),
		{ taskId: error.taskId },
	);
}
