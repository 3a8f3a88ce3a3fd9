// @ts-check
'use strict';
// What a bench run holds and must give back however it ends: the n8n instances, the sandbox process,
// the packed tarballs and a temp folder. On a failure, each n8n's log is kept beside the results.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const runtime = require('../n8n-runtime');
const { log } = require('./log');

/**
 * @typedef {import('./variants').Build} Build
 * @typedef {import('../n8n-runtime').N8nInstance & { credentials: { liangXin: { id: string }, headerAuth: { id: string } } }} BenchInstance an n8n with the bench's credentials imported
 * @typedef {Awaited<ReturnType<typeof import('./sandbox-process').startSandboxProcess>>} SandboxProcess
 */

/** @param {string} outDir where a failed run's n8n logs are kept */
function createSession(outDir) {
	const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liangxin-bench-'));
	const rssDir = path.join(workDir, 'rss');
	fs.mkdirSync(rssDir);
	const session = {
		workDir,
		/** the peak-memory records of the `n8n execute` processes */
		rssDir,
		/** @type {Map<Build, BenchInstance>} the shipped one also runs the stock workflows and the idle baseline */
		instances: new Map(),
		/** @type {SandboxProcess | undefined} */
		sandbox: undefined,
		/** @type {string[]} made by this run, removed at the end */
		tarballs: [],
		failed: false,
		async stop() {
			for (const [build, instance] of session.instances) await stopInstance(build, instance, session.failed, outDir);
			await session.sandbox?.stop().catch(() => session.sandbox?.kill());
			session.tarballs.forEach(runtime.removeTarball);
			fs.rmSync(workDir, { recursive: true, force: true });
		},
	};
	return session;
}

/** @typedef {ReturnType<typeof createSession>} Session */

/** @param {Build} build @param {BenchInstance} instance @param {boolean} failed @param {string} outDir */
async function stopInstance(build, instance, failed, outDir) {
	if (failed && fs.existsSync(instance.logFile)) {
		const kept = path.join(outDir, `n8n-failure-${build}.log`);
		fs.copyFileSync(instance.logFile, kept);
		log(`kept n8n's log in ${kept}`);
	}
	await instance.cleanup().catch((/** @type {Error} */ error) => log(`n8n cleanup failed: ${error.message}`));
}

/** @param {Session} session stopped on SIGINT and SIGTERM before this process exits */
function stopOnSignals(session) {
	for (const signal of ['SIGINT', 'SIGTERM']) {
		process.once(signal, () => {
			log(`${signal}: stopping n8n and the sandbox`);
			session.stop().finally(() => process.exit(130));
		});
	}
}

module.exports = { createSession, stopOnSignals };
