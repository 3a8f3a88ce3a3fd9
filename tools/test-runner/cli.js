#!/usr/bin/env node
// @ts-check
'use strict';
// The whole test suite, as the README gives it: the fast unit and integration tests, then the
// suites that run the packed package in a real n8n: n8n 2.41.1 (with the editor), every other
// tested n8n version (the node, trigger, credential and output-routing tests) and queue mode. Ends
// with one plain summary line for CI. `node tools/test-runner/cli.js <unit|e2e|compat|queue>` runs one group.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { DEFAULT_N8N_VERSION, SUPPORTED_VERSIONS } = require('../n8n-runtime/install');
const { ensureChromium } = require('./ensure-chromium');

/**
 * @typedef {object} Suite
 * @property {string} name
 * @property {'unit' | 'e2e' | 'compat' | 'queue'} group what `npm run test:<group>` runs
 * @property {string[]} args jest's
 * @property {boolean} [needsChromium] the editor test drives n8n in a browser
 * @property {Record<string, string>} [env]
 * @typedef {{ passed: number, failed: number, skipped: number }} Totals
 */

const E2E = ['-c', 'jest.e2e.config.js', '--runInBand'];
const QUEUE_TESTS = 'test/e2e/queue/';
/** @type {Suite[]} */
const SUITES = [
	{ name: 'unit', group: 'unit', args: [] },
	{ name: 'e2e', group: 'e2e', args: [...E2E, '--testPathIgnorePatterns', QUEUE_TESTS], needsChromium: true },
	...Object.keys(SUPPORTED_VERSIONS)
		.filter((version) => version !== DEFAULT_N8N_VERSION)
		.map((version) => /** @type {Suite} */ ({
			name: `e2e-n8n-${version}`,
			group: 'compat',
			args: [...E2E, 'test/e2e/real-n8n.test.ts', 'test/e2e/trigger.test.ts', 'test/e2e/routing.test.ts'],
			env: { LIANGXIN_N8N_VERSION: version },
		})),
	{ name: 'queue', group: 'queue', args: [...E2E, QUEUE_TESTS] },
];
const JEST = require.resolve('jest/bin/jest');

/**
 * Runs one suite with jest and adds its counts to `totals`; false when it failed.
 * @param {Suite} suite @param {string} resultsDir @param {Totals} totals
 */
function runSuite(suite, resultsDir, totals) {
	console.log(`\n=== ${suite.name} tests ===`);
	const outputFile = path.join(resultsDir, `${suite.name}.json`);
	const run = spawnSync(process.execPath, [JEST, ...suite.args, '--json', `--outputFile=${outputFile}`], { stdio: 'inherit', env: { ...process.env, ...suite.env } });
	if (!fs.existsSync(outputFile)) {
		console.error(`${suite.name}: jest wrote no results (exit ${run.status})`);
		totals.failed++;
		return false;
	}
	const result = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
	totals.passed += result.numPassedTests;
	totals.failed += result.numFailedTests + result.numRuntimeErrorTestSuites;
	totals.skipped += result.numPendingTests + result.numTodoTests;
	return run.status === 0;
}

/** @param {string | undefined} only a group, or every suite */
function main(only) {
	const selected = SUITES.filter((suite) => !only || suite.group === only);
	if (selected.some((suite) => suite.needsChromium)) {
		try {
			ensureChromium();
		} catch (error) {
			console.error(/** @type {Error} */ (error).message);
			return 1;
		}
	}
	const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liangxin-tests-'));
	/** @type {Totals} */
	const totals = { passed: 0, failed: 0, skipped: 0 };
	let exitCode = 0;
	/** @type {string[]} */
	const times = [];
	for (const suite of selected) {
		const startedAt = Date.now();
		if (!runSuite(suite, resultsDir, totals)) exitCode = 1;
		times.push(`${suite.name} ${Math.round((Date.now() - startedAt) / 1000)} s`);
	}
	fs.rmSync(resultsDir, { recursive: true, force: true });
	// The README reports each group's time on a fresh machine from this line of CI's log.
	console.log(`\nTimes: ${times.join(', ')}`);
	console.log(`Tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
	return totals.passed === 0 ? 1 : exitCode;
}

process.exit(main(process.argv[2]));
