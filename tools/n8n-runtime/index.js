'use strict';
// Drives a real n8n (a tested runtime of n8n-runtime-install.js) for the demo and the e2e suites:
// pack this package, install the tarball the way n8n's community-package installer does, import
// credentials and workflows, run `n8n execute`, start `n8n start` (or a queue-mode worker or webhook
// processor) and talk to its REST API.
// Every n8n process runs in its own process group and is killed with it, also on a crash.
const { execFileSync, spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const install = require('./install');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const START_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 20_000;

/** Settings that keep n8n quiet and offline (see /work/shared/n8n-notes.md). */
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

/** Installs the runtime (LIANGXIN_N8N_VERSION, else 2.41.1) on first use (~6 min), then returns its paths at once. */
function ensureRuntime(log = console.log, version = install.selectedVersion()) {
	return install.ensureRuntime(log, version);
}

/**
 * The long-running n8n commands: the variable that sets the port they listen on, what they need
 * besides, and the requests that answer as wanted once they serve. `/healthz` answers before the
 * migrations end; `/rest/login` answers 401 (not 404) once the API is up; `/healthz/readiness`
 * answers 200 once the database and Redis are connected.
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

// ---------------------------------------------------------------------------------------------
// Processes

/** Process groups still alive, killed synchronously if this process exits without stopping them. */
const liveGroups = new Set();
process.on('exit', () => {
	for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});

function killGroup(pid, signal) {
	try {
		process.kill(-pid, signal);
		return true;
	} catch {
		return false; // the group is gone
	}
}

/** Spawns a command in a process group of its own, killed with this process unless stopGroup ran first. */
function spawnGroup(command, args, options = {}) {
	const child = spawn(command, args, { ...options, detached: true });
	liveGroups.add(child.pid);
	return child;
}

function groupAlive(pid) {
	return killGroup(pid, 0);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves when `promise` settles or after `ms`, whichever comes first. */
async function withTimeout(promise, ms) {
	let timer;
	await Promise.race([promise, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
	clearTimeout(timer);
}

/** Waits until no process of the group is left, or the deadline passes; true when gone. */
async function groupGone(pid, deadline) {
	while (groupAlive(pid)) {
		if (Date.now() > deadline) return false;
		await sleep(100);
	}
	return true;
}

/**
 * Stops a process group: SIGTERM, then SIGKILL after `timeoutMs`. Waits for the whole group since
 * children (n8n's task runner) can outlive the main process. (An unreaped zombie still counts as a
 * member, hence the final bounded wait.)
 */
async function stopGroup(child, timeoutMs = STOP_TIMEOUT_MS) {
	const pid = child.pid;
	if (!pid || !liveGroups.has(pid)) return;
	const exited = child.exitCode !== null || child.signalCode !== null
		? Promise.resolve()
		: new Promise((resolve) => child.once('exit', resolve));
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

/** A free TCP port on 127.0.0.1 (bound to port 0, then released). */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

async function freePorts(count) {
	const ports = new Set();
	while (ports.size < count) ports.add(await freePort());
	return [...ports];
}

// ---------------------------------------------------------------------------------------------
// Packing and installing the package

/** `npm run build` + `npm pack` into a new temp dir; returns the tarball's absolute path. */
function packPackage({ log = console.log } = {}) {
	log('building the package (npm run build)...');
	runNpm(['run', 'build'], REPO_ROOT);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liangxin-pack-'));
	// The build just ran; --ignore-scripts keeps a future prepack script from building twice.
	const output = runNpm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], REPO_ROOT);
	const [{ filename }] = JSON.parse(output.slice(output.indexOf('[')));
	const tarball = path.join(dir, path.basename(filename));
	log(`packed ${tarball}`);
	return tarball;
}

/** Removes a tarball made by packPackage and its temp dir. */
function removeTarball(tarball) {
	if (tarball && path.basename(path.dirname(tarball)).startsWith('liangxin-pack-')) {
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
}

function runNpm(args, cwd, env = process.env) {
	try {
		return execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	} catch (error) {
		throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${error.stdout ?? ''}${error.stderr ?? ''}`);
	}
}

/**
 * Installs a package tarball under `<n8nFolder>/nodes` exactly as n8n 2.41's community-package
 * installer does (CommunityPackagesService.downloadPackage): extract into
 * node_modules/<name>, drop dev/peer/optional dependencies from its package.json, run
 * `npm install` with n8n's flags inside it, and record it in nodes/package.json.
 */
function installTarball(tarball, n8nFolder, env) {
	const nodesDir = path.join(n8nFolder, 'nodes');
	const staging = path.join(nodesDir, 'node_modules', '.staging');
	fs.mkdirSync(staging, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
	const { devDependencies, peerDependencies, optionalDependencies, ...packageJson } = JSON.parse(
		fs.readFileSync(path.join(staging, 'package.json'), 'utf8'),
	);
	fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify(packageJson, null, 2));
	const packageDir = path.join(nodesDir, 'node_modules', packageJson.name);
	fs.renameSync(staging, packageDir);
	runNpm(
		[
			'install',
			'--audit=false',
			'--fund=false',
			'--bin-links=false',
			'--install-strategy=shallow',
			'--ignore-scripts=true',
			'--package-lock=false',
		],
		packageDir,
		env,
	);
	const nodesPackageJson = path.join(nodesDir, 'package.json');
	const installed = fs.existsSync(nodesPackageJson)
		? JSON.parse(fs.readFileSync(nodesPackageJson, 'utf8'))
		: { name: 'installed-nodes', private: true, dependencies: {} };
	installed.dependencies[packageJson.name] = packageJson.version;
	fs.writeFileSync(nodesPackageJson, JSON.stringify(installed, null, 2));
	return { name: packageJson.name, version: packageJson.version, dir: packageDir };
}

// ---------------------------------------------------------------------------------------------
// Execution results

/** n8n ids are 16 alphanumeric characters. */
function newId() {
	return crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16);
}

/**
 * `n8n execute --rawOutput` prints log lines, then the run as `JSON.stringify(run, null, 2)`.
 * A failed run is printed the same way (through the logger, after "Execution error:").
 */
function parseRunOutput(output) {
	const lines = output.split('\n');
	const start = lines.indexOf('{');
	const end = start < 0 ? -1 : lines.indexOf('}', start);
	if (end < 0) return undefined;
	return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

/**
 * @typedef {object} ExecutionResult
 * @property {boolean} ok the run finished with status success
 * @property {string} status n8n's execution status (success, error, ...)
 * @property {any} error the run's error (message, description, node, ...), if any
 * @property {Record<string, any[]>} runData run data per node name
 * @property {(nodeName: string, outputIndex?: number) => any[]} items output items of a node's last run
 * @property {(nodeName: string) => any} nodeError the error of a node's last run, if any
 * @property {number | null} exitCode
 * @property {any} run the whole parsed output
 */
function executionResult(run, exitCode) {
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
		nodeError: (nodeName) => lastRun(nodeName).error,
		exitCode,
		run,
	};
}

/**
 * Bytes of an output item's binary property. n8n 2.41 keeps binary data on disk by default
 * (N8N_DEFAULT_BINARY_DATA_MODE=filesystem): the run data then holds only a reference
 * `filesystem-v2:<path under .n8n/storage>`; in memory mode (`default`) `data` is base64.
 */
function readBinary(n8nFolder, binary) {
	if (!binary?.id) return Buffer.from(binary.data, 'base64');
	const [mode, fileId] = splitOnce(binary.id, ':');
	if (mode !== 'filesystem-v2') throw new Error(`cannot read binary data stored in mode ${mode}`);
	const storageDir = path.join(n8nFolder, 'storage');
	const file = path.resolve(storageDir, fileId);
	if (!file.startsWith(storageDir + path.sep)) throw new Error(`binary id escapes the storage folder: ${binary.id}`);
	return fs.readFileSync(file);
}

/** Polls until a started n8n command serves (see SERVER_COMMANDS); fails at once if the process exits. */
async function waitUntilReady(child, command, baseUrl, timeoutMs, logFile) {
	const deadline = Date.now() + timeoutMs;
	for (const [pathname, wanted] of SERVER_COMMANDS[command].readiness) {
		for (;;) {
			if (child.exitCode !== null || child.signalCode !== null) {
				throw new Error(`n8n ${command} exited early:\n${tail(child.output)}`);
			}
			if (Date.now() > deadline) throw new Error(`n8n ${command} did not get ready in ${timeoutMs} ms; see ${logFile}`);
			const status = await fetch(baseUrl + pathname, { signal: AbortSignal.timeout(2000) }).then(
				(response) => response.status,
				() => 0,
			);
			if (status === wanted) break;
			await sleep(250);
		}
	}
}

/** REST client of a started n8n; keeps the `n8n-auth` cookie (no browser-id: n8n then skips that check). */
function createRestClient(getBaseUrl) {
	const rest = {
		cookie: undefined,
		owner: { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Passw0rd-e2e!' },

		/** Sends a request; returns `{ status, body }` (body parsed when JSON), never throws on HTTP errors. */
		async request(method, pathname, body, { headers = {} } = {}) {
			const baseUrl = getBaseUrl();
			if (!baseUrl) throw new Error('n8n is not started');
			const response = await fetch(baseUrl + pathname, {
				method,
				headers: {
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
					...(rest.cookie ? { cookie: rest.cookie } : {}),
					...headers,
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			rest.cookie = authCookie(response) ?? rest.cookie;
			const text = await response.text();
			return { status: response.status, body: parseJsonOr(text) };
		},

		/** Like request, but throws unless the status is 2xx; returns the body. */
		async ok(method, pathname, body) {
			const { status, body: answer } = await rest.request(method, pathname, body);
			if (status >= 300) throw new Error(`${method} ${pathname} answered ${status}: ${JSON.stringify(answer)}`);
			return answer;
		},

		/** Creates the instance owner (first call only) and logs in as them. */
		async setupOwnerAndLogin() {
			const setup = await rest.request('POST', '/rest/owner/setup', rest.owner);
			if (setup.status >= 300 && !/already/i.test(JSON.stringify(setup.body))) {
				throw new Error(`owner setup answered ${setup.status}: ${JSON.stringify(setup.body)}`);
			}
			await rest.ok('POST', '/rest/login', { emailOrLdapLoginId: rest.owner.email, password: rest.owner.password });
			return rest.cookie;
		},
	};
	return rest;
}

function parseJsonOr(text) {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

// ---------------------------------------------------------------------------------------------
// An n8n instance

/**
 * A throwaway n8n: its own N8N_USER_FOLDER with the package installed as a community package.
 * `version` defaults to LIANGXIN_N8N_VERSION, else 2.41.1.
 * @param {{ tarball: string, version?: string, logFile?: string, log?: (line: string) => void, env?: Record<string, string> }} options
 */
function createN8nInstance({ tarball, version, logFile, log = () => {}, env: extraEnv = {} }) {
	const runtime = install.runtimePaths(version);
	if (!fs.existsSync(runtime.n8nBin)) throw new Error('n8n runtime missing: call ensureRuntime() first');
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'liangxin-n8n-'));
	const n8nFolder = path.join(userFolder, '.n8n');
	logFile ??= path.join(userFolder, 'n8n.log');
	fs.mkdirSync(path.dirname(logFile), { recursive: true });
	fs.writeFileSync(logFile, '');

	const baseEnv = Object.fromEntries(
		Object.entries(process.env).filter(([name]) => !/^(N8N_|DB_|NODE_OPTIONS$|NODE_ENV$)/.test(name)),
	);
	const env = (ports = {}) => ({
		...baseEnv,
		PATH: runtime.pathWithNode24,
		N8N_USER_FOLDER: userFolder,
		...OFFLINE_ENV,
		...ports,
		...extraEnv,
	});

	const installedPackage = installTarball(tarball, n8nFolder, env());
	const children = new Set();
	let server = null;
	const rest = createRestClient(() => server?.baseUrl);

	function appendLog(text) {
		fs.appendFileSync(logFile, text);
	}

	/** Spawns the n8n CLI in a process group of its own, its output going where `stdio` says. */
	function spawnN8n(args, portsEnv, stdio) {
		appendLog(`\n===== ${new Date().toISOString()} n8n ${args.join(' ')}\n`);
		const child = spawnGroup(runtime.nodeBin, [runtime.n8nBin, ...args], { cwd: userFolder, env: env(portsEnv), stdio });
		children.add(child);
		child.once('exit', () => children.delete(child));
		return child;
	}

	/**
	 * Runs one n8n CLI command to its end (the broker gets a fresh port: `n8n start` may hold another).
	 * Its stdout and stderr go to a file, read once the process closed, then appended to the log:
	 * n8n writes to a file synchronously, whereas on POSIX its writes to a pipe are asynchronous and
	 * the ones still pending when n8n calls process.exit() are lost (a run of a few MB printed by
	 * `n8n execute` arrived cut off, with exit code 0).
	 */
	async function run(args, { timeoutMs = 300_000, env: commandEnv = {} } = {}) {
		const [brokerPort] = await freePorts(1);
		const outputFile = path.join(userFolder, `output-${newId()}.log`);
		const fd = fs.openSync(outputFile, 'w', 0o600);
		let child;
		try {
			child = spawnN8n(args, { N8N_RUNNERS_BROKER_PORT: String(brokerPort), ...commandEnv }, ['ignore', fd, fd]);
		} finally {
			fs.closeSync(fd); // the child holds its own copy
		}
		const closed = new Promise((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
		const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), timeoutMs);
		const { code, signal } = await closed;
		clearTimeout(timer);
		await stopGroup(child); // the task runner may linger after the CLI exits
		const output = fs.readFileSync(outputFile, 'utf8');
		fs.rmSync(outputFile);
		appendLog(output);
		return { code, signal, pid: child.pid, output };
	}

	async function runOrThrow(args) {
		const result = await run(args);
		if (result.code !== 0 || result.signal) {
			const how = result.signal ? `was killed (${result.signal})` : `exited with ${result.code}`;
			throw new Error(`n8n ${args.join(' ')} ${how}:\n${tail(result.output)}`);
		}
		return result;
	}

	/** Runs `n8n <command> --input=<file>` with `value` as that file, deleted afterwards (it may hold secrets). */
	async function runWithInput(command, value) {
		const file = path.join(userFolder, `${command.replace(':', '-')}-${newId()}.json`);
		fs.writeFileSync(file, JSON.stringify(value, null, 2), { mode: 0o600 });
		try {
			return await runOrThrow([command, `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** Imports credentials `{ id?, name, type, data }` (data in clear; n8n encrypts it); returns them with ids. */
	async function importCredentials(list) {
		const credentials = list.map((credential) => ({ id: newId(), ...credential }));
		await runWithInput('import:credentials', credentials);
		return credentials;
	}

	/** Imports workflows in one CLI run; returns their ids. */
	async function importWorkflows(list) {
		const workflows = list.map((workflow) => ({ active: false, ...workflow, id: workflow.id || newId() }));
		await runWithInput('import:workflow', workflows);
		return workflows.map((workflow) => workflow.id);
	}

	async function importWorkflow(workflow) {
		const [id] = await importWorkflows([workflow]);
		return id;
	}

	/** Publishes (activates) a workflow so that its triggers listen once n8n starts. */
	async function publishWorkflow(workflowId) {
		await runOrThrow(runtime.publishArgs(workflowId));
	}

	/**
	 * Runs a workflow with `n8n execute --id=<id> --rawOutput` (its start node must be a Manual Trigger),
	 * in a process of its own; `env` adds variables to that process only.
	 * @returns {Promise<ExecutionResult & { pid: number, signal: string | null }>}
	 */
	async function execute(workflowId, { env, timeoutMs } = {}) {
		const { code, signal, pid, output } = await run(['execute', `--id=${workflowId}`, '--rawOutput'], { env, timeoutMs });
		// n8n 2.41.1 sometimes dies with SIGSEGV in its native teardown after printing the whole run
		// and exiting: the run is complete and is kept; without the run data it is a failure.
		const parsed = parseRunOutput(output);
		if (!parsed) throw new Error(`n8n execute printed no run data (exit ${code ?? signal}):\n${tail(output)}`);
		return { ...executionResult(parsed, code), pid, signal };
	}

	/**
	 * Starts `n8n start` (or, in queue mode, `n8n worker` / `n8n webhook`) on free loopback ports;
	 * resolves with its base URL once it serves (a worker's is its health-check server).
	 * @param {{ command?: 'start' | 'worker' | 'webhook', timeoutMs?: number }} [options]
	 */
	async function start({ command = 'start', timeoutMs = START_TIMEOUT_MS } = {}) {
		if (server) throw new Error('n8n is already started');
		const [port, brokerPort] = await freePorts(2);
		const baseUrl = `http://127.0.0.1:${port}`;
		const { portVariable, env: commandEnv } = SERVER_COMMANDS[command];
		const child = spawnN8n(
			[command],
			{
				[portVariable]: String(port),
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
				N8N_HOST: '127.0.0.1',
				N8N_EDITOR_BASE_URL: baseUrl,
				WEBHOOK_URL: `${baseUrl}/`,
				...commandEnv,
			},
			['ignore', 'pipe', 'pipe'],
		);
		// A server's output is logged as it comes, and kept for the error should it exit early.
		child.output = '';
		for (const stream of [child.stdout, child.stderr]) {
			stream.setEncoding('utf8').on('data', (chunk) => {
				child.output += chunk;
				appendLog(chunk);
			});
		}
		server = { child, baseUrl, port, brokerPort };
		try {
			await waitUntilReady(child, command, baseUrl, timeoutMs, logFile);
		} catch (error) {
			await stop();
			throw error;
		}
		log(`n8n ${command} started at ${baseUrl} (pid ${child.pid})`);
		return baseUrl;
	}

	/** Stops the started command (the whole process group) and waits until it is gone. */
	async function stop() {
		if (!server) return;
		const { child } = server;
		server = null;
		rest.cookie = undefined;
		await stopGroup(child);
	}

	/** Kills every process of this instance (also `n8n execute` runs in flight). */
	async function stopAll() {
		await stop();
		await Promise.all([...children].map((child) => stopGroup(child)));
	}

	/** Stops everything and deletes the user folder (the log file too unless it lives elsewhere). */
	async function cleanup() {
		await stopAll();
		if (process.env.LIANGXIN_KEEP_N8N === '1') log(`kept n8n user folder ${userFolder}`);
		else fs.rmSync(userFolder, { recursive: true, force: true });
	}

	return {
		userFolder,
		n8nFolder,
		logFile,
		installedPackage,
		n8nVersion: runtime.n8nVersion,
		get baseUrl() {
			return server?.baseUrl;
		},
		/** The process group id of the started command, if any. */
		get pid() {
			return server?.child.pid;
		},
		run,
		importCredentials,
		importWorkflows,
		importWorkflow,
		publishWorkflow,
		execute,
		readBinary: (binary) => readBinary(n8nFolder, binary),
		start,
		stop,
		rest,
		stopAll,
		cleanup,
	};
}

function authCookie(response) {
	const cookies = response.headers.getSetCookie?.() ?? [];
	const auth = cookies.find((cookie) => cookie.startsWith('n8n-auth='));
	return auth?.split(';')[0];
}

function splitOnce(text, separator) {
	const index = text.indexOf(separator);
	return index < 0 ? [text, ''] : [text.slice(0, index), text.slice(index + 1)];
}

function tail(text, lines = 40) {
	return text.split('\n').slice(-lines).join('\n');
}

/** Format, width and height of a PNG or JPEG image, or undefined for anything else. */
function imageSize(bytes) {
	if (bytes.length >= 24 && bytes.subarray(0, 8).toString('hex') === '89504e470d0a1a0a') {
		return { format: 'png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
	}
	if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes);
	return undefined;
}

/** Walks the JPEG segments up to the first start-of-frame marker, which holds the size. */
function jpegSize(bytes) {
	let offset = 2;
	while (offset + 9 < bytes.length && bytes[offset] === 0xff) {
		const marker = bytes[offset + 1];
		const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
		if (isStartOfFrame) {
			return { format: 'jpeg', width: bytes.readUInt16BE(offset + 7), height: bytes.readUInt16BE(offset + 5) };
		}
		offset += 2 + bytes.readUInt16BE(offset + 2);
	}
	return undefined;
}

module.exports = {
	REPO_ROOT,
	ensureRuntime,
	packPackage,
	removeTarball,
	createN8nInstance,
	installTarball,
	parseRunOutput,
	executionResult,
	spawnGroup,
	stopGroup,
	freePort,
	imageSize,
	newId,
};
