import type { SlotState } from '../tasks/slotSearch';

/**
 * Whether an item of Create & Wait waits for a Max Concurrent Tasks slot that a task seen final would
 * let create at once: some item has no slot yet, and every item that has one has created its task
 * (none is still waiting for the create rate). Only then does the lag on a running task cost time.
 */
export class SlotDemand implements SlotState {
	waiting = 0;

	private creating = 0;

	/** An item was prepared: it waits for a slot. */
	queued() {
		this.waiting++;
	}

	/** An item got its slot and creates its task with `create`. */
	async creates<T>(create: () => Promise<T>): Promise<T> {
		this.waiting--;
		this.creating++;
		try {
			return await create();
		} finally {
			this.creating--;
		}
	}

	get wanted(): boolean {
		return this.waiting > 0 && this.creating === 0;
	}
}
