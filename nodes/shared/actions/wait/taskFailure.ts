import type { LiangXinTask } from '../../tasks/task';

/** How a task LiangXin reports as failed is described, in an error or an error item. */
export function taskFailure(task: LiangXinTask) {
	const reason = [task.failCode, task.failMsg].filter(Boolean).join(' ') || 'no reason given';
	return {
		message: `LiangXin task ${task.taskId} failed: ${reason}`,
		description: 'LiangXin reports that the task failed. Change the prompt or the images and run the item again.',
	};
}
