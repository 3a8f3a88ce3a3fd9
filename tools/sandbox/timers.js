// @ts-check
'use strict';

/**
 * Timers and outgoing requests that can all be cancelled at once, so that reset() drops pending
 * callbacks and close() leaves no handle behind.
 */
function createTimerRegistry() {
	/** @type {Set<NodeJS.Timeout>} */
	const pending = new Set();
	let aborter = new AbortController();
	return {
		/**
		 * Runs `action` after `ms` unless cancelled first.
		 * @param {number} ms @param {() => void} action
		 */
		schedule(ms, action) {
			const timer = setTimeout(() => {
				pending.delete(timer);
				action();
			}, ms);
			pending.add(timer);
		},
		/**
		 * Resolves after `ms`; never resolves if cancelled first.
		 * @param {number} ms @returns {Promise<void>}
		 */
		delay(ms) {
			return new Promise((resolve) => this.schedule(ms, () => resolve()));
		},
		/** Aborted by cancelAll(); for outgoing requests. */
		get signal() {
			return aborter.signal;
		},
		cancelAll() {
			for (const timer of pending) clearTimeout(timer);
			pending.clear();
			aborter.abort();
			aborter = new AbortController();
		},
	};
}

module.exports = { createTimerRegistry };
