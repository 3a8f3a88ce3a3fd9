import { pause } from '../util/cancellation';
import { REPORTED_CREATE_LIMIT } from '../platform/limits';

/**
 * Margin on LiangXin's window. A create's place runs from its answer, after LiangXin counted it, and the
 * next create reaches LiangXin after it is sent: only timer and clock granularity is left to cover.
 */
const CLOCK_MARGIN_MS = 50;
const CREATE_WINDOW_MS = REPORTED_CREATE_LIMIT.windowMs + CLOCK_MARGIN_MS;

const RECHECK_MS = 250;

/** A create's place in the window: from when it was sent, and once answered, from its answer. */
export interface CreateSlot {
	at: number;
}

/**
 * Paces the createTask calls of one execution, shared by all its items: at most `maxPerWindow`
 * creates in any window (0: no pacing), sent in call order, so a batch spends no calls on LiangXin's
 * rate limit. When a 429 does come with Retry-After, every create waits until then, not only the
 * refused one.
 */
export class CreatePacer {
	private readonly slots: CreateSlot[] = [];

	private blockedUntil = 0;

	private turn: Promise<void> = Promise.resolve();

	constructor(
		private readonly maxPerWindow: number,
		private readonly windowMs = CREATE_WINDOW_MS,
	) {}

	/** Resolves with this create's slot once it may be sent. */
	async acquire(abortSignal?: AbortSignal): Promise<CreateSlot> {
		const slot = { at: 0 };
		const mine = this.turn.then(async () => {
			for (let wait = this.waitMs(); wait > 0; wait = this.waitMs()) {
				// Short steps: a refused create may give its slot back meanwhile.
				await pause(Math.min(wait, RECHECK_MS), abortSignal);
			}
			slot.at = Date.now();
			this.slots.push(slot);
		});
		this.turn = mine.catch(() => undefined);
		await mine;
		return slot;
	}

	/**
	 * The create was answered (or its connection ended): LiangXin counted it at some moment before
	 * now, so its place in the window runs from now. A slow network or a busy process can delay a
	 * create's arrival, but can then no longer make the next window open early.
	 */
	answered(slot: CreateSlot) {
		slot.at = Date.now();
		this.slots.sort((first, second) => first.at - second.at);
	}

	/** That create provably took no place in LiangXin's window (429, or the connection was refused). */
	giveBack(slot: CreateSlot) {
		const index = this.slots.indexOf(slot);
		if (index >= 0) this.slots.splice(index, 1);
	}

	/** The server said how long to wait (Retry-After): nobody creates before then. */
	block(ms: number) {
		this.blockedUntil = Math.max(this.blockedUntil, Date.now() + ms);
	}

	private waitMs(): number {
		const now = Date.now();
		while (this.slots.length > 0 && this.slots[0].at <= now - this.windowMs) this.slots.shift();
		const windowFull = this.maxPerWindow > 0 && this.slots.length >= this.maxPerWindow;
		const untilSlotFrees = windowFull ? this.slots[this.slots.length - this.maxPerWindow].at + this.windowMs - now : 0;
		return Math.max(untilSlotFrees, this.blockedUntil - now);
	}
}
