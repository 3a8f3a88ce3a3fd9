/**
 * One resume per pause in this n8n process, and where the next check should start. n8n lets only one
 * callback resume an execution: without this, every callback that arrives after the last task ends
 * would ask LiangXin about every task and download every image, only to be refused. Checks that find a
 * task still running stay concurrent; the resume (downloads included) runs once, and the callbacks
 * that come while it runs, or shortly after, answer at once. Per process: in queue mode another
 * webhook process still does its own.
 */
export const RESUMED_KEPT_MS = 30_000;
/** A gate no callback has used for this long is forgotten (a check in progress keeps using it). */
const FORGET_AFTER_MS = 10 * 60_000;

const gates = new Map<string, ResumeGate>();

export class ResumeGate {
	private resuming?: Promise<unknown>;

	private resumedAt?: number;

	private lastUsedAt = 0;

	/**
	 * The item a check of this process last found still running: the next check asks about it first,
	 * so that while one slow task keeps a batch waiting each callback costs one recordInfo call.
	 */
	runningItem?: number;

	private constructor(private readonly now: () => number) {}

	/** The gate of a pause: the same object for every callback of this process that comes within FORGET_AFTER_MS of another. */
	static of(pauseId: string, now: () => number = Date.now): ResumeGate {
		for (const [id, gate] of gates) if (gate.isForgotten()) gates.delete(id);
		const gate = gates.get(pauseId) ?? new ResumeGate(now);
		gate.lastUsedAt = now();
		gates.set(pauseId, gate);
		return gate;
	}

	/** Whether a resume of this process is under way or was done shortly before: waits for the first. */
	async isResumed(): Promise<boolean> {
		while (this.resuming) await this.resuming.catch(() => undefined);
		return this.wasResumedRecently();
	}

	private wasResumedRecently(): boolean {
		return this.resumedAt !== undefined && this.now() - this.resumedAt < RESUMED_KEPT_MS;
	}

	/** Runs `resume` unless another callback of this process resumes (or just resumed) the pause. */
	async resumeOnce<Result>(resume: () => Promise<Result>, alreadyResumed: () => Result): Promise<Result> {
		// Two checks can find every task final at once: the second waits for the first's resume.
		if (this.resuming || this.wasResumedRecently()) {
			if (await this.isResumed()) return alreadyResumed();
			return await this.resumeOnce(resume, alreadyResumed);
		}
		const attempt = resume().then((result) => {
			this.resumedAt = this.now();
			return result;
		});
		this.resuming = attempt;
		try {
			return await attempt;
		} finally {
			this.resuming = undefined;
		}
	}

	private isForgotten(): boolean {
		return !this.resuming && this.now() - this.lastUsedAt >= FORGET_AFTER_MS;
	}
}
