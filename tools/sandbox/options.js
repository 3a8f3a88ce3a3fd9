// @ts-check
'use strict';

const { MAX_VIDEO_BYTES, VIDEO_FORMATS } = require('./video-files');

/** @typedef {import('./types').SandboxOptions} SandboxOptions */
/** @typedef {[isValid: (value: any) => boolean, expected: string]} Validator */

/**
 * Video jobs take minutes: log-normal around 2.5 min, 8 % of tasks uniform in 4-6 min, from 1 to
 * 6 min in all (median ~2.6 min, p95 ~5 min: test/tools/sandbox/videos.test.ts checks both).
 * @type {import('./types').TaskDurationDistribution}
 */
const VIDEO_DURATIONS = Object.freeze({ medianMs: 150_000, sigma: 0.4, longShare: 0.08, longMinMs: 240_000, maxMs: 360_000, minMs: 60_000 });

/** @type {Readonly<SandboxOptions>} */
const DEFAULT_OPTIONS = Object.freeze({
	apiKey: 'sandbox-test-key',
	host: '127.0.0.1',
	port: 0,
	taskDurationMs: 1500,
	taskDurationJitterMs: 0,
	taskDurations: null,
	slowTaskMs: 60000,
	videoDurations: VIDEO_DURATIONS,
	durationScale: 1,
	failRatio: 0,
	resultImages: 1,
	imageScale: 1 / 32,
	videoFormat: 'mp4',
	videoBytes: null,
	videoResultKey: 'resultUrls',
	maxBodyBytes: 10 * 1024 * 1024,
	createRateLimit: null,
	accessDenied: false,
	create429Ratio: 0,
	recordInfo5xxRatio: 0,
	dropConnectionRatio: 0,
	malformedRatio: 0,
	slowResponseMs: 0,
	seed: null,
	callbackRepeats: 1,
	callbackDelayMs: 200,
	callbackRetryDelaysMs: [],
});

const RESOLUTIONS = ['1K', '2K', '4K'];
/** @param {unknown} value */
const positive = (value) => typeof value === 'number' && Number.isFinite(value) && value > 0;
/** @param {any} value */
function isDurationDistribution(value) {
	if (value === null) return true;
	if (typeof value !== 'object') return false;
	const { medianMs, sigma, longShare, longMinMs, maxMs, minMs = 0, resolutionFactors = {}, ...unknown } = value;
	return (
		Object.keys(unknown).length === 0 &&
		[medianMs, sigma, longMinMs, maxMs].every(positive) &&
		typeof longShare === 'number' && longShare >= 0 && longShare <= 1 &&
		typeof minMs === 'number' && minMs >= 0 && minMs <= longMinMs &&
		longMinMs <= maxMs &&
		Object.entries(resolutionFactors).every(([resolution, factor]) => RESOLUTIONS.includes(resolution) && positive(factor))
	);
}

const DISTRIBUTION_RULE = 'null or { medianMs, sigma, longShare (0-1), minMs? <= longMinMs <= maxMs, resolutionFactors?: { 1K|2K|4K: factor } }';

const LOOPBACK_HOSTS = ['127.0.0.1', '::1'];
/** @type {Validator} */
const nonEmptyString = [(value) => typeof value === 'string' && value !== '', 'a non-empty string'];
/** @type {Validator} */
const ratio = [(value) => typeof value === 'number' && value >= 0 && value <= 1, 'a number from 0 to 1'];
/** @type {Validator} */
const count = [(value) => Number.isInteger(value) && value >= 0, 'an integer >= 0'];
/** @type {Validator} */
const milliseconds = [(value) => typeof value === 'number' && Number.isFinite(value) && value >= 0, 'a number >= 0'];

/** @type {Record<keyof SandboxOptions, Validator>} */
const VALIDATORS = {
	apiKey: nonEmptyString,
	// The sandbox accepts any key it is configured with: it must never be reachable from another machine.
	host: [(value) => LOOPBACK_HOSTS.includes(value), `a loopback address (${LOOPBACK_HOSTS.join(' or ')})`],
	port: count,
	taskDurationMs: milliseconds,
	taskDurationJitterMs: milliseconds,
	taskDurations: [isDurationDistribution, DISTRIBUTION_RULE],
	slowTaskMs: milliseconds,
	videoDurations: [isDurationDistribution, DISTRIBUTION_RULE],
	durationScale: [(value) => typeof value === 'number' && value > 0 && value <= 1, 'a number in (0, 1]'],
	failRatio: ratio,
	resultImages: count,
	imageScale: [(value) => typeof value === 'number' && value > 0 && value <= 1, 'a number in (0, 1]'],
	videoFormat: [(value) => VIDEO_FORMATS.includes(value), `one of ${VIDEO_FORMATS.join(', ')}`],
	videoBytes: [(value) => value === null || (Number.isInteger(value) && value >= 0 && value <= MAX_VIDEO_BYTES), `null or an integer from 0 to ${MAX_VIDEO_BYTES}`],
	videoResultKey: [(value) => ['resultUrls', 'videoUrls'].includes(value), 'resultUrls or videoUrls'],
	maxBodyBytes: count,
	createRateLimit: [
		(value) =>
			value === null ||
			(typeof value === 'object' && Number.isInteger(value.max) && value.max > 0 && value.windowMs > 0),
		'null or { max: integer > 0, windowMs: number > 0 }',
	],
	accessDenied: [(value) => typeof value === 'boolean', 'a boolean'],
	create429Ratio: ratio,
	recordInfo5xxRatio: ratio,
	dropConnectionRatio: ratio,
	malformedRatio: ratio,
	slowResponseMs: milliseconds,
	seed: [(value) => value === null || Number.isInteger(value), 'an integer or null'],
	callbackRepeats: count,
	callbackDelayMs: milliseconds,
	callbackRetryDelaysMs: [(value) => Array.isArray(value) && value.every((delay) => milliseconds[0](delay)), 'an array of numbers >= 0'],
};

const LISTEN_OPTIONS = ['host', 'port'];

/** @param {string} name @returns {name is keyof SandboxOptions} */
const isOptionName = (name) => name in VALIDATORS;

/**
 * Merges a partial set of options over `base`, rejecting unknown names and bad values so that a
 * typo in a test fails loudly instead of silently testing the defaults.
 * @param {SandboxOptions} base
 * @param {Partial<SandboxOptions> | undefined} partial
 * @param {boolean} listening host and port cannot change once the server listens
 * @returns {SandboxOptions}
 */
function mergeOptions(base, partial, listening) {
	/** @type {Record<string, unknown>} */
	const merged = { ...base };
	for (const [name, value] of Object.entries(partial ?? {})) {
		if (!isOptionName(name)) throw new Error(`unknown sandbox option ${name}`);
		if (listening && LISTEN_OPTIONS.includes(name) && value !== base[name]) {
			throw new Error(`sandbox option ${name} cannot change once the sandbox listens`);
		}
		const [isValid, expected] = VALIDATORS[name];
		if (!isValid(value)) throw new Error(`sandbox option ${name} must be ${expected} (got ${JSON.stringify(value)})`);
		merged[name] = value;
	}
	return /** @type {SandboxOptions} */ (merged);
}

module.exports = { DEFAULT_OPTIONS, VIDEO_DURATIONS, mergeOptions };
