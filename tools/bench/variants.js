'use strict';
// The ways of running a batch that the bench compares, and the build of the "plain schedule"
// variant of the package. That variant is not an option of the node: it is the packed package
// with one small, checked transform of its built polling module (see PLAIN_SCHEDULE_PATCH), so
// that the shipped node has one polling policy and the bench can still measure the simpler one.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/**
 * key -> how the variant runs. `build`: which package build its n8n has installed; `workflow`: bench/<file>; `nodeOptions`: set on the LiangXin node's Options;
 * `throughWebhook`: run in a started n8n from the workflow's Webhook node instead of `n8n execute`; `resultsOutput`: the node output its results leave on (default 0);
 * `waitsForCallbacks`: the tasks' ends arrive as callbacks, not through polls.
 */
const VARIANTS = {
	node: {
		label: 'node',
		chartLabel: 'LiangXin node (scout + endgame polling)',
		color: '#4f46e5',
		build: 'shipped',
		workflow: 'node.workflow.json',
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

const POLLING_MODULE = path.join('package', 'dist', 'nodes', 'shared', 'polling.js');
/**
 * Appended to the built polling module: every task is polled from its own creation on the plain
 * schedule LiangXin's peers advise (every 2.5 s for 30 s, then 7.5 s, then 20 s): no scout, nothing
 * learned, no endgame. The module calls its own `firstPollDelayMs` and `nextPollDelayMs`, which the
 * patch rebinds.
 */
const PLAIN_SCHEDULE_PATCH = `
// bench variant "plainSchedule" (scripts/bench/variants.js): a plain per-task schedule, nothing learned.
const PLAIN_SCHEDULE = [[30000, 2500], [120000, 7500], [Infinity, 20000]];
const plainStepMs = (ageMs) => PLAIN_SCHEDULE.find(([untilMs]) => ageMs < untilMs)[1];
firstPollDelayMs = () => plainStepMs(0);
nextPollDelayMs = (ageMs) => plainStepMs(ageMs);
`;
/** What the patch relies on in the built module; if one is missing, polling.ts changed and the patch must too. */
const PATCH_NEEDS = ['class TaskWatcher', 'function firstPollDelayMs(', 'function nextPollDelayMs(', 'firstPollDelayMs(median, task === scout)', 'nextPollDelayMs(age, '];

function patchPlainSchedule(source) {
	const missing = PATCH_NEEDS.filter((needle) => !source.includes(needle));
	if (missing.length > 0) throw new Error(`dist polling.js no longer has ${missing.join(', ')}: update PLAIN_SCHEDULE_PATCH in scripts/bench/variants.js`);
	return `${source}${PLAIN_SCHEDULE_PATCH}`;
}

/** Repacks `tarball` with the plain-schedule polling; returns the new tarball (in a liangxin-pack-* temp dir). */
function packPlainScheduleVariant(tarball) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liangxin-pack-'));
	execFileSync('tar', ['-xzf', tarball, '-C', dir]);
	const file = path.join(dir, POLLING_MODULE);
	fs.writeFileSync(file, patchPlainSchedule(fs.readFileSync(file, 'utf8')));
	const output = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], { cwd: path.join(dir, 'package'), encoding: 'utf8' });
	const [{ filename }] = JSON.parse(output.slice(output.indexOf('[')));
	return path.join(dir, path.basename(filename));
}

module.exports = { VARIANTS, patchPlainSchedule, packPlainScheduleVariant };
