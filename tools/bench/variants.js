// @ts-check
'use strict';
// The ways of running a batch that the bench compares, and the builds of the package they need besides
// the shipped one. The "plain schedule" variant is not an option of the node: it is the packed package
// with its polling module wrapped so that every TaskWatcher gets the plain schedule through the
// watcher's `schedule` option (plain-schedule.js). The time-scaled build, which runs the node in a
// scenario with a time scale, wraps it the same way to scale the node's own schedule (time-scale.js).
// The shipped code runs unchanged; only the schedule differs.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * @typedef {'shipped' | 'plainSchedule' | 'timeScaled'} Build which package build an n8n has installed
 * @typedef {object} Variant
 * @property {string} label in tables
 * @property {string} chartLabel in the chart's legend
 * @property {string} color of its bars
 * @property {Build} build
 * @property {string} workflow file under bench/
 * @property {string} [videoWorkflow] file under bench/ for the scenarios of video tasks (none: the variant does not run them)
 * @property {'node' | 'stock'} kind runs the LiangXin node, or stock n8n nodes only
 * @property {Record<string, unknown>} [nodeOptions] set on the LiangXin node's Options
 * @property {boolean} [throughWebhook] run in a started n8n from the workflow's Webhook node instead of `n8n execute`
 * @property {number} [resultsOutput] the node output its results leave on (default 0)
 * @property {boolean} [waitsForCallbacks] the tasks' ends arrive as callbacks, not through polls
 * @typedef {'node' | 'plainSchedule' | 'stockLoop' | 'pauseMode' | 'oneAtATime'} VariantName
 */

/** @type {Record<VariantName, Variant>} */
const VARIANTS = {
	node: {
		label: 'node',
		chartLabel: 'LiangXin node (scout + endgame polling)',
		color: '#4f46e5',
		build: 'shipped',
		workflow: 'node.workflow.json',
		videoWorkflow: 'video-node.workflow.json',
		kind: 'node',
	},
	plainSchedule: {
		label: 'node, plain schedule',
		chartLabel: 'node, plain per-task schedule',
		color: '#0ea5e9',
		build: 'plainSchedule',
		workflow: 'node.workflow.json',
		kind: 'node',
	},
	stockLoop: {
		label: 'stock loop',
		chartLabel: 'stock n8n loop (batches of 20, Wait 5 s)',
		color: '#9ca3af',
		build: 'shipped',
		workflow: 'stock-loop.workflow.json',
		videoWorkflow: 'video-stock-loop.workflow.json',
		kind: 'stock',
	},
	pauseMode: {
		label: 'node, pause until callback',
		chartLabel: 'node, Wait Mode Pause Until Callback',
		color: '#10b981',
		build: 'shipped',
		workflow: 'pause.workflow.json',
		kind: 'node',
		throughWebhook: true,
		resultsOutput: 1,
		waitsForCallbacks: true,
	},
	oneAtATime: {
		label: 'one at a time, 3 s poll',
		chartLabel: "peers' pattern (one item at a time, 3 s poll)",
		color: '#f59e0b',
		build: 'shipped',
		workflow: 'one-at-a-time.workflow.json',
		kind: 'stock',
	},
};

/** @param {string} name @returns {name is VariantName} */
const isVariantName = (name) => name in VARIANTS;

/** Where tsc puts nodes/shared/tasks/polling.ts in the package. */
const POLLING_MODULE = path.join('dist', 'nodes', 'shared', 'tasks', 'polling.js');
/** @type {Record<Exclude<Build, 'shipped'>, { module: string, wrapper: string }>} */
const WRAPPED_BUILDS = {
	plainSchedule: {
		module: 'plain-schedule.js',
		wrapper: `'use strict';
// The bench's plain-schedule variant: the shipped polling module, every TaskWatcher on the plain schedule.
module.exports = require('./plain-schedule.js').withPlainSchedule(require('./polling.shipped.js'));
`,
	},
	timeScaled: {
		module: 'time-scale.js',
		wrapper: `'use strict';
// The bench's time-scaled build: the shipped polling module, every TaskWatcher's schedule scaled by the run's time scale.
module.exports = require('./time-scale.js').withTimeScale(require('./polling.shipped.js'), require('./pollSchedule.js'));
`,
	},
};

/**
 * Turns an unpacked package (its root folder) into a wrapped build: its polling module becomes
 * polling.shipped.js, and polling.js the wrapper that hands it to the build's module.
 * @param {string} packageDir @param {Exclude<Build, 'shipped'>} build
 */
function installWrappedBuild(packageDir, build) {
	const pollingModule = path.join(packageDir, POLLING_MODULE);
	if (!fs.existsSync(pollingModule)) {
		throw new Error(`the package has no ${POLLING_MODULE}: update POLLING_MODULE in tools/bench/variants.js to where TaskWatcher is built`);
	}
	const dir = path.dirname(pollingModule);
	const { module, wrapper } = WRAPPED_BUILDS[build];
	fs.renameSync(pollingModule, path.join(dir, 'polling.shipped.js'));
	fs.copyFileSync(path.join(__dirname, module), path.join(dir, module));
	fs.writeFileSync(pollingModule, wrapper);
}

/**
 * Repacks `tarball` as a wrapped build; returns the new tarball (in a liangxin-pack-* temp dir).
 * @param {string} tarball @param {Exclude<Build, 'shipped'>} build
 */
function packWrappedBuild(tarball, build) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liangxin-pack-'));
	execFileSync('tar', ['-xzf', tarball, '-C', dir]);
	installWrappedBuild(path.join(dir, 'package'), build);
	const output = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: path.join(dir, 'package'), encoding: 'utf8' });
	const [{ filename }] = JSON.parse(output.slice(output.indexOf('[')));
	return path.join(dir, path.basename(filename));
}

module.exports = { VARIANTS, isVariantName, installWrappedBuild, packWrappedBuild };
