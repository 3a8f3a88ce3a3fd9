// Typed view of scripts/n8n-runtime.js (plain CommonJS shared with the demo) for the e2e tests.
import type { ChildProcess, SpawnOptions } from 'node:child_process';

export interface BinaryRef {
	mimeType: string;
	fileName?: string;
	fileExtension?: string;
	/** base64 in memory mode; the mode name ('filesystem-v2') when stored on disk */
	data: string;
	/** `filesystem-v2:<path>` when stored on disk */
	id?: string;
	bytes?: number;
}

export interface OutputItem {
	json: Record<string, any>;
	binary?: Record<string, BinaryRef>;
	pairedItem?: { item: number; input?: number } | Array<{ item: number }>;
}

export interface ExecutionResult {
	ok: boolean;
	status: string;
	error?: { message: string; description?: string; node?: { name: string; type: string }; name?: string } & Record<string, any>;
	runData: Record<string, any[]>;
	items(nodeName: string, outputIndex?: number): OutputItem[];
	nodeError(nodeName: string): any;
	exitCode: number | null;
	run: any;
}

export interface CredentialInput {
	id?: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

export interface RestClient {
	cookie?: string;
	owner: { email: string; firstName: string; lastName: string; password: string };
	request(method: string, pathname: string, body?: unknown): Promise<{ status: number; body: any }>;
	ok(method: string, pathname: string, body?: unknown): Promise<any>;
	setupOwnerAndLogin(): Promise<string>;
}

/** The long-running n8n commands: the main instance and, in queue mode, a worker or a webhook processor. */
export type ServerCommand = 'start' | 'worker' | 'webhook';

export interface N8nInstance {
	n8nVersion: string;
	userFolder: string;
	n8nFolder: string;
	logFile: string;
	installedPackage: { name: string; version: string; dir: string };
	/** Base URL of the started command (a worker's health-check server). */
	readonly baseUrl?: string;
	/** Process group id of the started command. */
	readonly pid?: number;
	importCredentials(list: CredentialInput[]): Promise<Array<CredentialInput & { id: string }>>;
	importWorkflows(list: object[]): Promise<string[]>;
	importWorkflow(workflow: object): Promise<string>;
	publishWorkflow(workflowId: string): Promise<void>;
	/** `n8n execute`, a process of its own: `env` adds to its environment (e.g. n8n settings for this run only). */
	execute(workflowId: string, options?: { env?: Record<string, string>; timeoutMs?: number }): Promise<ExecutionResult>;
	readBinary(binary: BinaryRef): Buffer;
	start(options?: { command?: ServerCommand; timeoutMs?: number }): Promise<string>;
	stop(): Promise<void>;
	rest: RestClient;
	stopAll(): Promise<void>;
	cleanup(): Promise<void>;
}

interface N8nRuntimeModule {
	REPO_ROOT: string;
	/** `version` defaults to LIANGXIN_N8N_VERSION, else 2.41.1. */
	ensureRuntime(
		log?: (line: string) => void,
		version?: string,
	): { n8nVersion: string; runtimeDir: string; nodeBin: string; n8nBin: string };
	packPackage(options?: { log?: (line: string) => void }): string;
	removeTarball(tarball: string | undefined): void;
	createN8nInstance(options: {
		tarball: string;
		version?: string;
		logFile?: string;
		log?: (line: string) => void;
		env?: Record<string, string>;
	}): N8nInstance;
	/** Spawns a command in a process group of its own, killed with the test process unless stopped. */
	spawnGroup(command: string, args: string[], options?: SpawnOptions): ChildProcess;
	/** SIGTERM to the group, SIGKILL after timeoutMs; resolves once no process of the group is left. */
	stopGroup(child: ChildProcess, timeoutMs?: number): Promise<void>;
	freePort(): Promise<number>;
	imageSize(bytes: Buffer): { format: 'png' | 'jpeg'; width: number; height: number } | undefined;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const runtime: N8nRuntimeModule = require('../../tools/n8n-runtime');
