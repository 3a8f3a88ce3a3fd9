// @ts-check
'use strict';
// Child processes in process groups of their own, killed with their whole group (n8n's task runner
// outlives the CLI otherwise), also when this process exits without stopping them; free ports.
const { spawn } = require('node:child_process');
const net = require('node:net');
const { setTimeout: sleep } = require('node:timers/promises');

const STOP_TIMEOUT_MS = 20_000;

/** Process groups still alive, killed synchronously if this process exits without stopping them. */
const liveGroups = new Set();
process.on('exit', () => {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});

/** @param {number} pid @param {NodeJS.Signals | 0} signal @returns {boolean} false when the group is gone */
function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false;
	}
}

/**
 * Spawns a command in a process group of its own, killed with this process unless stopGroup ran first.
 * @param {string} command @param {string[]} args @param {import('node:child_process').SpawnOptions} [options]
 */
function spawnGroup(command, args, options = {}) {
	const child = spawn(command, args, { ...options, detached: true });
	liveGroups.add(child.pid);
	return child;
}

/**
 * Resolves when `promise` settles or after `ms`, whichever comes first.
 * @param {Promise<unknown>} promise @param {number} ms
 */
async function withTimeout(promise, ms) {
	/** @type {NodeJS.Timeout | undefined} */
	let timer;
	await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
	clearTimeout(timer);
}

/**
 * Waits until no process of the group is left, or the deadline passes; true when gone.
 * @param {number} pid @param {number} deadline
 */
async function groupGone(pid, deadline) {
	while (killGroup(pid, 0)) {
		if (Date.now() > deadline) return false;
		await sleep(100);
	}
	return true;
}

/**
 * Stops a process group: SIGTERM, then SIGKILL after `timeoutMs`. Waits for the whole group since
 * children (n8n's task runner) can outlive the main process. (An unreaped zombie still counts as a
 * member, hence the final bounded wait.)
 * @param {import('node:child_process').ChildProcess} child @param {number} [timeoutMs]
 */
async function stopGroup(child, timeoutMs = STOP_TIMEOUT_MS) {
	const pid = child.pid;
	if (!pid || !liveGroups.has(pid)) return;
	const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
	killGroup(pid, 'SIGTERM');
	const deadline = Date.now() + timeoutMs;
	await withTimeout(exited, timeoutMs);
	if (!(await groupGone(pid, deadline))) {
		killGroup(pid, 'SIGKILL');
		await exited;
		await groupGone(pid, Date.now() + 5000);
	}
	liveGroups.delete(pid);
}

/**
 * A free TCP port on 127.0.0.1 (bound to port 0, then released).
 * @returns {Promise<number>}
 */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
			server.close(() => resolve(port));
		});
	});
}

/** @param {number} count distinct free ports */
async function freePorts(count) {
	const ports = new Set();
	while (ports.size < count) ports.add(await freePort());
	return [...ports];
}

module.exports = { killGroup, spawnGroup, stopGroup, freePort, freePorts };
