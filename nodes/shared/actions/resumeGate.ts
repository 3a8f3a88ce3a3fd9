/**
 * The callbacks of one pause that reach this n8n process are handled one at a time: each check then
 * starts with the task the last one found still running (one recordInfo call while a slow task holds
 * the batch), and once one of them has resumed the execution the ones queued behind it answer at
 * once. n8n lets only one resume win: without this, every callback that comes after the last task
 * ends would ask LiangXin about every task and download every image, only to be refused. Per
 * process: in queue mode another webhook process still does its own checks.
 */
export const RESUMED_KEPT_MS = 30_000;
/** A gate no callback has used for this long is forgotten. */
const FORGET_AFTER_MS = 10 * 60_000;

const gates = new Map<string, ResumeGate>();

export interface GatedCallback<Result> {
	/** Asks LiangXin and resumes when every task is final. */
	handle: () => Promise<Result>;
	resumed: (result: Result) => boolean;
	/** The answer when a callback of this process resumed the execution shortly before. */
	alreadyResumed: () => Result;
}

export class ResumeGate {
	/** The item a check of this process last found still running: the next check asks about it first. */
	runningItem?: number;

	/** Settles when the callback handled last is done. */
	private tail: Promise<void> = Promise.resolve();

	private users = 0;

	private resumedAt?: number;

	private lastUsedAt = 0;

	private constructor(private readonly now: () => number) {}

	static of(pauseId: string, now: () => number = Date.now): ResumeGate {
		for (const [id, gate] of gates) if (gate.users === 0 && now() - gate.lastUsedAt >= FORGET_AFTER_MS) gates.delete(id);
		const gate = gates.get(pauseId) ?? new ResumeGate(now);
		gate.lastUsedAt = now();
		gates.set(pauseId, gate);
		return gate;
	}

	async handle<Result>(callback: GatedCallback<Result>): Promise<Result> {
		this.users += 1;
		const previous = this.tail;
		let done = () => {};
		this.tail = new Promise<void>((resolve) => (done = resolve));
		try {
			await previous;
			// If that resume did not take (n8n refused it), a callback after RESUMED_KEPT_MS tries again.
			if (this.resumedAt !== undefined && this.now() - this.resumedAt < RESUMED_KEPT_MS) return callback.alreadyResumed();
			const result = await callback.handle();
			if (callback.resumed(result)) this.resumedAt = this.now();
			return result;
		} finally {
			this.users -= 1;
			this.lastUsedAt = this.now();
			done();
		}
	}
}
