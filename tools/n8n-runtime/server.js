// @ts-check
'use strict';
// The long-running n8n commands of one instance: `n8n start`, or in queue mode `n8n worker` and
// `n8n webhook`, on free loopback ports, with the REST client that talks to it.
const { setTimeout: sleep } = require('node:timers/promises');

const { tail } = require('./n8n-cli');
const { freePorts, stopGroup } = require('./processes');
const { createRestClient } = require('./rest');

const START_TIMEOUT_MS = 180_000;

/**
 * @typedef {'start' | 'worker' | 'webhook'} ServerCommand
 * @typedef {{ child: import('node:child_process').ChildProcess, baseUrl: string, port: number, brokerPort: number }} Server
 */

/**
 * What each command needs: the variable that sets the port it listens on, other variables, and the
 * requests that answer as wanted once it serves. `/healthz` answers before the migrations end;
 * `/rest/login` answers 401 (not 404) once the API is up; `/healthz/readiness` answers 200 once the
 * database and Redis are connected.
 * @type {Record<ServerCommand, { portVariable: string, env?: Record<string, string>, readiness: Array<[string, number]> }>}
 */
const SERVER_COMMANDS = {
	start: { portVariable: 'N8N_PORT', readiness: [['/healthz', 200], ['/rest/login', 401]] },
	webhook: { portVariable: 'N8N_PORT', readiness: [['/healthz/readiness', 200]] },
	worker: {
		portVariable: 'QUEUE_HEALTH_CHECK_PORT',
		env: { QUEUE_HEALTH_CHECK_ACTIVE: 'true', N8N_WORKER_SERVER_ADDRESS: '127.0.0.1' },
		readiness: [['/healthz/readiness', 200]],
	},
};

/** @param {string} url */
const statusOf = (url) => fetch(url, { signal: AbortSignal.timeout(2000) }).then((response) => response.status, () => 0);

/**
 * Polls until a started command serves (see SERVER_COMMANDS); fails at once if the process exits.
 * @param {Server} server @param {ServerCommand} command @param {{ text: string }} output what it printed so far
 * @param {number} timeoutMs @param {string} logFile
 */
async function waitUntilReady({ child, baseUrl }, command, output, timeoutMs, logFile) {
	const deadline = Date.now() + timeoutMs;
	for (const [pathname, wanted] of SERVER_COMMANDS[command].readiness) {
		while ((await statusOf(baseUrl + pathname)) !== wanted) {
			if (child.exitCode !== null || child.signalCode !== null) throw new Error(`n8n ${command} exited early:\n${tail(output.text)}`);
			if (Date.now() > deadline) throw new Error(`n8n ${command} did not get ready in ${timeoutMs} ms; see ${logFile}`);
			await sleep(250);
		}
	}
}

/**
 * Spawns the command on free ports. Its output is logged as it comes, and kept for the error should
 * it exit early.
 * @param {import('./n8n-cli').N8nCli} cli @param {ServerCommand} command
 */
async function spawnServer(cli, command) {
	const [port, brokerPort] = await freePorts(2);
	const baseUrl = `http://127.0.0.1:${port}`;
	const { portVariable, env } = SERVER_COMMANDS[command];
	const ports = { [portVariable]: String(port), N8N_RUNNERS_BROKER_PORT: String(brokerPort) };
	const urls = { N8N_HOST: '127.0.0.1', N8N_EDITOR_BASE_URL: baseUrl, WEBHOOK_URL: `${baseUrl}/` };
	const child = cli.spawnN8n([command], { ...ports, ...urls, ...env }, ['ignore', 'pipe', 'pipe']);
	const output = { text: '' };
	for (const stream of [child.stdout, child.stderr]) {
		stream?.setEncoding('utf8').on('data', (/** @type {string} */ chunk) => {
			output.text += chunk;
			cli.appendLog(chunk);
		});
	}
	return { server: { child, baseUrl, port, brokerPort }, output };
}

/**
 * Starts and stops the instance's server command; one at a time.
 * @param {import('./n8n-cli').N8nCli} cli @param {string} logFile @param {(line: string) => void} log
 */
function createServerControl(cli, logFile, log) {
	/** @type {Server | null} */
	let server = null;
	const rest = createRestClient(() => server?.baseUrl);

	/** Stops the started command (the whole process group) and waits until it is gone. */
	async function stop() {
		if (!server) return;
		const { child } = server;
		server = null;
		rest.cookie = undefined;
		await stopGroup(child);
	}

	/**
	 * Resolves with the command's base URL once it serves (a worker's is its health-check server).
	 * @param {{ command?: ServerCommand, timeoutMs?: number }} [options]
	 */
	async function start({ command = 'start', timeoutMs = START_TIMEOUT_MS } = {}) {
		if (server) throw new Error('n8n is already started');
		const spawned = await spawnServer(cli, command);
		server = spawned.server;
		try {
			await waitUntilReady(server, command, spawned.output, timeoutMs, logFile);
		} catch (error) {
			await stop();
			throw error;
		}
		log(`n8n ${command} started at ${server.baseUrl} (pid ${server.child.pid})`);
		return server.baseUrl;
	}

	return { rest, start, stop, current: () => server };
}

module.exports = { createServerControl };
