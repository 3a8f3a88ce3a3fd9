#!/usr/bin/env node
'use strict';
// The whole test suite, as the README gives it: the fast unit and integration tests, then the
// suites that run the packed package in a real n8n: n8n 2.41.1 (with the editor), every other
// tested n8n version (the node, trigger and credential tests) and queue mode. Ends with one plain
// summary line for CI. `node scripts/test.js <unit|e2e|compat|queue>` runs one group.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureChromium } = require('./ensure-chromium');
const { DEFAULT_N8N_VERSION, SUPPORTED_VERSIONS } = require('../n8n-runtime/install');

const E2E = ['-c', 'jest.e2e.config.js', '--runInBand'];
const QUEUE_TESTS = 'test/e2e/queue/';
const suites = [
	{ name: 'unit', group: 'unit', args: [] },
	{ name: 'e2e', group: 'e2e', args: [...E2E, '--testPathIgnorePatterns', QUEUE_TESTS], needsChromium: true },
	...Object.keys(SUPPORTED_VERSIONS)
		.filter((version) => version !== DEFAULT_N8N_VERSION)
		.map((version) => ({
			name: `e2e-n8n-${version}`,
			group: 'compat',
			args: [...E2E, 'test/e2e/real-n8n.test.ts', 'test/e2e/trigger.test.ts'],
			env: { LIANGXIN_N8N_VERSION: version },
		})),
	{ name: 'queue', group: 'queue', args: [...E2E, QUEUE_TESTS] },
];
const only = process.argv[2];
const jest = require.resolve('jest/bin/jest');
const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liangxin-tests-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
let exitCode = 0;

const selected = suites.filter((candidate) => !only || candidate.group === only);
if (selected.some((suite) => suite.needsChromium)) {
	try {
		ensureChromium();
	} catch (error) {
		console.error(error.message);
		process.exit(1);
	}
}

for (const suite of selected) {
	console.log(`\n=== ${suite.name} tests ===`);
	const outputFile = path.join(resultsDir, `${suite.name}.json`);
	const run = spawnSync(process.execPath, [jest, ...suite.args, '--json', `--outputFile=${outputFile}`], {
		stdio: 'inherit',
		env: { ...process.env, ...suite.env },
	});
	if (run.status !== 0) exitCode = 1;
	if (!fs.existsSync(outputFile)) {
		console.error(`${suite.name}: jest wrote no results (exit ${run.status})`);
		totals.failed++;
		continue;
	}
	const result = JSON.parse(fs.readFileSync(outputFile, 'utf8'));
	totals.passed += result.numPassedTests;
	totals.failed += result.numFailedTests + result.numRuntimeErrorTestSuites;
	totals.skipped += result.numPendingTests + result.numTodoTests;
}
fs.rmSync(resultsDir, { recursive: true, force: true });
if (totals.passed === 0) exitCode = 1;
console.log(`\nTests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(exitCode);
