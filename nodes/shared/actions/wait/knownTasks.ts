import type { LiangXinTask } from '../../tasks/task';

/**
 * How long a task found still running is trusted to be running: a callback that names a task of the
 * pause asks about that task alone while the task the node last found running was asked about this
 * recently. Each task's own callback tells when it ends; this bounds how late a task whose callback
 * was lost is noticed (by the first callback after it), at about one recordInfo call per this span.
 */
export const RUNNING_TRUSTED_MS = 30_000;

interface FoundRunning {
	itemIndex: number;
	at: number;
}

/**
 * What this n8n process has verified with LiangXin about one pause's tasks. A task found final stays
 * final, so it is never asked about again; nothing here comes from a callback's body. Lost with the
 * process: after a restart the first callback asks about every task again.
 */
export class KnownTasks {
	private readonly finalTasks = new Map<number, LiangXinTask>();

	private running?: FoundRunning;

	constructor(private readonly now: () => number = Date.now) {}

	final(itemIndex: number): LiangXinTask | undefined {
		return this.finalTasks.get(itemIndex);
	}

	isKnownFinal(itemIndex: number): boolean {
		return this.finalTasks.has(itemIndex);
	}

	/** Records what LiangXin answered about an item's task. */
	record(itemIndex: number, task: LiangXinTask) {
		if (task.status === 'pending') {
			this.running = { itemIndex, at: this.now() };
			return;
		}
		this.finalTasks.set(itemIndex, task);
		if (this.running?.itemIndex === itemIndex) this.running = undefined;
	}

	/** The item last found running, unless it has been found final since: asked about first. */
	get runningItem(): number | undefined {
		return this.running?.itemIndex;
	}

	/** Whether the item last found running was found so less than RUNNING_TRUSTED_MS ago, and is within `deadline`. */
	trustsRunning(deadline: (itemIndex: number) => number): boolean {
		if (!this.running) return false;
		const now = this.now();
		return now - this.running.at < RUNNING_TRUSTED_MS && now < deadline(this.running.itemIndex);
	}
}
