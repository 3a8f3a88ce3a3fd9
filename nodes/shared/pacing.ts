import { pause } from './cancellation';
import { REPORTED_CREATE_LIMIT } from './model';

/** Margin on LiangXin's window, for the difference between its clock and ours. */
const CLOCK_MARGIN_MS = 250;
const CREATE_WINDOW_MS = REPORTED_CREATE_LIMIT.windowMs + CLOCK_MARGIN_MS;

const RECHECK_MS = 250;

/**
 * Paces the createTask calls of one execution, shared by all its items: at most `maxPerWindow`
 * creates in any window (0: no pacing), sent in call order, so a batch spends no calls on LiangXin's
 * rate limit. When a 429 does come with Retry-After, every create waits until then, not only the
 * refused one.
 */
export class CreatePacer {
	private readonly sentAt: number[] = [];

	private blockedUntil = 0;

	private turn: Promise<void> = Promise.resolve();

	constructor(
		private readonly maxPerWindow: number,
		private readonly windowMs = CREATE_WINDOW_MS,
	) {}

	/** Resolves with this create's slot once it may be sent. */
	async acquire(abortSignal?: AbortSignal): Promise<number> {
		let slot = 0;
		const mine = this.turn.then(async () => {
			for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) {
				// Short steps: a refused create may give its slot back meanwhile.
				await pause(Math.min(wait, RECHECK_MS), abortSignal);
			}
			slot = Date.now();
			this.sentAt.push(slot);
		});
		this.turn = mine.catch(() => undefined);
		await mine;
		return slot;
	}

	/** That create provably took no place in LiangXin's window (429, or the connection was refused). */
	giveBack(slot: number) {
		const index = this.sentAt.indexOf(slot);
		if (index >= 0) this.sentAt.splice(index, 1);
	}

	/** The server said how long to wait (Retry-After): nobody creates before then. */
	block(ms: number) {
		this.blockedUntil = Math.max(this.blockedUntil, Date.now() + ms);
	}

	private waitMs(): number {
		const now = Date.now();
		while (this.sentAt.length > 0 && this.sentAt[0] <= now - this.windowMs) this.sentAt.shift();
		const windowFull = this.maxPerWindow > 0 && this.sentAt.length >= this.maxPerWindow;
		const untilSlotFrees = windowFull ? this.sentAt[this.sentAt.length - this.maxPerWindow] + this.windowMs - now : 0;
		return Math.max(untilSlotFrees, this.blockedUntil - now);
	}
}
