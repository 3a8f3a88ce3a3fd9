// @ts-check
'use strict';
// The LiangXin sandbox as a separate process (tools/sandbox/cli.js), driven through its control
// endpoints. A process of its own keeps the sandbox's PNG rendering (4K images cost seconds of CPU
// each) off the benchmark's event loop, and its memory out of every measurement.
const { spawn } = require('node:child_process');
const path = require('node:path');

const SANDBOX_CLI = path.resolve(__dirname, '..', 'sandbox', 'cli.js');
const START_TIMEOUT_MS = 20_000;

/**
 * @typedef {import('../sandbox').SandboxOptions} SandboxOptions
 * @typedef {import('../sandbox/types').SandboxSnapshot} SandboxSnapshot
 */

/**
 * Starts the sandbox on a free loopback port; resolves with a small control client.
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<ReturnType<typeof sandboxClient>>}
 */
function startSandboxProcess({ log = () => {} } = {}) {
	const child = spawn(process.execPath, [SANDBOX_CLI, '--host', '127.0.0.1', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
	let output = '';
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			child.kill('SIGKILL');
			reject(new Error(`the sandbox did not start in ${START_TIMEOUT_MS} ms:\n${output}`));
		}, START_TIMEOUT_MS);
		child.once('exit', (code, signal) => {
			clearTimeout(timer);
			reject(new Error(`the sandbox exited early (${code ?? signal}):\n${output}`));
		});
		child.stderr.setEncoding('utf8').on('data', (chunk) => (output += chunk));
		child.stdout.setEncoding('utf8').on('data', (chunk) => {
			output += chunk;
			const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
			if (!line) return;
			clearTimeout(timer);
			child.removeAllListeners('exit');
			const { baseUrl, apiKey } = JSON.parse(line);
			log(`sandbox pid ${child.pid} at ${baseUrl}`);
			resolve(sandboxClient(child, baseUrl, apiKey));
		});
	});
}

/** @param {import('node:child_process').ChildProcess} child @param {string} baseUrl @param {string} apiKey */
function sandboxClient(child, baseUrl, apiKey) {
	/** @param {'GET' | 'POST'} method @param {string} pathname @param {unknown} [body] @returns {Promise<any>} the answer's JSON */
	async function control(method, pathname, body) {
		const response = await fetch(`${baseUrl}/__sandbox/${pathname}`, {
			method,
			headers: body === undefined ? {} : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const answer = await response.json();
		if (!response.ok) throw new Error(`sandbox ${pathname} answered ${response.status}: ${JSON.stringify(answer)}`);
		return answer;
	}
	const running = () => child.exitCode === null && child.signalCode === null;
	return {
		pid: child.pid,
		baseUrl,
		apiKey,
		/**
		 * Clears log, tasks, rate-limit window and image cache, restores the start options, then applies `options`.
		 * @param {Partial<SandboxOptions>} options @returns {Promise<SandboxOptions>}
		 */
		async prepare(options) {
			await control('POST', 'reset', { resetOptions: true });
			return await control('POST', 'configure', options);
		},
		/** @returns {Promise<SandboxSnapshot>} */
		snapshot: () => control('GET', 'log'),
		/** Stops the sandbox process (by its PID) and waits for it to exit. */
		async stop() {
			if (!running()) return;
			const exited = new Promise((resolve) => child.once('exit', resolve));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		},
		kill() {
			if (running()) child.kill('SIGKILL');
		},
	};
}

module.exports = { startSandboxProcess };
