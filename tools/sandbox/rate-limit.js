// @ts-check
'use strict';

/** Sliding-window limiter: at most `max` accepted calls per key in any `windowMs` span. */
function createSlidingWindowLimiter() {
	/** @type {Map<string, number[]>} key -> times of accepted calls, oldest first */
	const acceptedAt = new Map();

	/** @param {string} key @param {number} windowMs @param {number} now */
	function recentCalls(key, windowMs, now) {
		const recent = (acceptedAt.get(key) ?? []).filter((at) => at > now - windowMs);
		acceptedAt.set(key, recent);
		return recent;
	}

	return {
		/**
		 * @param {string} key
		 * @param {import('./types').RateLimit} limit
		 * @param {number} now
		 * @returns {number} 0 when a call is allowed now, else whole seconds until a slot frees
		 */
		retryAfterSeconds(key, limit, now) {
			const recent = recentCalls(key, limit.windowMs, now);
			if (recent.length < limit.max) return 0;
			const slotFreesAt = recent[recent.length - limit.max] + limit.windowMs;
			return Math.max(1, Math.ceil((slotFreesAt - now) / 1000));
		},
		/** @param {string} key @param {number} now */
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
