// @ts-check
'use strict';
// The state of a running sandbox, shared by its request handlers and its API.
const { createDurationRandom } = require('./durations');
const { createFaultQueue } = require('./faults');
const { createImageStore } = require('./images');
const { createRandom } = require('./random');
const { createSlidingWindowLimiter } = require('./rate-limit');
const { createTaskIdGenerator } = require('./tasks');
const { createTimerRegistry } = require('./timers');

/** @typedef {import('./types').LogEntry} LogEntry */

/** @param {number | null} seed null: a fresh random seed */
function seededRandom(seed) {
	return createRandom(seed ?? Math.floor(Math.random() * 2 ** 32));
}

/** @param {import('./types').SandboxOptions} options */
function createContext(options) {
	/** @type {LogEntry[]} */
	const log = [];
	/** @type {Set<(entry: LogEntry) => void>} */
	const logListeners = new Set();
	return {
		options,
		random: seededRandom(options.seed),
		durationRandom: createDurationRandom(options.seed),
		/** Set once the server listens. */
		baseUrl: '',
		log,
		/** @type {Map<string, import('./types').SandboxTask>} */
		tasks: new Map(),
		nextTaskId: createTaskIdGenerator(),
		faults: createFaultQueue(),
		rateLimiter: createSlidingWindowLimiter(),
		images: createImageStore(),
		responseTimers: createTimerRegistry(),
		callbackTimers: createTimerRegistry(),
		logListeners,
		/** @param {LogEntry} entry */
		recordLog(entry) {
			log.push(entry);
			for (const listener of logListeners) listener(entry);
		},
	};
}

/** @typedef {ReturnType<typeof createContext>} SandboxContext */

/**
 * Restarts the random sequences from the seed in force, so that a run can be replayed.
 * @param {SandboxContext} ctx
 */
function reseed(ctx) {
	ctx.random = seededRandom(ctx.options.seed);
	ctx.durationRandom = createDurationRandom(ctx.options.seed);
}

module.exports = { createContext, reseed };
