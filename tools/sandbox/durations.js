// @ts-check
'use strict';
// How long a task takes. By default uniform (taskDurationMs ± taskDurationJitterMs); with the
// `taskDurations` option, heavy-tailed like real image jobs: log-normal, a share of very long
// tasks, capped, and slower for bigger resolutions. Video tasks take minutes (`videoDurations`).
// Every duration is then multiplied by `durationScale`, so that tests, the demo and the bench can run
// jobs of minutes in seconds with the same shape. Durations come from their own seeded stream,
// one draw per created task, so that every client that creates the same number of tasks gets the
// same durations in creation order, whatever else (faults, polls) it triggered in between.
const { createRandom, hashString } = require('./random');

/**
 * A standard normal draw (Box-Muller).
 * @param {() => number} random
 */
function standardNormal(random) {
	const u = 1 - random(); // (0, 1]: log(0) is not a number
	return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * @param {import('./types').TaskDurationDistribution} distribution
 * @param {string} resolution
 * @param {() => number} random
 */
function heavyTailedMs(distribution, resolution, random) {
	const { medianMs, sigma, longShare, longMinMs, maxMs, minMs = 0, resolutionFactors } = distribution;
	const long = random() < longShare;
	const base = long ? longMinMs + random() * (maxMs - longMinMs) : medianMs * Math.exp(sigma * standardNormal(random));
	const factor = resolutionFactors?.[/** @type {'1K' | '2K' | '4K'} */ (resolution)] ?? 1;
	return Math.min(maxMs, Math.max(minMs, base * factor));
}

/**
 * The stream of duration draws of a sandbox run: restarted with the seed.
 * @param {number | null} seed null: a fresh random seed
 */
function createDurationRandom(seed) {
	return createRandom(hashString(`durations ${seed ?? Math.floor(Math.random() * 2 ** 32)}`));
}

/**
 * @param {string} prompt @param {string} resolution @param {import('./types').SandboxOptions} options
 * @param {() => number} random @param {boolean} video
 */
function unscaledDurationMs(prompt, resolution, options, random, video) {
	if (prompt.includes('[slow]')) return options.slowTaskMs;
	const distribution = (video && options.videoDurations) || options.taskDurations;
	if (distribution) return heavyTailedMs(distribution, resolution, random);
	const jitter = (random() * 2 - 1) * options.taskDurationJitterMs;
	return Math.max(0, options.taskDurationMs + jitter);
}

/**
 * The next task's duration in ms.
 * @param {string} prompt
 * @param {string} resolution
 * @param {import('./types').SandboxOptions} options
 * @param {() => number} random the run's duration stream (createDurationRandom)
 * @param {boolean} [video] a video task: videoDurations, unless null
 */
function drawDurationMs(prompt, resolution, options, random, video = false) {
	return Math.round(unscaledDurationMs(prompt, resolution, options, random, video) * options.durationScale);
}

module.exports = { createDurationRandom, drawDurationMs };
