// @ts-check
'use strict';
// One bench run from start to end: the runtime, the packed package, the sandbox process, one n8n per
// build, every workflow imported, the idle baseline, every planned run measured, the results written;
// everything stopped however it ends.
const fs = require('node:fs');

const runtime = require('../n8n-runtime');
const { importWorkflows, startInstances } = require('./instances');
const { log } = require('./log');
const { measureAll, measureIdle } = require('./measure');
const { writeResults } = require('./results');
const { startSandboxProcess } = require('./sandbox-process');
const { createSession, stopOnSignals } = require('./session');

const IDLE_RUNS = 3;

/**
 * @typedef {object} BenchRequest
 * @property {import('./scenarios').PlannedRun[]} plan
 * @property {boolean} withControl the memory control runs: the idle baseline is then a median of IDLE_RUNS
 * @property {string} mode how results-details.json names the run (quick, full, only ...)
 * @property {string} outDir
 * @property {string | null} tarball a package tarball to use instead of building and packing one
 * @property {string[]} without variants left out (--without)
 * @property {boolean} strict exit 1 also when a target is not met
 */

/** @param {BenchRequest} request @returns {Promise<number>} the exit code */
async function runBench({ plan, withControl, mode, outDir, tarball, without, strict }) {
	const began = Date.now();
	fs.mkdirSync(outDir, { recursive: true });
	const runTag = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
	const { n8nVersion } = runtime.ensureRuntime(log);
	const session = createSession(outDir);
	stopOnSignals(session);
	try {
		const packed = tarball ?? runtime.packPackage({ log });
		if (!tarball) session.tarballs.push(packed);
		const sandbox = await startSandboxProcess({ log });
		session.sandbox = sandbox;
		await startInstances(session, packed, plan, sandbox);
		const { runs, idleId } = await importWorkflows(session, plan, sandbox.baseUrl, runTag);
		const shipped = /** @type {import('./session').BenchInstance} */ (session.instances.get('shipped'));
		const idle = await measureIdle(shipped, idleId, session.rssDir, withControl ? IDLE_RUNS : 1);
		const measured = await measureAll(runs, sandbox, session.rssDir);
		return writeResults(outDir, measured, idle, { n8nVersion, began, mode, without }, strict);
	} catch (error) {
		session.failed = true;
		throw error;
	} finally {
		await session.stop();
		log(`done in ${((Date.now() - began) / 1000).toFixed(0)} s`);
	}
}

module.exports = { runBench };
