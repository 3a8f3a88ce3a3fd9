// @ts-check
'use strict';
// Deterministic randomness: every random decision of the sandbox goes through a seeded
// generator so that a run with a fixed `seed` option can be replayed exactly.

/**
 * FNV-1a hash of a string, used to derive per-task seeds.
 * @param {string} text
 */
function hashString(text) {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/**
 * mulberry32: small, fast, good enough for test data.
 * @param {number} seed
 * @returns {() => number} uniform in [0, 1)
 */
function createRandom(seed) {
	let state = seed >>> 0;
	return function next() {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

module.exports = { createRandom, hashString };
