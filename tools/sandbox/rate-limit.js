'use strict';

/** Sliding-window limiter: at most `max` accepted calls per key in any `windowMs` span. */
function createSlidingWindowLimiter() {
	/** @type {Map<string, number[]>} key -> times of accepted calls, oldest first */
	const acceptedAt = new Map();

	function recentCalls(key, windowMs, now) {
		const recent = (acceptedAt.get(key) ?? []).filter((at) => at > now - windowMs);
		acceptedAt.set(key, recent);
		return recent;
	}

	return {
		/**
		 * @param {{ max: number, windowMs: number }} limit
		 * @returns {number} 0 when a call is allowed now, else whole seconds until a slot frees
		 */
		retryAfterSeconds(key, limit, now) {
			const recent = recentCalls(key, limit.windowMs, now);
			if (recent.length < limit.max) return 0;
			const slotFreesAt = recent[recent.length - limit.max] + limit.windowMs;
			return Math.max(1, Math.ceil((slotFreesAt - now) / 1000));
		},
		record(key, now) {
			const calls = acceptedAt.get(key) ?? [];
			calls.push(now);
			acceptedAt.set(key, calls);
		},
		clear() {
			acceptedAt.clear();
		},
	};
}

module.exports = { createSlidingWindowLimiter };
