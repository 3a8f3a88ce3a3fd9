// n8n in queue mode on loopback: one main, two workers and two webhook processors of n8n 2.41.1,
// each with its own user folder holding the packed package (installed as n8n's installer does),
// sharing Redis (the job queue) and Postgres (workflows, executions, binary data).
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';

import { runtime, type N8nInstance, type ServerCommand } from '../runtime';
import { OUTPUT_DIR } from '../suite';
import { ensureServerPackages, startPostgres, startRedis, type Service } from './services';

export const QUEUE_N8N_VERSION = '2.41.1';
/**
 * Queue mode needs binary data that every process can read: a worker stores a downloaded image and
 * main serves it to the editor. 'filesystem' keeps it in one process's user folder, and S3 needs
 * an S3 store; n8n 2.x's 'database' mode keeps it in Postgres, which every process shares.
 */
export const BINARY_DATA_MODE = 'database';
/** Executions a worker runs at once: 2, so that four executions started together need both workers. */
export const WORKER_CONCURRENCY = 2;

export interface QueueCluster {
	main: N8nInstance;
	workers: N8nInstance[];
	webhookProcessors: N8nInstance[];
	redis: Service;
	postgres: Service;
	/** Stops every n8n process, then Redis and Postgres, each by its process group id. */
	stop(): Promise<void>;
}

function queueEnv(redis: Service, postgres: Service): Record<string, string> {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_DATABASE: 'n8n',
		N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
		N8N_DEFAULT_BINARY_DATA_MODE: BINARY_DATA_MODE,
	};
}

/** Runs every stop, even when one fails; then throws the first failure. */
async function stopEach(stops: Array<() => Promise<void>>): Promise<void> {
	const results = await Promise.allSettled(stops.map(async (stop) => await stop()));
	const failure = results.find((result) => result.status === 'rejected');
	if (failure) throw (failure as PromiseRejectedResult).reason;
}

/**
 * Starts Redis, Postgres and the five n8n processes. `prepare` runs on main before any n8n serves
 * (import credentials and workflows, publish them: a running main does not pick up a CLI publish).
 * On any failure, everything already started is stopped before the error is thrown.
 */
export async function startQueueCluster(
	tarball: string,
	prepare: (main: N8nInstance, redis: Service) => Promise<void>,
	log: (line: string) => void,
): Promise<QueueCluster> {
	ensureServerPackages(log);
	runtime.ensureRuntime(log, QUEUE_N8N_VERSION);
	const n8nProcesses: N8nInstance[] = [];
	const services: Service[] = [];
	// n8n first, so that no n8n process is left running without its Redis and Postgres.
	const stop = async () => {
		try {
			await stopEach(n8nProcesses.map((n8n) => n8n.cleanup));
		} finally {
			await stopEach(services.map((service) => service.stop));
		}
	};
	try {
		const redis = await startRedis(path.join(OUTPUT_DIR, 'queue-redis.log'));
		services.push(redis);
		const postgres = await startPostgres(path.join(OUTPUT_DIR, 'queue-postgres.log'), 'n8n');
		services.push(postgres);
		const env = queueEnv(redis, postgres);
		const instance = (role: string, roleEnv: Record<string, string> = {}) => {
			const n8n = runtime.createN8nInstance({
				tarball,
				version: QUEUE_N8N_VERSION,
				logFile: path.join(OUTPUT_DIR, `queue-${role}-n8n.log`),
				log,
				env: { ...env, ...roleEnv },
			});
			n8nProcesses.push(n8n);
			return n8n;
		};
		const main = instance('main');
		const workerEnv = { N8N_CONCURRENCY_PRODUCTION_LIMIT: String(WORKER_CONCURRENCY) };
		const workers = [instance('worker-1', workerEnv), instance('worker-2', workerEnv)];
		const webhookProcessors = [instance('webhook-1'), instance('webhook-2')];
		await prepare(main, redis);
		await main.start();
		const serve = async (n8n: N8nInstance, command: ServerCommand) => await n8n.start({ command });
		await Promise.all([
			...workers.map(async (worker) => await serve(worker, 'worker')),
			...webhookProcessors.map(async (processor) => await serve(processor, 'webhook')),
		]);
		return { main, workers, webhookProcessors, redis, postgres, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}
