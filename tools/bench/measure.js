// @ts-check
'use strict';
// Runs the prepared workflows one at a time, each against a freshly reset sandbox, and measures each
// run (metrics.js) together with the peak memory of the n8n process that ran it (rss-probe.js).
const fs = require('node:fs');
const path = require('node:path');

const { log } = require('./log');
const { measureRun } = require('./metrics');
const { mib } = require('./units');
const { TINY_IMAGES_CONTROL, sandboxOptionsOf, scenarioParameters } = require('./scenarios');
const { TIME_SCALE_ENV } = require('./time-scale');
const { VARIANTS } = require('./variants');
const { runThroughWebhook } = require('./webhook-run');

const RSS_PROBE = path.join(__dirname, 'rss-probe.js');

/**
 * @typedef {import('./instances').PreparedRun} PreparedRun
 * @typedef {import('./session').BenchInstance} BenchInstance
 * @typedef {import('./session').SandboxProcess} SandboxProcess
 * @typedef {import('./scenarios').Scenario} Scenario
 * @typedef {ReturnType<typeof measureRun> & { metrics: { variant: string } }} MeasuredRun
 * @typedef {{ scenario: Partial<import('../sandbox').SandboxOptions>, metrics: MeasuredRun['metrics'], ideal: number, details: Record<string, any> }} ControlRecord
 * @typedef {{ scenario: Scenario, results: Record<string, any>, details: Record<string, any>, anyRunBroken?: Record<string, boolean> }} ScenarioSlot
 *   what results.json and results-details.json get of one scenario; results: name, items, idealSeconds, parameters and one entry of metrics per variant
 * @typedef {{ runsMb: number[], medianMb: number }} IdleBaseline
 */

/** @param {number[]} values */
function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/**
 * Runs one workflow with `n8n execute` and returns the run plus the peak-memory record that the
 * probe wrote at the exit of exactly that process (the one that ran the workflow: regular mode
 * runs executions in the CLI's own process). `timeScale` reaches the time-scaled build's watcher.
 * @param {BenchInstance} instance @param {string} workflowId @param {string} rssDir @param {number} [timeoutMs] @param {number} [timeScale]
 */
async function executeMeasured(instance, workflowId, rssDir, timeoutMs, timeScale = 1) {
	const env = { NODE_OPTIONS: `--require ${RSS_PROBE}`, BENCH_RSS_DIR: rssDir, [TIME_SCALE_ENV]: String(timeScale) };
	const result = await instance.execute(workflowId, { env, timeoutMs });
	const { pid, signal: crashedAfterOutput } = result;
	if (crashedAfterOutput) log(`  (n8n printed the complete run, exited 0, then died with ${crashedAfterOutput} in its native teardown: a crash of n8n itself after the run, which is kept)`);
	const file = path.join(rssDir, `${pid}.json`);
	if (!fs.existsSync(file)) throw new Error(`no peak-memory record of n8n execute --id=${workflowId} (pid ${pid})`);
	const rss = JSON.parse(fs.readFileSync(file, 'utf8'));
	if (!rss.argv.includes(`--id=${workflowId}`)) throw new Error(`the peak-memory record of pid ${pid} is not of workflow ${workflowId}`);
	return { result, rss, crashedAfterOutput };
}

/**
 * The idle baseline: the same `n8n execute`, a trivial workflow (no HTTP, no binary data).
 * @param {BenchInstance} shipped @param {string} idleId @param {string} rssDir @param {number} runs
 * @returns {Promise<IdleBaseline>}
 */
async function measureIdle(shipped, idleId, rssDir, runs) {
	const runsMb = [];
	for (let run = 0; run < runs; run++) {
		const { result, rss } = await executeMeasured(shipped, idleId, rssDir);
		if (!result.ok) throw new Error(`the idle workflow failed: ${JSON.stringify(result.error)}`);
		runsMb.push(mib(rss.vmHWMkB));
		log(`idle baseline run ${run + 1}: peak RSS ${mib(rss.vmHWMkB)} MiB`);
	}
	return { runsMb, medianMb: median(runsMb) };
}

/**
 * One run: resets the sandbox to the scenario's settings, runs the workflow, measures it.
 * @param {PreparedRun} run @param {SandboxProcess} sandbox @param {string} rssDir
 * @returns {Promise<MeasuredRun>}
 */
async function runOnce({ scenario, variant, repeat, instance, workflowId, webhookPath, prompts }, sandbox, rssDir) {
	const info = VARIANTS[variant];
	const sandboxOptions = sandboxOptionsOf(scenario);
	await sandbox.prepare(sandboxOptions);
	log(`${scenario.name} / ${variant}${scenario.repeats ? ` (run ${repeat} of ${scenario.repeats})` : ''}: ${scenario.items} item(s)...`);
	// A run through the webhook happens in n8n's server process: no peak memory of its own to measure.
	const { result, rss, crashedAfterOutput, statusesSeen } = info.throughWebhook
		? { rss: null, crashedAfterOutput: undefined, ...(await runThroughWebhook(instance, { workflowId, webhookPath: /** @type {string} */ (webhookPath), timeoutMs: scenario.timeoutMs })) }
		: { statusesSeen: undefined, ...(await executeMeasured(instance, workflowId, rssDir, scenario.timeoutMs, scenario.timeScale)) };
	const snapshot = await sandbox.snapshot();
	const measured = measureRun({ kind: info.kind, resultsOutput: info.resultsOutput, waitsForCallbacks: info.waitsForCallbacks, result, snapshot, prompts, rateLimit: sandboxOptions.createRateLimit ?? null, rss });
	const m = { variant, ...measured.metrics };
	log(`  wall ${m.wallSeconds} s (ideal ${measured.ideal} s), createTask ${m.createCalls}, tasks ${m.tasksCreated}, recordInfo ${m.recordInfoCalls}, out ${m.itemsOut}, lost ${m.itemsLost}, duplicates ${m.duplicateTasks}, peak RSS ${m.peakRssMb} MiB, download wait max ${m.downloadWaitMaxMs ?? 'n/a'} ms (${m.downloadWaitsOver1s ?? 'n/a'} over 1 s), execution ${result.status}`);
	/** @type {Record<string, unknown>} */
	const details = { ...measured.details, n8nCrashedAfterOutput: crashedAfterOutput };
	if (statusesSeen) {
		details.executionStatusesSeen = statusesSeen;
		log(`  execution statuses seen: ${statusesSeen.join(' → ')}; ${measured.details.callbacksSent} callbacks sent by the sandbox`);
	}
	return { ...measured, metrics: m, details: /** @type {MeasuredRun['details']} */ (details) };
}

/**
 * Memory varies from run to run (when V8 collects the stream buffers): with repeats, the run with
 * the median peak RSS is reported, and every run's numbers are in its details.
 * @param {MeasuredRun[]} runs
 */
function reportedRun(runs) {
	const chosen = [...runs].sort((a, b) => (a.metrics.peakRssMb ?? 0) - (b.metrics.peakRssMb ?? 0))[Math.floor(runs.length / 2)];
	if (runs.length === 1) return chosen;
	const repeatedRuns = runs.map(({ metrics: m }) => ({ peakRssMb: m.peakRssMb, wallSeconds: m.wallSeconds, itemsLost: m.itemsLost, duplicateTasks: m.duplicateTasks }));
	return { ...chosen, details: { ...chosen.details, repeatedRuns, reportedRun: 'the run with the median peak RSS' } };
}

/**
 * Runs every prepared run in order and gathers them per scenario (the memory control apart).
 * @param {PreparedRun[]} runs @param {SandboxProcess} sandbox @param {string} rssDir
 */
async function measureAll(runs, sandbox, rssDir) {
	/** @type {Map<string, ScenarioSlot>} */
	const byName = new Map();
	/** @type {Record<string, ControlRecord>} */
	const controls = {};
	/** @type {Map<string, MeasuredRun[]>} "scenario/variant" -> every measured run (scenarios with repeats have several) */
	const runsOf = new Map();
	for (const run of runs) {
		const { scenario, variant } = run;
		const key = `${scenario.name}/${variant}`;
		runsOf.set(key, [...(runsOf.get(key) ?? []), await runOnce(run, sandbox, rssDir)]);
		if (run.repeat < (scenario.repeats ?? 1)) continue;
		const all = /** @type {MeasuredRun[]} */ (runsOf.get(key));
		const chosen = reportedRun(all);
		if (scenario === TINY_IMAGES_CONTROL) controls[scenario.name] = { scenario: sandboxOptionsOf(scenario), metrics: chosen.metrics, ideal: chosen.ideal, details: chosen.details };
		else record(byName, run, chosen, all);
	}
	return { byName, controls, runsOf };
}

/**
 * Puts a variant's reported run into its scenario's slot.
 * @param {Map<string, ScenarioSlot>} byName @param {PreparedRun} run @param {MeasuredRun} chosen @param {MeasuredRun[]} all
 */
function record(byName, { scenario, variant }, chosen, all) {
	if (!byName.has(scenario.name)) {
		byName.set(scenario.name, { scenario, results: { name: scenario.name, items: scenario.items, idealSeconds: 0, parameters: scenarioParameters(scenario) }, details: {} });
	}
	const slot = /** @type {ScenarioSlot} */ (byName.get(scenario.name));
	slot.results[variant] = chosen.metrics;
	slot.details[variant] = { ...chosen.details, idealSecondsOfThisRun: chosen.ideal, sandboxOptions: sandboxOptionsOf(scenario) };
	// The targets are about the node: the physical limit of the node's own run (the first variant run, if the node's is not).
	if (variant === 'node' || !slot.results.idealSeconds) slot.results.idealSeconds = chosen.ideal;
	// Loss and duplicates must hold in every run, not only in the reported one.
	if (all.some((one) => one.metrics.itemsLost > 0 || one.metrics.duplicateTasks > 0)) slot.anyRunBroken = { ...slot.anyRunBroken, [variant]: true };
}

module.exports = { measureIdle, measureAll };
