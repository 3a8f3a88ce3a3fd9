// @ts-check
'use strict';
// Runs the n8n CLI of one instance: every command in a process group of its own, its output appended
// to the instance's log file.
const fs = require('node:fs');
const path = require('node:path');

const { newId } = require('./execution');
const { freePorts, killGroup, spawnGroup, stopGroup } = require('./processes');

const COMMAND_TIMEOUT_MS = 300_000;

/**
 * @typedef {object} InstanceSetup what every command of one instance shares
 * @property {import('./install').RuntimePaths} runtime
 * @property {string} userFolder N8N_USER_FOLDER
 * @property {string} logFile
 * @property {(commandEnv?: Record<string, string>) => NodeJS.ProcessEnv} env the environment of a command
 * @typedef {{ code: number | null, signal: NodeJS.Signals | null, pid: number, output: string }} CommandRun
 * @typedef {ReturnType<typeof createN8nCli>} N8nCli
 * @typedef {(args: string[], commandEnv: Record<string, string>, stdio: import('node:child_process').StdioOptions) => import('node:child_process').ChildProcess} SpawnN8n
 *   spawns the n8n CLI in a process group of its own, its output going where `stdio` says
 */

/** @param {string} text @param {number} [lines] */
function tail(text, lines = 40) {
	return text.split('\n').slice(-lines).join('\n');
}

/**
 * Runs one n8n CLI command to its end (the broker gets a fresh port: `n8n start` may hold another).
 * Its stdout and stderr go to a file, read once the process closed, then appended to the log:
 * n8n writes to a file synchronously, whereas on POSIX its writes to a pipe are asynchronous and
 * the ones still pending when n8n calls process.exit() are lost (a run of a few MB printed by
 * `n8n execute` then arrives cut off, with exit code 0).
 * @param {{ userFolder: string, spawnN8n: SpawnN8n, appendLog: (text: string) => void }} cli
 * @param {string[]} args @param {{ timeoutMs?: number, env?: Record<string, string> }} [options]
 * @returns {Promise<CommandRun>}
 */
async function runToEnd({ userFolder, spawnN8n, appendLog }, args, { timeoutMs = COMMAND_TIMEOUT_MS, env = {} } = {}) {
	const [brokerPort] = await freePorts(1);
	const outputFile = path.join(userFolder, `output-${newId()}.log`);
	const fd = fs.openSync(outputFile, 'w', 0o600);
	/** @type {import('node:child_process').ChildProcess} */
	let child;
	try {
		child = spawnN8n(args, { N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...env }, ['ignore', fd, fd]);
	} finally {
		fs.closeSync(fd); // the child holds its own copy
	}
	const pid = /** @type {number} */ (child.pid);
	const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), timeoutMs);
	/** @type {{ code: number | null, signal: NodeJS.Signals | null }} */
	const { code, signal } = await new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
	clearTimeout(timer);
	await stopGroup(child); // the task runner may linger after the CLI exits
	const output = fs.readFileSync(outputFile, 'utf8');
	fs.rmSync(outputFile);
	appendLog(output);
	return { code, signal, pid, output };
}

/** @param {InstanceSetup} setup */
function createN8nCli({ runtime, userFolder, logFile, env }) {
	/** @type {Set<import('node:child_process').ChildProcess>} */
	const children = new Set();
	/** @param {string} text */
	const appendLog = (text) => fs.appendFileSync(logFile, text);

	/** @type {SpawnN8n} */
	const spawnN8n = (args, commandEnv, stdio) => {
		appendLog(`\n===== ${new Date().toISOString()} n8n ${args.join(' ')}\n`);
		const child = spawnGroup(runtime.nodeBin, [runtime.n8nBin, ...args], { cwd: userFolder, env: env(commandEnv), stdio });
		children.add(child);
		child.once('exit', () => children.delete(child));
		return child;
	};

	/** @param {string[]} args @param {{ timeoutMs?: number, env?: Record<string, string> }} [options] */
	const run = (args, options) => runToEnd({ userFolder, spawnN8n, appendLog }, args, options);

	/** @param {string[]} args */
	async function runOrThrow(args) {
		const result = await run(args);
		if (result.code !== 0 || result.signal) {
			const how = result.signal ? `was killed (${result.signal})` : `exited with ${result.code}`;
			throw new Error(`n8n ${args.join(' ')} ${how}:\n${tail(result.output)}`);
		}
		return result;
	}

	/**
	 * Runs `n8n <command> --input=<file>` with `value` as that file, deleted afterwards (it may hold secrets).
	 * @param {string} command @param {unknown} value
	 */
	async function runWithInput(command, value) {
		const file = path.join(userFolder, `${command.replace(':', '-')}-${newId()}.json`);
		fs.writeFileSync(file, JSON.stringify(value, null, 2), { mode: 0o600 });
		try {
			return await runOrThrow([command, `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** Kills every command still running (`n8n execute` runs in flight too). */
	const stopAll = async () => {
		await Promise.all([...children].map((child) => stopGroup(child)));
	};

	return { appendLog, spawnN8n, run, runOrThrow, runWithInput, stopAll };
}

module.exports = { createN8nCli, tail };
