// @ts-check
'use strict';
// The prose of RESULTS.md around the numbers: what the memory measurements show, and how each
// scenario and variant was run.
const { mib, round } = require('./units');
const { TAIL_DURATIONS, MIXED_DURATIONS, VIDEO_TIME_SCALE } = require('./scenarios');
const { VIDEO_DURATIONS } = require('../sandbox/options');
const { signed } = require('./targets');

/**
 * @typedef {import('./measure').MeasuredRun} MeasuredRun
 * @typedef {import('./measure').ScenarioSlot} ScenarioSlot
 * @typedef {import('./measure').IdleBaseline} IdleBaseline
 * @typedef {import('./measure').ControlRecord} ControlRecord
 * @typedef {{ peakMb: number, [field: string]: any }} ProbedRun a run's peak with what the RSS probe saw then
 */

/** @param {ProbedRun} run @param {number} index */
const describeProbedRun = (run, index) =>
	`run ${index + 1}: peak ${run.peakMb} MiB at ${run.peakSampledAtSeconds} s (first image request at ${run.firstImageRequestAtSeconds} s), when V8's young generation was ${run.youngGenerationAtPeakMb} MiB and ArrayBuffers ${run.arrayBuffersAtPeakMb} MiB; ArrayBuffers at most ${run.arrayBuffersMaxMb} MiB in the run; V8 first shrank the young generation (from ${run.youngGenerationMaxMb} MiB) ${run.youngGenerationShrunkAtSeconds === null ? 'never' : `at ${run.youngGenerationShrunkAtSeconds} s`}`;

/**
 * What the RSS probe saw in each run of images-4k-20, so that the report can tell the data a variant
 * held (ArrayBuffers: downloaded bytes, live or waiting for a GC) from the heap V8 kept around it
 * (its young generation, grown to its maximum by n8n's boot until V8 shrinks it again).
 * @param {MeasuredRun[]} nodeRuns @param {MeasuredRun[]} stockRuns
 */
function memoryBreakdown(nodeRuns, stockRuns) {
	/** @param {MeasuredRun[]} runs @returns {ProbedRun[]} */
	const probed = (runs) => runs.map((run) => ({ peakMb: run.metrics.peakRssMb ?? 0, ...run.details.peakRss })).filter((run) => run.youngGenerationMaxMb);
	const node = probed(nodeRuns);
	const stock = probed(stockRuns);
	if (node.length === 0) return [];
	/** @param {ProbedRun[]} runs */
	const mostHeld = (runs) => Math.max(...runs.map((run) => run.arrayBuffersMaxMb));
	const lowest = Math.min(...node.map((run) => run.peakMb));
	const high = node.filter((run) => run.peakMb > lowest + 10);
	const highOnBootHeap = high.length > 0 && high.every((run) => run.youngGenerationAtPeakMb === run.youngGenerationMaxMb);
	const bootHeap = highOnBootHeap
		? ` Every node run that peaked more than 10 MiB above the lowest one did so while V8's young generation was still at the size n8n's boot grew it to (${high.map((run) => `${run.youngGenerationAtPeakMb} MiB`).join(', ')}): the downloads passed through memory on top of it. V8 shrinks it when its memory reducer finds the process quiet enough; that is V8's decision, not the node's.`
		: '';
	return [
		`Per node run (seconds from the execution start): ${node.map(describeProbedRun).join('; ')}.`,
		`Downloaded data in memory at once (ArrayBuffers, live or waiting for a GC, sampled every 100 ms): at most ${mostHeld(node)} MiB in any node run${stock.length ? ` vs ${mostHeld(stock)} MiB in the stock loop's` : ''}.${bootHeap}`,
	];
}

/**
 * @param {{ byName: Map<string, ScenarioSlot>, runsOf: Map<string, MeasuredRun[]> }} measured
 * @param {IdleBaseline} idle @param {ControlRecord | undefined} control @param {string[]} binaryModes
 */
function memoryNotes({ byName, runsOf }, idle, control, binaryModes) {
	const notes = [
		`n8n's binary data mode: **filesystem** (\`N8N_DEFAULT_BINARY_DATA_MODE\` unset: n8n 2.41's default outside queue mode). Every output item's binary id starts with ${binaryModes.map((mode) => `\`${mode}:\``).join(', ') || 'n/a'}, i.e. the files are in \`~/.n8n/storage\`, not in the run data.`,
		`Idle baseline: peak RSS of \`n8n execute\` running bench/idle.workflow.json (Manual Trigger, Set, Split Out into 20 items, No Op), ${idle.runsMb.length} run(s): ${idle.runsMb.join(', ')} MiB; median ${idle.medianMb} MiB.`,
	];
	const images = byName.get('images-4k-20');
	if (images?.details.node) {
		const { node, stockLoop } = images.details;
		const imageMb = mib(node.largestImageBytes / 1024);
		/** @param {Array<{ peakRssMb: number }> | undefined} runs */
		const peaks = (runs) => (runs ?? []).map((run) => run.peakRssMb).join(', ');
		const overIdle = (/** @type {number} */ peakMb) => `${signed(round(peakMb - idle.medianMb, 1))} MiB`;
		notes.push(
			`One 4K image (4096×4096 PNG from the sandbox): ${imageMb} MiB; ${node.imagesDownloaded} downloaded by the node${stockLoop ? `, ${stockLoop.imagesDownloaded} by the stock loop` : ''}.`,
			`Peak RSS over idle: node ${overIdle(images.results.node.peakRssMb)}${stockLoop ? `, stock loop ${overIdle(images.results.stockLoop.peakRssMb)}` : ''} (limit for the node: 3 × ${imageMb} = ${round(3 * imageMb, 1)} MiB).`,
			`Memory varies from run to run (it depends on when V8 frees the downloaded chunks), so images-4k-20 and its control run 3 times each and the run with the median peak is reported. Peaks of the 3 runs: node ${peaks(node.repeatedRuns)} MiB${stockLoop ? `; stock loop ${peaks(stockLoop.repeatedRuns)} MiB` : ''}${control ? `; control ${peaks(control.details.repeatedRuns)} MiB` : ''}.`,
			...memoryBreakdown(runsOf.get('images-4k-20/node') ?? [], runsOf.get('images-4k-20/stockLoop') ?? []),
		);
	}
	if (control) {
		const peak = control.metrics.peakRssMb ?? 0;
		notes.push(`Control: the same 20-item node workflow with tiny images (sandbox imageScale 1/32) peaked at ${peak} MiB (${signed(round(peak - idle.medianMb, 1))} MiB over idle): that much is the cost of running 20 tasks at all (HTTP client, sockets, timers, n8n's run data, V8 heap growth), not of the images.`);
	}
	return notes;
}

/** @param {number} ms */
const seconds = (ms) => round(ms / 1000, 1);
/** @param {number} ms */
const minutes = (ms) => round(ms / 60_000, 1);

// Written from the distributions the sandbox is given, so that a run with a cap or a factor changed says so.
const { medianMs, sigma, longShare, longMinMs, maxMs } = TAIL_DURATIONS;
const tailDurations = `log-normal with median ${seconds(medianMs)} s and σ ${sigma} (of ln ms), ${round(longShare * 100, 1)} % of tasks instead uniform in ${seconds(longMinMs)}-${seconds(maxMs)} s, capped at ${seconds(maxMs)} s`;
const { '1K': factor1K, '4K': factor4K } = MIXED_DURATIONS.resolutionFactors;
const mixedDurations = `durations as in tail-50 times ${factor1K} (1K) or ${factor4K} (4K), capped at ${seconds(MIXED_DURATIONS.maxMs)} s`;
// video-20 runs on the sandbox's default video durations (a missing minMs is 0 there too).
const video = VIDEO_DURATIONS;
const videoRange = `${minutes(video.minMs ?? 0)}-${minutes(video.maxMs)} min`;
const videoDurations = `log-normal, median ${minutes(video.medianMs)} min, ${round(video.longShare * 100, 1)} % uniform in ${minutes(video.longMinMs)}-${minutes(video.maxMs)} min`;

/** @param {string[]} without variants this run left out (--without) */
function scenarioNotes(without) {
	return [
		'All scenarios: createTask is limited to 20 per 10 s (sliding window, HTTP 429 with Retry-After beyond it); every item has a unique prompt. n1, n10, n50, faults-50 and images-4k-20: sandbox tasks take 8 s ± 2 s (uniform).',
		`tail-50, n200, n1000: heavy-tailed task durations (sandbox option taskDurations ${JSON.stringify(TAIL_DURATIONS)}): ${tailDurations}; together median ≈ 26 s, p95 ≈ 90 s. The durations come from their own seeded stream, one draw per created task, so every variant gets the same durations in creation order. tail-50 (seed 1501) has 3 tasks at 3-4 min. n200 and n1000 create at the rate limit (20 per 10 s), default options.`,
		`mixed-50: items alternate 1K and 4K; ${mixedDurations}.`,
		`video-20: 20 kling-v3-pro tasks, each a video of ${videoRange} (the sandbox's videoDurations: ${videoDurations}; seed 2025 draws 1.4 to 6.0 min, median 3.2 min), run at time scale ${VIDEO_TIME_SCALE}: the sandbox's durations (durationScale), every Wait of the stock loop and the node's poll schedule (the node runs in the time-scaled build: the shipped package with its TaskWatcher's schedule scaled, tools/bench/time-scale.js) alike. Wall times and the ideal are scaled times; ratios and polls per task are those of the real durations. The node is bench/video-node.workflow.json, LiangXin Video *Create & Wait* with default options (Max Wait 30 min, Max File Size 500 MB, the video schedule); the stock loop is bench/video-stock-loop.workflow.json, the stock loop below with the video model, *Wait 15 s* (real time) and *Download Video*.`,
		"**node, plain schedule**: the same package, its TaskWatcher given the plain schedule through its `schedule` option (tools/bench/plain-schedule.js and variants.js, not a node option): every task polled from its own creation every 2.5 s for 30 s, then every 7.5 s to 2 min, then every 20 s (the schedule LiangXin's peers advise); no scout, nothing learned, no endgame, no slot search.",
		"**node, pause until callback** (n50, tail-50 and n200; opt-in elsewhere with --variants=pauseMode): bench/pause.workflow.json, the node in Wait Mode *Pause Until Callback* (Allow Local Callback URL on, since n8n's webhook URL is loopback here), otherwise as **node**. It cannot run under `n8n execute` (nothing there receives the callbacks): the bench publishes the workflow, starts `n8n start` (WEBHOOK_URL = its loopback address), triggers the workflow's Webhook once, and reads the end from n8n's executions; the sandbox calls back each task's resume URL once when it finishes (retried after 2, 5 and 15 s while not answered 2xx). Wall time is n8n's execution record as for the others (startedAt is kept across the pause); peak RSS is not measured (the server process holds more than the run).",
		"**one at a time, 3 s poll** (the peers' pattern: how the kie.ai and WaveSpeed community nodes wait): bench/one-at-a-time.workflow.json, stock nodes: Loop Over Items (batch size 1) → Create Task → Wait 3 s → Get Task → Finished? ..., looping back per item, at most 200 polls.",
		'faults-50 adds: 30 % of createTask calls answered 429 (no Retry-After), 10 % of recordInfo calls answered 500, 5 % of connections dropped (createTask drops half before, half after creating the task), 10 % of tasks failing.',
		'images-4k-20: resolution 4K and real-size PNGs (sandbox imageScale 1). The sandbox renders each PNG when it is first requested (seconds of CPU for 4096×4096 on these 2 cores, shared with n8n), which adds ~10 s to the wall time of both variants: this scenario measures memory, not time.',
		'**node**: bench/node.workflow.json. Manual Trigger, Set + Split Out (the items), LiangXin Nano Banana Pro *Create & Wait* with default options (100 tasks in flight, scout + endgame polling, Download Images on), Settings > On Error: Continue.',
		'**stock loop**: bench/stock-loop.workflow.json, n8n\'s own nodes only, as a careful user builds it: *Create Task* (HTTP Request POST createTask, Header Auth, batching 20 items per 10 s, Retry On Fail 3 × 5 s, On Error: continue with error output) → *Task ID* (Set) → *Wait 5 s* → *Get Task* (HTTP Request GET recordInfo, Retry On Fail 3 × 1 s, On Error: continue) → *Finished?* (IF state is success or fail; else *Next Poll* (Set, counts polls) → *Keep Polling?* (IF < 120 polls) → back to *Wait 5 s*, or *Gave Up*) → *Succeeded?* (IF) → *Download Image* (HTTP Request, file, Retry On Fail 3 × 1 s, On Error: error output) → *Done*. Its items are counted where they end: *Done* with an image is a result; *Create Failed*, *Task Failed*, *Download Failed* and *Gave Up* are error items.',
		...(without.length ? [`This run left out the variant(s) ${without.join(', ')} (--without); see bench/partial/ for their own runs.`] : []),
		'n8n 2.41 retries a node that has Retry On Fail and On Error: Continue when its **first** output item is an error, and then re-runs the node for **all** items: on *Create Task* this re-creates every task of the batch (duplicates). That is how the stock nodes behave; the benchmark counts it, it does not work around it.',
	];
}

module.exports = { memoryNotes, scenarioNotes };
