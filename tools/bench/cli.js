#!/usr/bin/env node
'use strict';
// `npm run bench`: the LiangXin node (Create & Wait) side by side with other ways of running a
// batch (scripts/bench/variants.js: the node with a plain per-task poll schedule, the stock n8n
// loop, the peers' one-at-a-time pattern), all in a real n8n 2.41.1 against the LiangXin sandbox.
// Writes bench/results.json, bench/results-details.json, bench/RESULTS.md and bench/results.svg.
// See bench/README.md.
//
//   node scripts/bench.js                 every scenario but n1000 (full run)
//   node scripts/bench.js --large         also n1000
//   node scripts/bench.js --quick         n10 only, results under bench/quick/; for CI
//   node scripts/bench.js --only=n50,n1   some scenarios (results under bench/partial/)
//   node scripts/bench.js --variants=node,oneAtATime   these variants in every scenario run (results under bench/partial/)
//   node scripts/bench.js --without=oneAtATime   a full run minus these variants (RESULTS.md names them)
//   node scripts/bench.js --only=n50 --variants=pauseMode,node   Wait Mode Pause Until Callback (runs in `n8n start`)
//   node scripts/bench.js --tarball=PATH  use this package tarball instead of build + pack
//   node scripts/bench.js --out=DIR       write the results into DIR
//
// Exit code 1 when the node lost an item or created a duplicate task in any scenario (also in
// --quick), or when the benchmark itself failed. Performance targets are reported, not enforced,
// unless --strict is given.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const runtime = require('../n8n-runtime');
const { startSandboxProcess } = require('./sandbox-process');
const { NODE_NAME, measureRun, round, mib } = require('./metrics');
const { renderMarkdown, renderSvg } = require('./report');
const { realWorldTargets } = require('./real-world-targets');
const { VARIANTS, packPlainScheduleVariant } = require('./variants');
const { giveWebhookOwnPath, runThroughWebhook } = require('./webhook-run');

const BENCH_DIR = path.join(runtime.REPO_ROOT, 'bench');
const RSS_PROBE = path.join(__dirname, 'rss-probe.js');
const IDLE_WORKFLOW = path.join(BENCH_DIR, 'idle.workflow.json');
const PLACEHOLDER_BASE_URL = 'https://api.liangxin.example';
const IDLE_RUNS = 3;

const RATE_LIMIT = { max: 20, windowMs: 10_000 };
/** Callbacks (pause mode only) not answered 2xx are retried, as LiangXin says it does "briefly" (the delays are ours). */
const CALLBACK_RETRY_DELAYS_MS = [2000, 5000, 15_000];
const BASE_SANDBOX = { taskDurationMs: 8000, taskDurationJitterMs: 2000, createRateLimit: RATE_LIMIT, callbackRetryDelaysMs: CALLBACK_RETRY_DELAYS_MS };
/**
 * Heavy-tailed task durations like real image jobs (sandbox option taskDurations): log-normal with
 * median 25 s and sigma 0.55, 4 % of tasks uniform in 3-4 min, capped at 4 min. Together: median
 * ~26 s, p95 ~90 s (test/sandbox/durations.test.ts checks both).
 */
const TAIL_DURATIONS = { medianMs: 25_000, sigma: 0.55, longShare: 0.04, longMinMs: 180_000, maxMs: 240_000 };
/** mixed-50: 1K a little faster, 4K much slower than the 2K baseline. */
const MIXED_DURATIONS = { ...TAIL_DURATIONS, resolutionFactors: { '1K': 0.8, '4K': 1.6 } };
const TWO_VARIANTS = ['node', 'stockLoop'];
const POLICY_VARIANTS = ['node', 'plainSchedule', 'stockLoop'];

/**
 * The scenarios of the issue. `seed` makes the sandbox's random draws replayable: every variant
 * gets the same task durations in creation order. `resolution` is one for all items, or a function
 * of the item's index. `timeoutMs` bounds one `n8n execute`.
 */
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
	{ name: 'tail-50', items: 50, seed: 1501, sandbox: { taskDurations: TAIL_DURATIONS }, variants: [...POLICY_VARIANTS, 'oneAtATime'], timeoutMs: 60 * 60_000 },
	{ name: 'mixed-50', items: 50, seed: 1550, resolution: (index) => (index % 2 ? '4K' : '1K'), sandbox: { taskDurations: MIXED_DURATIONS }, variants: POLICY_VARIANTS, timeoutMs: 15 * 60_000 },
	{ name: 'n200', items: 200, seed: 2200, sandbox: { taskDurations: TAIL_DURATIONS }, variants: POLICY_VARIANTS, timeoutMs: 20 * 60_000 },
	{ name: 'n1000', items: 1000, seed: 3000, large: true, sandbox: { taskDurations: TAIL_DURATIONS }, variants: ['node', 'plainSchedule'], timeoutMs: 30 * 60_000 },
];
/** Not a scenario of results.json: the 4K workflow with tiny images, to separate the cost of running 20 tasks from the cost of the images. */
const TINY_IMAGES_CONTROL = { name: 'images-4k-20 (tiny images, control)', items: 20, seed: 420, resolution: '4K', repeats: 3, sandbox: { imageScale: 1 / 32 }, variants: ['node'] };
/** The parameters of a scenario, as results.json states them. */
function scenarioParameters(scenario) {
	const resolution = typeof scenario.resolution === 'function' ? 'half 1K, half 4K (alternating)' : (scenario.resolution ?? '2K');
	return { items: scenario.items, seed: scenario.seed, resolution, sandbox: { ...BASE_SANDBOX, ...scenario.sandbox } };
}

const SUBJECTS = [
	'a watercolor fox reading a newspaper in a Kyoto cafe',
	'a tiny robot watering a bonsai tree, isometric 3D render',
	'a lighthouse at dusk, oil painting',
	'a bowl of ramen seen from above, studio light',
	'a paper boat on a rain puddle, macro photo',
];

function parseArgs(argv) {
	const args = { quick: false, strict: false, large: false, only: null, variants: null, without: [], tarball: null, out: null };
	for (const arg of argv) {
		const [flag, value] = arg.split(/=(.*)/s);
		if (flag === '--quick') args.quick = true;
		else if (flag === '--strict') args.strict = true;
		else if (flag === '--large') args.large = true;
		else if (flag === '--variants') args.variants = value.split(',').map((name) => name.trim());
		else if (flag === '--without') args.without = value.split(',').map((name) => name.trim());
		else if (flag === '--only') args.only = value.split(',').map((name) => name.trim());
		else if (flag === '--tarball') args.tarball = path.resolve(value);
		else if (flag === '--out') args.out = path.resolve(value);
		else if (flag === '--help' || flag === '-h') args.help = true;
		else throw new Error(`unknown argument ${arg} (see the top of scripts/bench.js)`);
	}
	return args;
}

const log = (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

function promptsFor(scenario, variant, runTag) {
	return Array.from(
		{ length: scenario.items },
		(_, index) => `bench ${runTag} ${scenario.name} ${variant} item ${index + 1}: ${SUBJECTS[index % SUBJECTS.length]}`,
	);
}

/** A workflow file from bench/ with the credentials, the base URL and the scenario's items filled in. */
function workflowFor(file, { name, prompts, resolutionOf, credentials, baseUrl, nodeOptions }) {
	const text = fs
		.readFileSync(file, 'utf8')
		.replaceAll('LIANGXIN_CREDENTIAL_ID', credentials.liangXin.id)
		.replaceAll('HEADER_AUTH_CREDENTIAL_ID', credentials.headerAuth.id)
		.replaceAll(PLACEHOLDER_BASE_URL, baseUrl);
	const workflow = JSON.parse(text);
	workflow.name = `${workflow.name} [${name}]`;
	const items = prompts.map((prompt, index) => ({ prompt, resolution: resolutionOf(index) }));
	workflow.nodes.find((node) => node.name === 'Prompts').parameters.jsonOutput = JSON.stringify({ items });
	if (nodeOptions) Object.assign(workflow.nodes.find((node) => node.name === NODE_NAME).parameters.options, nodeOptions);
	return workflow;
}

/**
 * Runs one workflow with `n8n execute` and returns the run plus the peak-memory record that the
 * probe wrote at the exit of exactly that process (the one that ran the workflow: regular mode
 * runs executions in the CLI's own process).
 */
async function executeMeasured(instance, workflowId, rssDir, timeoutMs) {
	const result = await instance.execute(workflowId, {
		env: { NODE_OPTIONS: `--require ${RSS_PROBE}`, BENCH_RSS_DIR: rssDir },
		timeoutMs,
	});
	const { pid, signal: crashedAfterOutput } = result;
	if (crashedAfterOutput) log(`  (n8n printed the complete run, exited 0, then died with ${crashedAfterOutput} in its native teardown: an n8n-side crash seen on this machine, the run is kept)`);
	const file = path.join(rssDir, `${pid}.json`);
	if (!fs.existsSync(file)) throw new Error(`no peak-memory record of n8n execute --id=${workflowId} (pid ${pid})`);
	const rss = JSON.parse(fs.readFileSync(file, 'utf8'));
	if (!rss.argv.includes(`--id=${workflowId}`)) throw new Error(`the peak-memory record of pid ${pid} is not of workflow ${workflowId}`);
	return { result, rss, crashedAfterOutput };
}

/**
 * What the RSS probe saw in each run of images-4k-20, so that the report can tell the data a variant
 * held (ArrayBuffers: downloaded bytes, live or waiting for a GC) from the heap V8 kept around it
 * (its young generation, grown to its maximum by n8n's boot until V8 shrinks it again).
 */
function memoryBreakdown(nodeRuns, stockRuns) {
	const probed = (runs) => runs.map((run) => ({ peakMb: run.metrics.peakRssMb, ...run.details.peakRss })).filter((run) => run.youngGenerationMaxMb);
	const node = probed(nodeRuns);
	const stock = probed(stockRuns);
	if (node.length === 0) return [];
	const describe = (run, index) =>
		`run ${index + 1}: peak ${run.peakMb} MiB at ${run.peakSampledAtSeconds} s (first image request at ${run.firstImageRequestAtSeconds} s), when V8's young generation was ${run.youngGenerationAtPeakMb} MiB and ArrayBuffers ${run.arrayBuffersAtPeakMb} MiB; ArrayBuffers at most ${run.arrayBuffersMaxMb} MiB in the run; V8 first shrank the young generation (from ${run.youngGenerationMaxMb} MiB) ${run.youngGenerationShrunkAtSeconds === null ? 'never' : `at ${run.youngGenerationShrunkAtSeconds} s`}`;
	const mostHeld = (runs) => Math.max(...runs.map((run) => run.arrayBuffersMaxMb));
	const lowest = Math.min(...node.map((run) => run.peakMb));
	const high = node.filter((run) => run.peakMb > lowest + 10);
	const highOnBootHeap = high.length > 0 && high.every((run) => run.youngGenerationAtPeakMb === run.youngGenerationMaxMb);
	return [
		`Per node run (seconds from the execution start): ${node.map(describe).join('; ')}.`,
		`Downloaded data in memory at once (ArrayBuffers, live or waiting for a GC, sampled every 100 ms): at most ${mostHeld(node)} MiB in any node run${stock.length ? ` vs ${mostHeld(stock)} MiB in the stock loop's` : ''}.${
			highOnBootHeap
				? ` Every node run that peaked more than 10 MiB above the lowest one did so while V8's young generation was still at the size n8n's boot grew it to (${high.map((run) => `${run.youngGenerationAtPeakMb} MiB`).join(', ')}): the downloads passed through memory on top of it. V8 shrinks it when its memory reducer finds the process quiet enough; that is V8's decision, not the node's.`
				: ''
		}`,
	];
}

/** '+3.2' / '-0.9' */
const signed = (value) => `${value >= 0 ? '+' : ''}${value}`;

function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)];
}

/** Scenarios in which the node lost an item or duplicated a task, in the reported run or any repeat. */
function scenariosWhereTheNodeLostOrDuplicated(byName) {
	const ours = Object.keys(VARIANTS).filter((variant) => VARIANTS[variant].kind === 'node');
	return [...byName.values()].filter(({ results: r, anyRunBroken }) => ours.some((variant) => r[variant]?.itemsLost > 0 || r[variant]?.duplicateTasks > 0 || anyRunBroken?.[variant]));
}

function evaluateTargets(byName, idle, control) {
	const targets = [];
	const n50 = byName.get('n50');
	if (n50?.results.node && n50.results.stockLoop) {
		const { node, stockLoop } = n50.results;
		const ratio = node.wallSeconds / n50.results.idealSeconds;
		targets.push({
			id: 'n50-wall',
			label: 'n50: node wall time ≤ 1.15 × ideal',
			met: ratio <= 1.15,
			measured: `${node.wallSeconds.toFixed(2)} s = ${ratio.toFixed(3)} × ideal ${n50.results.idealSeconds.toFixed(2)} s (limit ${(1.15 * n50.results.idealSeconds).toFixed(2)} s)`,
		});
		const perTask = node.recordInfoCalls / Math.max(1, node.tasksCreated);
		targets.push({
			id: 'n50-polls',
			label: 'n50: ≤ 8 recordInfo calls per task on average',
			met: perTask <= 8,
			measured: `${perTask.toFixed(2)} (${node.recordInfoCalls} calls, ${node.tasksCreated} tasks)`,
		});
		targets.push({
			id: 'n50-ahead-wall',
			label: 'n50: ahead of the stock loop on wall time',
			met: node.wallSeconds < stockLoop.wallSeconds,
			measured: `node ${node.wallSeconds.toFixed(2)} s vs stock loop ${stockLoop.wallSeconds.toFixed(2)} s`,
		});
		const nodeRequests = node.createCalls + node.recordInfoCalls;
		const stockRequests = stockLoop.createCalls + stockLoop.recordInfoCalls;
		const nodeDetails = n50.details.node;
		const stockPerTask = stockLoop.recordInfoCalls / Math.max(1, stockLoop.tasksCreated);
		targets.push({
			id: 'n50-ahead-requests',
			label: 'n50: ahead of the stock loop on requests (createTask + recordInfo)',
			met: nodeRequests < stockRequests,
			measured: `node ${nodeRequests} (${node.createCalls} + ${node.recordInfoCalls}) vs stock loop ${stockRequests} (${stockLoop.createCalls} + ${stockLoop.recordInfoCalls}); ${nodeDetails.createAnswers.rateLimited429} of the node's createTask calls were answered 429 (rate limit); recordInfo per task: node ${perTask.toFixed(2)}, stock loop ${stockPerTask.toFixed(2)}`,
		});
	}
	const faults = byName.get('faults-50');
	if (faults?.results.node) {
		const { node } = faults.results;
		const d = faults.details.node;
		targets.push({ id: 'faults-lost', label: 'faults-50: itemsLost = 0', met: node.itemsLost === 0, measured: String(node.itemsLost) });
		targets.push({ id: 'faults-dup', label: 'faults-50: duplicateTasks = 0', met: node.duplicateTasks === 0, measured: String(node.duplicateTasks) });
		targets.push({
			id: 'faults-failed-reported',
			label: 'faults-50: every failed task is an error item with its task ID',
			met: d.failedTasksReportedWithTaskId === d.tasksFailedOnLiangXin,
			measured: `${d.failedTasksReportedWithTaskId} of ${d.tasksFailedOnLiangXin} failed tasks`,
		});
		const expected = faults.scenario.items - d.tasksFailedOnLiangXin;
		const droppedCreates = d.otherErrorItems.filter((other) => /Could not reach LiangXin/.test(other.error)).length;
		const causes = d.otherErrorItems.map(
			(other) => `item ${other.item + 1}: ${other.error.slice(0, 90)}${other.tasksOnLiangXin.length ? ` (a task was created: ${other.tasksOnLiangXin.map((task) => `${task.taskId}, ${task.finalState}, ${task.createFault ?? 'answered'}`).join('; ')})` : ' (no task was created)'}`,
		);
		targets.push({
			id: 'faults-rest-succeed',
			label: 'faults-50: the rest succeed',
			met: d.itemsWithResult === expected,
			measured: `${d.itemsWithResult} of ${expected} succeeded${causes.length ? `; the other ${causes.length} are error items: ${causes.join(' / ')}` : ''}${droppedCreates ? `. ${droppedCreates} of them are createTask calls whose connection dropped: LiangXin has no idempotency key and no task list, so the node cannot tell whether the task exists, and a retry could create (and bill) a duplicate, which the duplicateTasks target forbids; it reports them as errors that say the task may exist` : ''}`,
		});
	}
	const broken = scenariosWhereTheNodeLostOrDuplicated(byName);
	targets.push({
		id: 'no-loss',
		label: `every scenario run (${[...byName.keys()].join(', ')}): the node lost no item and created no duplicate task (the --quick gate)`,
		met: broken.length === 0,
		measured: broken.length === 0 ? 'itemsLost 0 and duplicateTasks 0 everywhere' : broken.map(({ results: r }) => `${r.name}: lost ${r.node?.itemsLost}, duplicates ${r.node?.duplicateTasks}`).join('; '),
	});
	targets.push(...realWorldTargets(byName, idle));
	const images = byName.get('images-4k-20');
	if (images?.results.node && images.results.stockLoop && idle) {
		const { node } = images.results;
		const imageMb = mib(images.details.node.largestImageBytes / 1024);
		const growth = round(node.peakRssMb - idle.medianMb, 1);
		targets.push({
			id: 'images-memory',
			label: 'images-4k-20: node peak RSS grows < 3 × one image over the idle process',
			met: growth < 3 * imageMb,
			measured: `${signed(growth)} MiB (peak ${node.peakRssMb} MiB, idle ${idle.medianMb} MiB); one image ${imageMb} MiB, limit ${round(3 * imageMb, 1)} MiB${control ? `; the same workflow with tiny images peaked at ${control.metrics.peakRssMb} MiB, so the images themselves cost ${signed(round(node.peakRssMb - control.metrics.peakRssMb, 1))} MiB and the rest (${signed(round(control.metrics.peakRssMb - idle.medianMb, 1))} MiB) is the cost of running the 20 tasks at all` : ''}; stock loop ${signed(round(images.results.stockLoop.peakRssMb - idle.medianMb, 1))} MiB`,
		});
	}
	return targets;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		console.log(fs.readFileSync(__filename, 'utf8').split('\n').slice(1, 20).join('\n'));
		return 0;
	}
	const began = Date.now();
	const scenarios = args.quick ? SCENARIOS.filter((s) => s.name === 'n10') : args.only ? SCENARIOS.filter((s) => args.only.includes(s.name)) : SCENARIOS.filter((s) => args.large || !s.large);
	if (scenarios.length === 0) throw new Error(`no scenario matches ${args.only}`);
	const unknownVariant = [...(args.variants ?? []), ...args.without].find((variant) => !(variant in VARIANTS));
	if (unknownVariant) throw new Error(`unknown variant ${unknownVariant} (one of ${Object.keys(VARIANTS).join(', ')})`);
	// --variants replaces each scenario's own list (the memory control stays the node's).
	const chosen = (scenario) => (args.variants && scenario !== TINY_IMAGES_CONTROL ? args.variants : scenario.variants.filter((variant) => !args.variants || args.variants.includes(variant)));
	const variantsOf = (scenario) => chosen(scenario).filter((variant) => !args.without.includes(variant));
	const full = !args.quick && !args.only && !args.variants;
	const outDir = args.out ?? (args.quick ? path.join(BENCH_DIR, 'quick') : full ? BENCH_DIR : path.join(BENCH_DIR, 'partial'));
	fs.mkdirSync(outDir, { recursive: true });
	const runTag = new Date().toISOString().replace(/\D/g, '').slice(0, 14);

	const paths = runtime.ensureRuntime(log);
	let tarball = args.tarball;
	const packed = !tarball;
	let sandbox;
	/** build ('shipped' | 'plainSchedule') -> its n8n; the shipped one also runs the stock workflows and the idle baseline */
	const instances = new Map();
	let plainTarball;
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liangxin-bench-'));
	const rssDir = path.join(workDir, 'rss');
	fs.mkdirSync(rssDir);
	let failed = false;
	const stopEverything = async () => {
		for (const [build, instance] of instances) {
			if (failed && fs.existsSync(instance.logFile)) {
				fs.copyFileSync(instance.logFile, path.join(outDir, `n8n-failure-${build}.log`));
				log(`kept n8n's log in ${path.join(outDir, `n8n-failure-${build}.log`)}`);
			}
			await instance.cleanup().catch((error) => log(`n8n cleanup failed: ${error.message}`));
		}
		await sandbox?.stop().catch(() => sandbox.kill());
		if (packed) runtime.removeTarball(tarball);
		runtime.removeTarball(plainTarball);
		fs.rmSync(workDir, { recursive: true, force: true });
	};
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => {
			log(`${signal}: stopping n8n and the sandbox`);
			stopEverything().finally(() => process.exit(130));
		});
	}

	try {
		if (packed) tarball = runtime.packPackage({ log });
		sandbox = await startSandboxProcess({ log });
		const wantControl = full || (args.only ?? []).includes('images-4k-20');
		const plan = [];
		for (const scenario of [...scenarios, ...(wantControl ? [TINY_IMAGES_CONTROL] : [])]) {
			for (let repeat = 1; repeat <= (scenario.repeats ?? 1); repeat++) {
				for (const variant of variantsOf(scenario)) plan.push({ scenario, variant, repeat });
			}
		}
		if (plan.length === 0) throw new Error(`no variant of ${scenarios.map((s) => s.name)} is among ${args.variants}`);
		const builds = new Set(['shipped', ...plan.map((entry) => VARIANTS[entry.variant].build)]);
		for (const build of builds) {
			if (build === 'plainSchedule') {
				plainTarball = packPlainScheduleVariant(tarball);
				log(`packed the plain-schedule variant ${plainTarball}`);
			}
			const instance = runtime.createN8nInstance({ tarball: build === 'plainSchedule' ? plainTarball : tarball, logFile: path.join(workDir, `n8n-${build}.log`) });
			log(`n8n (${build} build) user folder ${instance.userFolder}; N8N_DEFAULT_BINARY_DATA_MODE is ${process.env.N8N_DEFAULT_BINARY_DATA_MODE ? 'ignored by the runtime' : 'not set (n8n default)'}`);
			const [liangXin, headerAuth] = await instance.importCredentials([
				{ name: 'LiangXin account', type: 'liangXinApi', data: { apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl } },
				{ name: 'LiangXin header auth', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${sandbox.apiKey}` } },
			]);
			instance.credentials = { liangXin, headerAuth };
			instances.set(build, instance);
		}
		const shipped = instances.get('shipped');

		// Every workflow of the run, imported in one CLI call per n8n.
		for (const entry of plan) {
			const { scenario, variant, repeat } = entry;
			const variantInfo = VARIANTS[variant];
			entry.instance = instances.get(variantInfo.build);
			entry.prompts = promptsFor(scenario, `${variant}${repeat > 1 ? ` run ${repeat}` : ''}`, runTag);
			const resolutionOf = typeof scenario.resolution === 'function' ? scenario.resolution : () => scenario.resolution ?? '2K';
			entry.workflow = workflowFor(path.join(BENCH_DIR, variantInfo.workflow), { name: `${scenario.name} ${variant} ${repeat}`, prompts: entry.prompts, resolutionOf, credentials: entry.instance.credentials, baseUrl: sandbox.baseUrl, nodeOptions: variantInfo.nodeOptions });
			if (variantInfo.throughWebhook) entry.webhookPath = giveWebhookOwnPath(entry.workflow);
		}
		const idleWorkflow = workflowFor(IDLE_WORKFLOW, { name: 'idle', prompts: promptsFor({ items: 20, name: 'idle' }, 'idle', runTag), resolutionOf: () => '4K', credentials: shipped.credentials, baseUrl: sandbox.baseUrl });
		let idleId;
		for (const instance of instances.values()) {
			const entries = plan.filter((entry) => entry.instance === instance);
			const withIdle = instance === shipped;
			const ids = await instance.importWorkflows([...(withIdle ? [idleWorkflow] : []), ...entries.map((entry) => entry.workflow)]);
			if (withIdle) idleId = ids.shift();
			entries.forEach((entry, index) => (entry.workflowId = ids[index]));
			for (const entry of entries.filter((candidate) => candidate.webhookPath)) await instance.publishWorkflow(entry.workflowId);
		}

		// The idle baseline: the same `n8n execute`, a trivial workflow (no HTTP, no binary data).
		const idleRuns = [];
		for (let run = 0; run < (full || wantControl ? IDLE_RUNS : 1); run++) {
			const { result, rss } = await executeMeasured(shipped, idleId, rssDir);
			if (!result.ok) throw new Error(`the idle workflow failed: ${JSON.stringify(result.error)}`);
			idleRuns.push(mib(rss.vmHWMkB));
			log(`idle baseline run ${run + 1}: peak RSS ${mib(rss.vmHWMkB)} MiB`);
		}
		const idle = { runsMb: idleRuns, medianMb: median(idleRuns) };

		const byName = new Map();
		const details = { scenarios: {}, controls: {} };
		const runsOf = new Map(); // "scenario/variant" -> every measured run (scenarios with repeats have several)
		for (const entry of plan) {
			const { scenario, variant, prompts } = entry;
			const sandboxOptions = { ...BASE_SANDBOX, ...scenario.sandbox, seed: scenario.seed };
			await sandbox.prepare(sandboxOptions);
			log(`${scenario.name} / ${variant}${scenario.repeats ? ` (run ${entry.repeat} of ${scenario.repeats})` : ''}: ${scenario.items} item(s)...`);
			const { result, rss, crashedAfterOutput, statusesSeen } = VARIANTS[variant].throughWebhook
				? await runThroughWebhook(entry.instance, { workflowId: entry.workflowId, webhookPath: entry.webhookPath, timeoutMs: scenario.timeoutMs })
				: await executeMeasured(entry.instance, entry.workflowId, rssDir, scenario.timeoutMs);
			const snapshot = await sandbox.snapshot();
			const measured = measureRun({ kind: VARIANTS[variant].kind, resultsOutput: VARIANTS[variant].resultsOutput, waitsForCallbacks: VARIANTS[variant].waitsForCallbacks, result, snapshot, prompts, rateLimit: sandboxOptions.createRateLimit, rss });
			measured.metrics = { variant, ...measured.metrics };
			const m = measured.metrics;
			log(`  wall ${m.wallSeconds} s (ideal ${measured.ideal} s), createTask ${m.createCalls}, tasks ${m.tasksCreated}, recordInfo ${m.recordInfoCalls}, out ${m.itemsOut}, lost ${m.itemsLost}, duplicates ${m.duplicateTasks}, peak RSS ${m.peakRssMb} MiB, download wait max ${m.downloadWaitMaxMs ?? 'n/a'} ms (${m.downloadWaitsOver1s ?? 'n/a'} over 1 s), execution ${result.status}`);
			measured.details.n8nCrashedAfterOutput = crashedAfterOutput;
			if (statusesSeen) {
				measured.details.executionStatusesSeen = statusesSeen;
				log(`  execution statuses seen: ${statusesSeen.join(' → ')}; ${measured.details.callbacksSent} callbacks sent by the sandbox`);
			}
			const key = `${scenario.name}/${variant}`;
			runsOf.set(key, [...(runsOf.get(key) ?? []), measured]);
			if (entry.repeat < (scenario.repeats ?? 1)) continue;
			// Memory varies from run to run (when V8 collects the stream buffers): with repeats, the
			// run with the median peak RSS is reported, and every run's numbers are in the details.
			const runs = runsOf.get(key);
			const chosen = [...runs].sort((a, b) => a.metrics.peakRssMb - b.metrics.peakRssMb)[Math.floor(runs.length / 2)];
			if (runs.length > 1) {
				chosen.details.repeatedRuns = runs.map((run) => ({ peakRssMb: run.metrics.peakRssMb, wallSeconds: run.metrics.wallSeconds, itemsLost: run.metrics.itemsLost, duplicateTasks: run.metrics.duplicateTasks }));
				chosen.details.reportedRun = 'the run with the median peak RSS';
			}
			const record = { scenario: sandboxOptions, metrics: chosen.metrics, ideal: chosen.ideal, details: chosen.details };
			if (scenario === TINY_IMAGES_CONTROL) {
				details.controls[scenario.name] = record;
				continue;
			}
			if (!byName.has(scenario.name)) {
				byName.set(scenario.name, { scenario, results: { name: scenario.name, items: scenario.items, idealSeconds: 0, parameters: scenarioParameters(scenario) }, details: {} });
			}
			const slot = byName.get(scenario.name);
			slot.results[variant] = chosen.metrics;
			slot.details[variant] = { ...chosen.details, idealSecondsOfThisRun: chosen.ideal, sandboxOptions };
			// The targets are about the node: the physical limit of the node's own run (the first variant run, if the node's is not).
			if (variant === 'node' || !slot.results.idealSeconds) slot.results.idealSeconds = chosen.ideal;
			// Loss and duplicates must hold in every run, not only in the reported one.
			if (runs.some((run) => run.metrics.itemsLost > 0 || run.metrics.duplicateTasks > 0)) slot.anyRunBroken = { ...slot.anyRunBroken, [variant]: true };
		}

		const results = {
			n8nVersion: paths.n8nVersion,
			scenarios: [...byName.values()].map(({ results: r }) => ({
				name: r.name,
				items: r.items,
				idealSeconds: r.idealSeconds,
				parameters: r.parameters,
				...Object.fromEntries(Object.keys(VARIANTS).filter((variant) => r[variant]).map((variant) => [variant, r[variant]])),
			})),
		};
		for (const { scenario, details: perVariant } of byName.values()) details.scenarios[scenario.name] = perVariant;

		const targets = evaluateTargets(byName, idle, details.controls[TINY_IMAGES_CONTROL.name]);
		const binaryModes = [...new Set(Object.values(details.scenarios).flatMap((s) => Object.values(s).flatMap((variant) => variant.binaryDataModes ?? [])))];
		const images = byName.get('images-4k-20');
		const control = details.controls[TINY_IMAGES_CONTROL.name];
		const memoryNotes = [
			`n8n's binary data mode: **filesystem** (\`N8N_DEFAULT_BINARY_DATA_MODE\` unset: n8n 2.41's default outside queue mode). Every output item's binary id starts with ${binaryModes.map((mode) => `\`${mode}:\``).join(', ') || 'n/a'}, i.e. the files are in \`~/.n8n/storage\`, not in the run data.`,
			`Idle baseline: peak RSS of \`n8n execute\` running bench/idle.workflow.json (Manual Trigger, Set, Split Out into 20 items, No Op), ${idle.runsMb.length} run(s): ${idle.runsMb.join(', ')} MiB; median ${idle.medianMb} MiB.`,
		];
		if (images?.details.node && images.details.stockLoop) {
			const imageMb = mib(images.details.node.largestImageBytes / 1024);
			memoryNotes.push(`One 4K image (4096×4096 PNG from the sandbox): ${imageMb} MiB; ${images.details.node.imagesDownloaded} downloaded by the node, ${images.details.stockLoop.imagesDownloaded} by the stock loop.`);
			memoryNotes.push(`Peak RSS over idle: node +${round(images.results.node.peakRssMb - idle.medianMb, 1)} MiB, stock loop +${round(images.results.stockLoop.peakRssMb - idle.medianMb, 1)} MiB (limit for the node: 3 × ${imageMb} = ${round(3 * imageMb, 1)} MiB).`);
			const peaks = (runs) => (runs ?? []).map((run) => run.peakRssMb).join(', ');
			memoryNotes.push(`Memory varies from run to run (it depends on when V8 frees the downloaded chunks), so images-4k-20 and its control run 3 times each and the run with the median peak is reported. Peaks of the 3 runs: node ${peaks(images.details.node.repeatedRuns)} MiB; stock loop ${peaks(images.details.stockLoop.repeatedRuns)} MiB${control ? `; control ${peaks(control.details.repeatedRuns)} MiB` : ''}.`);
			memoryNotes.push(...memoryBreakdown(runsOf.get('images-4k-20/node') ?? [], runsOf.get('images-4k-20/stockLoop') ?? []));
		}
		if (control) {
			memoryNotes.push(`Control: the same 20-item node workflow with tiny images (sandbox imageScale 1/32) peaked at ${control.metrics.peakRssMb} MiB (${signed(round(control.metrics.peakRssMb - idle.medianMb, 1))} MiB over idle): that much is the cost of running 20 tasks at all (HTTP client, sockets, timers, n8n's run data, V8 heap growth), not of the images.`);
		}
		const scenarioNotes = [
			'All scenarios: createTask is limited to 20 per 10 s (sliding window, HTTP 429 with Retry-After beyond it); every item has a unique prompt. n1, n10, n50, faults-50 and images-4k-20: sandbox tasks take 8 s ± 2 s (uniform).',
			`tail-50, n200, n1000: heavy-tailed task durations (sandbox option taskDurations ${JSON.stringify(TAIL_DURATIONS)}): log-normal with median 25 s and σ 0.55 (of ln ms), 4 % of tasks instead uniform in 180-240 s, capped at 240 s; together median ≈ 26 s, p95 ≈ 90 s. The durations come from their own seeded stream, one draw per created task, so every variant gets the same durations in creation order. tail-50 (seed 1501) has 3 tasks at 3-4 min. n200 and n1000 create at the rate limit (20 per 10 s), default options.`,
			'mixed-50: items alternate 1K and 4K; durations as in tail-50 times 0.8 (1K) or 1.6 (4K), capped at 240 s.',
			'**node, plain schedule**: the same package, its TaskWatcher given the plain schedule through its `schedule` option (tools/bench/plain-schedule.js and variants.js, not a node option): every task polled from its own creation every 2.5 s for 30 s, then every 7.5 s to 2 min, then every 20 s (the schedule LiangXin\'s peers advise); no scout, nothing learned, no endgame.',
			"**node, pause until callback** (n50; opt-in elsewhere with --variants=pauseMode): bench/pause.workflow.json, the node in Wait Mode *Pause Until Callback* (Allow Local Callback URL on, since n8n's webhook URL is loopback here), otherwise as **node**. It cannot run under `n8n execute` (nothing there receives the callbacks): the bench publishes the workflow, starts `n8n start` (WEBHOOK_URL = its loopback address), triggers the workflow's Webhook once, and reads the end from n8n's executions; the sandbox calls back each task's resume URL once when it finishes (retried after 2, 5 and 15 s while not answered 2xx). Wall time is n8n's execution record as for the others (startedAt is kept across the pause); peak RSS is not measured (the server process holds more than the run).",
			"**one at a time, 3 s poll** (the peers' pattern: how the kie.ai and WaveSpeed community nodes wait): bench/one-at-a-time.workflow.json, stock nodes: Loop Over Items (batch size 1) → Create Task → Wait 3 s → Get Task → Finished? ..., looping back per item, at most 200 polls.",
			'faults-50 adds: 30 % of createTask calls answered 429 (no Retry-After), 10 % of recordInfo calls answered 500, 5 % of connections dropped (createTask drops half before, half after creating the task), 10 % of tasks failing.',
			'images-4k-20: resolution 4K and real-size PNGs (sandbox imageScale 1). The sandbox renders each PNG when it is first requested (seconds of CPU for 4096×4096 on these 2 cores, shared with n8n), which adds ~10 s to the wall time of both variants: this scenario measures memory, not time.',
			'**node**: bench/node.workflow.json. Manual Trigger, Set + Split Out (the items), LiangXin Nano Banana Pro *Create & Wait* with default options (100 tasks in flight, scout + endgame polling, Download Images on), Settings > On Error: Continue.',
			'**stock loop**: bench/stock-loop.workflow.json, n8n\'s own nodes only, as a careful user builds it: *Create Task* (HTTP Request POST createTask, Header Auth, batching 20 items per 10 s, Retry On Fail 3 × 5 s, On Error: continue with error output) → *Task ID* (Set) → *Wait 5 s* → *Get Task* (HTTP Request GET recordInfo, Retry On Fail 3 × 1 s, On Error: continue) → *Finished?* (IF state is success or fail; else *Next Poll* (Set, counts polls) → *Keep Polling?* (IF < 120 polls) → back to *Wait 5 s*, or *Gave Up*) → *Succeeded?* (IF) → *Download Image* (HTTP Request, file, Retry On Fail 3 × 1 s, On Error: error output) → *Done*. Its items are counted where they end: *Done* with an image is a result; *Create Failed*, *Task Failed*, *Download Failed* and *Gave Up* are error items.',
			...(args.without.length ? [`This run left out the variant(s) ${args.without.join(', ')} (--without); see bench/partial/ for their own runs.`] : []),
			'n8n 2.41 retries a node that has Retry On Fail and On Error: Continue when its **first** output item is an error, and then re-runs the node for **all** items: on *Create Task* this re-creates every task of the batch (duplicates). That is how the stock nodes behave; the benchmark counts it, it does not work around it.',
		];
		const totalMinutes = Math.max(1, Math.round((Date.now() - began) / 60000));
		const detailsFile = {
			environment: { date: new Date().toISOString(), n8nVersion: paths.n8nVersion, n8nNode: '24.21.0', benchNode: process.versions.node, cpus: os.cpus().length, totalMinutes, mode: args.quick ? 'quick' : full ? (args.without.length ? `full without ${args.without}` : 'full') : `only ${args.only}` },
			idleBaseline: idle,
			binaryDataModes: binaryModes,
			targets,
			...details,
			memoryNotes,
			scenarioNotes,
		};

		fs.writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
		fs.writeFileSync(path.join(outDir, 'results-details.json'), `${JSON.stringify(detailsFile, null, 2)}\n`);
		fs.writeFileSync(path.join(outDir, 'RESULTS.md'), renderMarkdown(results, detailsFile, targets));
		fs.writeFileSync(path.join(outDir, 'results.svg'), renderSvg(results));
		log(`wrote ${path.relative(process.cwd(), outDir) || '.'}/results.json, results-details.json, RESULTS.md, results.svg`);
		for (const target of targets) log(`${target.met ? 'MET    ' : 'NOT MET'} ${target.label}: ${target.measured}`);

		const broken = scenariosWhereTheNodeLostOrDuplicated(byName);
		for (const { results: r } of broken) log(`FAIL: the node lost items or created duplicate tasks in ${r.name} (see results-details.json)`);
		if (broken.length > 0) return 1;
		if (args.strict && targets.some((target) => !target.met)) return 1;
		return 0;
	} catch (error) {
		failed = true;
		throw error;
	} finally {
		await stopEverything();
		log(`done in ${((Date.now() - began) / 1000).toFixed(0)} s`);
	}
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`bench failed: ${error.stack ?? error}`);
		process.exit(1);
	},
);
