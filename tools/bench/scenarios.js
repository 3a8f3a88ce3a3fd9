// @ts-check
'use strict';
// The scenarios the bench runs, the sandbox settings of each, and which runs a command line asks for.
const { VARIANTS, isVariantName } = require('./variants');

/**
 * @typedef {import('./variants').VariantName} VariantName
 * @typedef {import('../sandbox').SandboxOptions} SandboxOptions
 * @typedef {object} Scenario
 * @property {string} name
 * @property {number} items input items, one task each
 * @property {number} seed makes the sandbox's random draws replayable: every variant gets the same task durations in creation order
 * @property {string | ((index: number) => string)} [resolution] one for all items, or one per item index (default 2K)
 * @property {number} [repeats] runs per variant (memory varies from run to run)
 * @property {Partial<SandboxOptions>} sandbox on top of BASE_SANDBOX
 * @property {'image' | 'video'} [media] what its tasks make (default image): a video scenario runs each variant's video workflow
 * @property {number} [timeScale] runs the scenario's time at this scale: the sandbox's task durations (durationScale) and the workflows' waits
 * @property {VariantName[]} variants
 * @property {number} [timeoutMs] bounds one `n8n execute`
 * @property {boolean} [large] only with --large
 * @typedef {{ scenario: Scenario, variant: VariantName, repeat: number }} PlannedRun
 * @typedef {{ quick: boolean, large: boolean, only: string[] | null, variants: string[] | null, without: string[] }} Selection what the command line asks for
 */

const RATE_LIMIT = { max: 20, windowMs: 10_000 };
/** Callbacks (pause mode only) not answered 2xx are retried, as LiangXin says it does "briefly" (the delays are ours). */
const CALLBACK_RETRY_DELAYS_MS = [2000, 5000, 15_000];
/** @type {Partial<SandboxOptions>} */
const BASE_SANDBOX = { taskDurationMs: 8000, taskDurationJitterMs: 2000, createRateLimit: RATE_LIMIT, callbackRetryDelaysMs: CALLBACK_RETRY_DELAYS_MS };
/**
 * Heavy-tailed task durations like real image jobs (sandbox option taskDurations): log-normal with
 * median 25 s and sigma 0.55, 4 % of tasks uniform in 3-4 min, capped at 4 min. Together: median
 * ~26 s, p95 ~90 s (test/tools/sandbox/durations.test.ts checks both).
 */
const TAIL_DURATIONS = { medianMs: 25_000, sigma: 0.55, longShare: 0.04, longMinMs: 180_000, maxMs: 240_000 };
/** mixed-50: 1K a little faster, 4K much slower than the 2K baseline. */
const MIXED_DURATIONS = { ...TAIL_DURATIONS, resolutionFactors: { '1K': 0.8, '4K': 1.6 } };
/**
 * Video jobs take 1-6 minutes (the sandbox's videoDurations, heavy-tailed). video-20 runs them at a
 * quarter of their time: the sandbox's durations, the stock loop's waits and the node's poll schedule
 * (the time-scaled build, time-scale.js) are scaled alike, so polls per task and wall time against the
 * ideal are those of the real durations, reached 4 times faster.
 */
const VIDEO_TIME_SCALE = 1 / 4;
/** @type {VariantName[]} */
const TWO_VARIANTS = ['node', 'stockLoop'];
/** @type {VariantName[]} */
const POLICY_VARIANTS = ['node', 'plainSchedule', 'stockLoop'];

/** @type {Scenario[]} */
const SCENARIOS = [
	{ name: 'n1', items: 1, seed: 101, sandbox: {}, variants: TWO_VARIANTS },
	{ name: 'n10', items: 10, seed: 110, sandbox: {}, variants: TWO_VARIANTS },
	{ name: 'n50', items: 50, seed: 150, sandbox: {}, variants: [...TWO_VARIANTS, 'pauseMode'] },
	{
		name: 'faults-50',
		items: 50,
		seed: 250,
		sandbox: { create429Ratio: 0.3, recordInfo5xxRatio: 0.1, dropConnectionRatio: 0.05, failRatio: 0.1 },
		variants: TWO_VARIANTS,
	},
	{ name: 'images-4k-20', items: 20, seed: 420, resolution: '4K', repeats: 3, sandbox: { imageScale: 1 }, variants: TWO_VARIANTS },
	// Seed 1501 draws 3 of the 50 tasks at 3-4 min.
	{ name: 'tail-50', items: 50, seed: 1501, sandbox: { taskDurations: TAIL_DURATIONS }, variants: [...POLICY_VARIANTS, 'oneAtATime', 'pauseMode'], timeoutMs: 60 * 60_000 },
	{ name: 'mixed-50', items: 50, seed: 1550, resolution: (index) => (index % 2 ? '4K' : '1K'), sandbox: { taskDurations: MIXED_DURATIONS }, variants: POLICY_VARIANTS, timeoutMs: 15 * 60_000 },
	{ name: 'n200', items: 200, seed: 2200, sandbox: { taskDurations: TAIL_DURATIONS }, variants: [...POLICY_VARIANTS, 'pauseMode'], timeoutMs: 20 * 60_000 },
	{ name: 'n1000', items: 1000, seed: 3000, large: true, sandbox: { taskDurations: TAIL_DURATIONS }, variants: ['node', 'plainSchedule'], timeoutMs: 30 * 60_000 },
	// Seed 2025 draws 20 videos of 1.4 to 6.0 min (median 3.2 min), 3 of them over 4 min.
	{ name: 'video-20', items: 20, seed: 2025, media: 'video', timeScale: VIDEO_TIME_SCALE, sandbox: {}, variants: TWO_VARIANTS, timeoutMs: 20 * 60_000 },
];
/**
 * Not a scenario of results.json: the 4K workflow with tiny images, to separate the cost of running 20
 * tasks from the cost of the images.
 * @type {Scenario}
 */
const TINY_IMAGES_CONTROL = { name: 'images-4k-20 (tiny images, control)', items: 20, seed: 420, resolution: '4K', repeats: 3, sandbox: { imageScale: 1 / 32 }, variants: ['node'] };

/** @param {Scenario} scenario @returns {Partial<SandboxOptions>} what the sandbox is set to for it */
const sandboxOptionsOf = (scenario) => ({ ...BASE_SANDBOX, ...scenario.sandbox, ...(scenario.timeScale && { durationScale: scenario.timeScale }), seed: scenario.seed });

/** @param {Scenario} scenario @returns {(index: number) => string} */
function resolutionOf(scenario) {
	const { resolution = '2K' } = scenario;
	return typeof resolution === 'function' ? resolution : () => resolution;
}

/**
 * The parameters of a scenario, as results.json states them.
 * @param {Scenario} scenario
 */
function scenarioParameters(scenario) {
	const resolution = typeof scenario.resolution === 'function' ? 'half 1K, half 4K (alternating)' : (scenario.resolution ?? '2K');
	const { seed, ...sandbox } = sandboxOptionsOf(scenario);
	const { media, timeScale } = scenario;
	return { items: scenario.items, seed, ...(media && { media }), ...(timeScale && { timeScale }), resolution, sandbox };
}

/** @param {string[]} names @returns {VariantName[]} */
function variantNames(names) {
	const unknown = names.find((name) => !isVariantName(name));
	if (unknown) throw new Error(`unknown variant ${unknown} (one of ${Object.keys(VARIANTS).join(', ')})`);
	return /** @type {VariantName[]} */ (names);
}

/**
 * The scenarios and variants the command line asks for, in the order they run. --variants replaces
 * each scenario's own list (the memory control stays the node's); --without takes variants out.
 * @param {Selection} selection
 */
function planRuns({ quick, large, only, variants, without }) {
	const scenarios = quick ? SCENARIOS.filter((s) => s.name === 'n10') : only ? SCENARIOS.filter((s) => only.includes(s.name)) : SCENARIOS.filter((s) => large || !s.large);
	if (scenarios.length === 0) throw new Error(`no scenario matches ${only}`);
	const asked = variants && variantNames(variants);
	const left = variantNames(without);
	const full = !quick && !only && !variants;
	const withControl = full || (only ?? []).includes('images-4k-20');
	/** @param {Scenario} scenario */
	const chosen = (scenario) =>
		(asked && scenario !== TINY_IMAGES_CONTROL ? asked : scenario.variants.filter((variant) => !asked || asked.includes(variant))).filter(
			(variant) => scenario.media !== 'video' || VARIANTS[variant].videoWorkflow,
		);
	/** @type {PlannedRun[]} */
	const plan = [];
	for (const scenario of [...scenarios, ...(withControl ? [TINY_IMAGES_CONTROL] : [])]) {
		for (let repeat = 1; repeat <= (scenario.repeats ?? 1); repeat++) {
			for (const variant of chosen(scenario).filter((name) => !left.includes(name))) plan.push({ scenario, variant, repeat });
		}
	}
	if (plan.length === 0) throw new Error(`no variant of ${scenarios.map((s) => s.name)} is among ${variants}`);
	return { plan, full, withControl };
}

module.exports = { SCENARIOS, TINY_IMAGES_CONTROL, TAIL_DURATIONS, MIXED_DURATIONS, VIDEO_TIME_SCALE, sandboxOptionsOf, resolutionOf, scenarioParameters, planRuns };
