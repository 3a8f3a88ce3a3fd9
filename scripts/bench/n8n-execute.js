'use strict';
// `n8n execute` for the benchmark, beside scripts/n8n-runtime.js (whose API it reuses for
// everything else). Two things the runtime's execute() does not do:
// - n8n 2.41.1 on this machine now and then dies with SIGSEGV in its own native teardown *after*
//   it printed the complete run and called process.exit(0) (seen with a trivial Manual Trigger ->
//   No Op workflow too, about 1 run in 3). The runtime's execute() throws the finished run away;
//   here such a run is kept and the crash is recorded.
// - the benchmark's peak-memory probe is preloaded into this process only (NODE_OPTIONS).
const { spawn } = require('node:child_process');
const fs = require('node:fs');

const install = require('../n8n-runtime-install');
const runtime = require('../n8n-runtime');

/** The settings n8n-runtime.js gives every n8n process (quiet, offline, loopback only). */
const OFFLINE_ENV = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
};

const liveGroups = new Set();
process.on('exit', () => {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false;
	}
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/** Waits until every process of the group is gone (SIGTERM, then SIGKILL after 10 s). */
async function reapGroup(pid) {
	const deadline = Date.now() + 10_000;
	killGroup(pid, 'SIGTERM');
	while (killGroup(pid, 0) && Date.now() < deadline) await sleep(100);
	if (killGroup(pid, 0)) killGroup(pid, 'SIGKILL');
	while (killGroup(pid, 0)) await sleep(50);
	liveGroups.delete(pid);
}

/** The accessors of n8n-runtime's ExecutionResult, over a parsed `n8n execute --rawOutput` run. */
function executionResult(run, exitCode, signal) {
	const { resultData } = run.data;
	const lastRun = (nodeName) => {
		const runs = resultData.runData[nodeName];
		if (!runs?.length) throw new Error(`node "${nodeName}" did not run`);
		return runs[runs.length - 1];
	};
	return {
		ok: run.status === 'success' && !resultData.error,
		status: run.status,
		error: resultData.error,
		runData: resultData.runData,
		items: (nodeName, outputIndex = 0) => lastRun(nodeName).data?.main?.[outputIndex] ?? [],
		exitCode,
		signal,
		run,
	};
}

/**
 * Runs `n8n execute --id=<id> --rawOutput` in the instance's user folder, in its own process group,
 * which is reaped (task runner included) before this resolves.
 * @param {ReturnType<typeof runtime.createN8nInstance>} instance
 * @param {{ env?: Record<string, string>, timeoutMs?: number }} options
 */
async function executeWorkflow(instance, workflowId, { env: extraEnv = {}, timeoutMs = 600_000 } = {}) {
	const paths = install.runtimePaths();
	const [brokerPort] = [await runtime.freePort()];
	const baseEnv = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !/^(N8N_|DB_|NODE_OPTIONS$|NODE_ENV$)/.test(name)),
	);
	const args = ['execute', `--id=${workflowId}`, '--rawOutput'];
	fs.appendFileSync(instance.logFile, `\n===== ${new Date().toISOString()} n8n ${args.join(' ')} (bench)\n`);
	const child = spawn(paths.nodeBin, [paths.n8nBin, ...args], {
		cwd: instance.userFolder,
		env: {
			...baseEnv,
			PATH: paths.pathWithNode24,
			N8N_USER_FOLDER: instance.userFolder,
			...OFFLINE_ENV,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			...extraEnv,
		},
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	liveGroups.add(child.pid);
	let stdout = '';
	child.stdout.setEncoding('utf8').on('data', (chunk) => {
		stdout += chunk;
		fs.appendFileSync(instance.logFile, chunk);
	});
	child.stderr.setEncoding('utf8').on('data', (chunk) => fs.appendFileSync(instance.logFile, chunk));
	const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs);
	const { code, signal } = await new Promise((resolve) => child.once('close', (c, s) => resolve({ code: c, signal: s })));
	clearTimeout(timer);
	await reapGroup(child.pid);
	const run = runtime.parseRunOutput(stdout);
	if (!run) throw new Error(`n8n execute --id=${workflowId} printed no run (exit ${code ?? signal}); see ${instance.logFile}`);
	return { result: executionResult(run, code, signal), pid: child.pid, crashedAfterOutput: signal ?? null };
}

/** Kills every `n8n execute` this module started and that is still running. */
async function stopAllExecutions() {
	await Promise.all([...liveGroups].map((pid) => reapGroup(pid)));
}

module.exports = { executeWorkflow, stopAllExecutions };
