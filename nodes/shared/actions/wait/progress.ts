import type { Logger } from 'n8n-workflow';

import type { LiangXinTask } from '../../tasks/task';

const SUMMARY_EVERY_MS = 15_000;

/** Logs what a person waiting on a batch wants to know: each result, and a summary now and then. */
export class BatchProgress {
	private finished = 0;
	private lastSummaryAt: number;
	private readonly states = new Map<string, string>();

	constructor(
		private readonly logger: Logger,
		private readonly total: number,
		private readonly now: () => number = Date.now,
	) {
		this.lastSummaryAt = now();
	}

	created(taskId: string, itemIndex: number) {
		this.states.set(taskId, 'created');
		this.logger.info(`LiangXin: item ${itemIndex} created task ${taskId}`);
	}

	polled(task: LiangXinTask) {
		this.states.set(task.taskId, task.state);
		if (this.now() - this.lastSummaryAt < SUMMARY_EVERY_MS) return;
		this.lastSummaryAt = this.now();
		const running = [...this.states.values()].filter((state) => !['success', 'fail'].includes(state)).length;
		this.logger.info(
			`LiangXin: ${this.finished}/${this.total} tasks finished, ${running} still generating, ${this.total - this.finished - running} not started`,
		);
	}

	done(taskId: string, outcome: string) {
		this.finished++;
		this.states.delete(taskId);
		this.logger.info(`LiangXin: task ${taskId} ${outcome} (${this.finished}/${this.total} done)`);
	}
}
