import { KnownTasks } from './knownTasks';

/**
 * The callbacks of one pause that reach this n8n process are handled one at a time: each check then
 * builds on what the earlier ones found (KnownTasks), and once one of them has resumed the execution
 * the ones queued behind it answer at once. n8n lets only one resume win: without this, every callback that comes after the last task
 * ends would ask LiangXin about every task and download every image, only to be refused. Per
 * process: in queue mode another webhook process still does its own checks.
 *
 * Every callback held here holds a loaded execution in n8n, so the queue is bounded in length and in
 * time: a callback beyond MAX_HELD_CALLBACKS, or whose deadline passes before its turn, is told to
 * come back later (503), unchecked. One refused at the bound misses nothing the ones waiting ahead of
 * it will not see: they check after it arrived.
 */
export const MAX_HELD_CALLBACKS = 3;
/**
 * Besides those, how many callbacks of one pause may ask about the task they name at the same time,
 * without waiting for a turn: one recordInfo call each, bounded as every check's.
 */
export const MAX_VERIFYING_CALLBACKS = 4;
/** How long after a resume by this process later callbacks are answered without a check. */
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
	/** The answer when the callback is not checked now: too many are held, or its deadline came before its turn. */
	retryLater: (reason: string) => Result;
}

/** Whether `turn` settles before the deadline aborts. */
async function comesBefore(turn: Promise<void>, deadline: AbortSignal): Promise<boolean> {
	if (deadline.aborted) return false;
	let giveUp = () => {};
	const late = new Promise<boolean>((resolve) => {
		giveUp = () => resolve(false);
		deadline.addEventListener('abort', giveUp, { once: true });
	});
	try {
		return await Promise.race([turn.then(() => true), late]);
	} finally {
		deadline.removeEventListener('abort', giveUp);
	}
}

export class ResumeGate {
	/** What the checks of this process found about the pause's tasks. */
	readonly known: KnownTasks;

	/** Settles when the callback handled last is done. */
	private tail: Promise<void> = Promise.resolve();

	private users = 0;

	private verifying = 0;

	private resumedAt?: number;

	private lastUsedAt = 0;

	private constructor(private readonly now: () => number) {
		this.known = new KnownTasks(now);
	}

	static of(pauseId: string, now: () => number = Date.now): ResumeGate {
		for (const [id, gate] of gates) if (gate.users + gate.verifying === 0 && now() - gate.lastUsedAt >= FORGET_AFTER_MS) gates.delete(id);
		const gate = gates.get(pauseId) ?? new ResumeGate(now);
		gate.lastUsedAt = now();
		gates.set(pauseId, gate);
		return gate;
	}

	/** Runs `verify` beside the turn unless MAX_VERIFYING_CALLBACKS are at it already (then undefined). */
	async besideTurn<Result>(verify: () => Promise<Result>): Promise<Result | undefined> {
		if (this.verifying >= MAX_VERIFYING_CALLBACKS) return undefined;
		this.verifying += 1;
		try {
			return await verify();
		} finally {
			this.verifying -= 1;
			this.lastUsedAt = this.now();
		}
	}

	/** Handles the callback in its turn, unless `deadline` aborts first; the check itself is bounded by its caller. */
	async handle<Result>(callback: GatedCallback<Result>, deadline: AbortSignal): Promise<Result> {
		if (this.users >= MAX_HELD_CALLBACKS) return callback.retryLater('other callbacks of this execution are being checked');
		this.users += 1;
		const previous = this.tail;
		let done = () => {};
		this.tail = new Promise<void>((resolve) => (done = resolve));
		try {
			if (!(await comesBefore(previous, deadline))) return callback.retryLater('its turn did not come in time');
			// If that resume did not take (n8n refused it), a callback after RESUMED_KEPT_MS tries again.
			if (this.resumedAt !== undefined && this.now() - this.resumedAt < RESUMED_KEPT_MS) return callback.alreadyResumed();
			const result = await callback.handle();
			if (callback.resumed(result)) this.resumedAt = this.now();
			return result;
		} finally {
			this.users -= 1;
			this.lastUsedAt = this.now();
			// The next turn starts when the earlier ones are over, even if this callback gave up waiting.
			void previous.then(done);
		}
	}
}
