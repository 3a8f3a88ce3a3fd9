// Redis and Postgres from Debian's packages for the queue-mode suite: installed when missing (as
// root), each started in a temp dir on a free loopback port, in a process group of its own, and
// stopped by that group's id.
import { execFileSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

import { runtime } from '../runtime';

const READY_TIMEOUT_MS = 60_000;
const POSTGRES_ROOT = '/usr/lib/postgresql';
const REDIS_SERVER = '/usr/bin/redis-server';

export interface Service {
	name: string;
	port: number;
	pid: number;
	stop(): Promise<void>;
}

/** The newest Debian Postgres's bin dir (the packages install one per major version), if any. */
function postgresBinDir(): string | undefined {
	const versions = fs.existsSync(POSTGRES_ROOT) ? fs.readdirSync(POSTGRES_ROOT) : [];
	return versions
		.sort((a, b) => Number(b) - Number(a))
		.map((version) => path.join(POSTGRES_ROOT, version, 'bin'))
		.find((dir) => fs.existsSync(path.join(dir, 'postgres')));
}

/** Installs Debian's redis-server and postgresql when missing; only root may, anyone else is told how. */
export function ensureServerPackages(log: (line: string) => void): void {
	const missing = [
		...(fs.existsSync(REDIS_SERVER) ? [] : ['redis-server']),
		...(postgresBinDir() ? [] : ['postgresql']),
	];
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		throw new Error(
			`The queue-mode tests need Debian's ${missing.join(' and ')}: run them as root (they install it) ` +
				`or install it first: apt-get install -y --no-install-recommends ${missing.join(' ')}`,
		);
	}
	log(`installing ${missing.join(' and ')} from Debian...`);
	for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...missing]]) {
		try {
			execFileSync('apt-get', ['-qq', ...args], { encoding: 'utf8', stdio: 'pipe', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
		} catch (error) {
			const { stdout, stderr } = error as { stdout?: string; stderr?: string };
			throw new Error(`apt-get ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
		}
	}
}

async function waitFor(what: string, child: ChildProcess, check: () => Promise<boolean>, logFile: string) {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	while (!(await check())) {
		if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${what} exited early; see ${logFile}`);
		if (Date.now() > deadline) throw new Error(`${what} did not get ready in ${READY_TIMEOUT_MS} ms; see ${logFile}`);
		await sleep(200);
	}
}

/** Starts a server in its own process group with its output in logFile; stopping it also removes dataDir. */
async function startService(
	name: string,
	command: string,
	args: string[],
	{ port, dataDir, logFile, user }: { port: number; dataDir: string; logFile: string; user?: { uid: number; gid: number } },
	isReady: () => Promise<boolean>,
): Promise<Service> {
	const output = fs.openSync(logFile, 'w');
	const child = runtime.spawnGroup(command, args, { stdio: ['ignore', output, output], ...user });
	fs.closeSync(output);
	const stop = async () => {
		await runtime.stopGroup(child);
		fs.rmSync(dataDir, { recursive: true, force: true });
	};
	try {
		await waitFor(name, child, isReady, logFile);
	} catch (error) {
		await stop();
		throw error;
	}
	return { name, port, pid: child.pid!, stop };
}

/** Answers whether a Redis on the port answers PING. */
async function redisAnswers(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.setTimeout(1000);
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.once('data', (data) => {
			socket.destroy();
			resolve(data.toString().startsWith('+PONG'));
		});
		socket.once('error', () => resolve(false));
		socket.once('timeout', () => {
			socket.destroy();
			resolve(false);
		});
	});
}

/** An in-memory Redis (no snapshots, no append-only file) on a free loopback port. */
export async function startRedis(logFile: string): Promise<Service> {
	const port = await runtime.freePort();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liangxin-redis-'));
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dataDir];
	return await startService('redis-server', REDIS_SERVER, args, { port, dataDir, logFile }, async () => await redisAnswers(port));
}

/** Postgres refuses to run as root: as root it runs as Debian's postgres user. */
function postgresUser(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const [uid, gid] = ['-u', '-g'].map((flag) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' })));
	return { uid, gid };
}

/**
 * A throwaway Postgres cluster (trust auth on loopback only, no fsync) on a free port with an empty
 * database `database`.
 */
export async function startPostgres(logFile: string, database: string): Promise<Service> {
	const binDir = postgresBinDir();
	if (!binDir) throw new Error('Postgres is not installed: call ensureServerPackages() first');
	const bin = (name: string) => path.join(binDir, name);
	const port = await runtime.freePort();
	const user = postgresUser();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liangxin-postgres-'));
	if (user) fs.chownSync(dataDir, user.uid, user.gid);
	execFileSync(bin('initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--no-sync'], { stdio: 'ignore', ...user });
	const args = ['-D', dataDir, '-p', String(port), '-k', dataDir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'];
	const created = async () => {
		try {
			execFileSync(bin('createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database], { stdio: 'ignore' });
			return true;
		} catch {
			return false; // not accepting connections yet
		}
	};
	return await startService('postgres', bin('postgres'), args, { port, dataDir, logFile, user }, created);
}
