// @ts-check
'use strict';
// A throwaway n8n: its own N8N_USER_FOLDER with this package installed as a community package, the
// commands the tests, the demo and the bench run in it, and its server.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { executionResult, newId, parseRunOutput, readBinary } = require('./execution');
const install = require('./install');
const { createN8nCli, tail } = require('./n8n-cli');
const { installTarball } = require('./package');
const { createServerControl } = require('./server');

/** Settings that keep n8n quiet and offline. */
const OFFLINE_ENV = {
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
	N8N_TEMPLATES_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_DYNAMIC_BANNERS_ENABLED: 'false',
	N8N_HIRING_BANNER_ENABLED: 'false',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
	N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
	// Without it n8n warns on every command that ~/.n8n/config is world-readable.
	N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
};

/**
 * @typedef {{ id?: string, name: string, type: string, data: Record<string, unknown> }} CredentialInput
 * @typedef {object} InstanceOptions
 * @property {string} tarball the packed package to install
 * @property {string} [version] n8n version; LIANGXIN_N8N_VERSION, else 2.41.1
 * @property {string} [logFile] where every command's output goes (default: in the user folder)
 * @property {(line: string) => void} [log]
 * @property {Record<string, string>} [env] added to every command's environment
 */

/**
 * The environment of this instance's commands: this process's, without anything that configures
 * n8n, a database or Node, plus the runtime's Node 24 and OFFLINE_ENV.
 * @param {import('./install').RuntimePaths} runtime @param {string} userFolder @param {Record<string, string>} extraEnv
 * @returns {(commandEnv?: Record<string, string>) => NodeJS.ProcessEnv}
 */
function environmentOf(runtime, userFolder, extraEnv) {
	const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(N8N_|DB_|NODE_OPTIONS$|NODE_ENV$)/.test(name)));
	return (commandEnv = {}) => ({ ...inherited, PATH: runtime.pathWithNode24, N8N_USER_FOLDER: userFolder, ...OFFLINE_ENV, ...commandEnv, ...extraEnv });
}

/**
 * Importing credentials and workflows, publishing and running workflows.
 * @param {import('./n8n-cli').N8nCli} cli @param {import('./install').RuntimePaths} runtime
 */
function workflowCommands(cli, runtime) {
	/**
	 * Imports workflows in one CLI run; returns their ids.
	 * @param {Array<Record<string, any>>} list
	 */
	async function importWorkflows(list) {
		const workflows = list.map((workflow) => ({ active: false, ...workflow, id: workflow.id || newId() }));
		await cli.runWithInput('import:workflow', workflows);
		return workflows.map((workflow) => /** @type {string} */ (workflow.id));
	}
	return {
		/**
		 * Imports credentials (data in clear; n8n encrypts it); returns them with ids.
		 * @param {CredentialInput[]} list
		 */
		async importCredentials(list) {
			const credentials = list.map((credential) => ({ id: newId(), ...credential }));
			await cli.runWithInput('import:credentials', credentials);
			return credentials;
		},
		importWorkflows,
		/** @param {Record<string, any>} workflow */
		importWorkflow: async (workflow) => (await importWorkflows([workflow]))[0],
		/**
		 * Publishes (activates) a workflow so that its triggers listen once n8n starts.
		 * @param {string} workflowId
		 */
		async publishWorkflow(workflowId) {
			await cli.runOrThrow(runtime.publishArgs(workflowId));
		},
		/**
		 * Runs a workflow with `n8n execute --id=<id> --rawOutput` (its start node must be a Manual
		 * Trigger), in a process of its own; `env` adds variables to that process only.
		 * @param {string} workflowId @param {{ env?: Record<string, string>, timeoutMs?: number }} [options]
		 */
		async execute(workflowId, { env, timeoutMs } = {}) {
			const { code, signal, pid, output } = await cli.run(['execute', `--id=${workflowId}`, '--rawOutput'], { env, timeoutMs });
			// n8n 2.41.1 sometimes dies with SIGSEGV in its native teardown after printing the whole run
			// and exiting: the run is complete and is kept; without the run data it is a failure.
			const parsed = parseRunOutput(output);
			if (!parsed) throw new Error(`n8n execute printed no run data (exit ${code ?? signal}):\n${tail(output)}`);
			return { ...executionResult(parsed, code), pid, signal };
		},
	};
}

/**
 * A throwaway n8n with the package installed; nothing runs until a command is called.
 * @param {InstanceOptions} options
 */
function createN8nInstance({ tarball, version, logFile: requestedLogFile, log = () => {}, env: extraEnv = {} }) {
	const runtime = install.runtimePaths(version);
	if (!fs.existsSync(runtime.n8nBin)) throw new Error('n8n runtime missing: call ensureRuntime() first');
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'liangxin-n8n-'));
	const n8nFolder = path.join(userFolder, '.n8n');
	const logFile = requestedLogFile ?? path.join(userFolder, 'n8n.log');
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	fs.writeFileSync(logFile, '');
	const env = environmentOf(runtime, userFolder, extraEnv);
	const installedPackage = installTarball(tarball, n8nFolder, env());
	const cli = createN8nCli({ runtime, userFolder, logFile, env });
	const server = createServerControl(cli, logFile, log);

	/** Kills every process of this instance (also `n8n execute` runs in flight). */
	async function stopAll() {
		await server.stop();
		await cli.stopAll();
	}

	return {
		userFolder,
		n8nFolder,
		logFile,
		installedPackage,
		n8nVersion: runtime.n8nVersion,
		/** The started command's base URL (a worker's health-check server), if any. */
		get baseUrl() {
			return server.current()?.baseUrl;
		},
		/** The process group id of the started command, if any. */
		get pid() {
			return server.current()?.child.pid;
		},
		run: cli.run,
		...workflowCommands(cli, runtime),
		/** @param {import('./execution').BinaryRef} binary */
		readBinary: (binary) => readBinary(n8nFolder, binary),
		start: server.start,
		stop: server.stop,
		rest: server.rest,
		stopAll,
		/** Stops everything and deletes the user folder (the log file too unless it lives elsewhere). */
		async cleanup() {
			await stopAll();
			if (process.env.LIANGXIN_KEEP_N8N === '1') log(`kept n8n user folder ${userFolder}`);
			else fs.rmSync(userFolder, { recursive: true, force: true });
		},
	};
}

/** @typedef {ReturnType<typeof createN8nInstance>} N8nInstance */

module.exports = { createN8nInstance };
