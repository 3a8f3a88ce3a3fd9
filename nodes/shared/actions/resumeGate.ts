/**
 * Callbacks for one pause that reach this n8n process are handled one at a time, and once one of them
 * has resumed the execution the ones queued behind it answer at once. n8n lets only one resume win:
 * without this, every callback that arrives after the last task ends would ask LiangXin about every
 * task and download every image, only to be refused. Per process: in queue mode another webhook
 * process still does its own check, as before.
 */
export const RESUMED_KEPT_MS = 30_000;

interface Gate {
	/** Settles when the callback handled last in this process is done. */
	tail: Promise<void>;
	users: number;
	resumedAt?: number;
}

const gates = new Map<string, Gate>();

export interface GatedWork<Result> {
	/** Handles the callback; `resumed(result)` says whether it resumes the execution. */
	handle: () => Promise<Result>;
	resumed: (result: Result) => boolean;
	/** The answer when another callback of this process resumed the execution shortly before. */
	alreadyResumed: () => Result;
	now?: () => number;
}

function forget(now: number) {
	for (const [pauseId, gate] of gates) {
		if (gate.users === 0 && (gate.resumedAt === undefined || now - gate.resumedAt >= RESUMED_KEPT_MS)) gates.delete(pauseId);
	}
}

export async function throughResumeGate<Result>(pauseId: string, work: GatedWork<Result>): Promise<Result> {
	const now = work.now ?? Date.now;
	forget(now());
	const gate: Gate = gates.get(pauseId) ?? { tail: Promise.resolve(), users: 0 };
	gates.set(pauseId, gate);
	gate.users += 1;
	const previous = gate.tail;
	let done = () => {};
	gate.tail = new Promise<void>((resolve) => (done = resolve));
	try {
		await previous;
		// If that resume did not take (n8n refused it), later callbacks try again after RESUMED_KEPT_MS.
		if (gate.resumedAt !== undefined && now() - gate.resumedAt < RESUMED_KEPT_MS) return work.alreadyResumed();
		const result = await work.handle();
		if (work.resumed(result)) gate.resumedAt = now();
		return result;
	} finally {
		gate.users -= 1;
		done();
	}
}
