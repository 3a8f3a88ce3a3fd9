// Typed view of scripts/n8n-runtime.js (plain CommonJS shared with the demo) for the e2e tests.

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

export interface N8nInstance {
	userFolder: string;
	n8nFolder: string;
	logFile: string;
	installedPackage: { name: string; version: string; dir: string };
	readonly baseUrl?: string;
	importCredentials(list: CredentialInput[]): Promise<Array<CredentialInput & { id: string }>>;
	importWorkflows(list: object[]): Promise<string[]>;
	importWorkflow(workflow: object): Promise<string>;
	publishWorkflow(workflowId: string): Promise<void>;
	execute(workflowId: string): Promise<ExecutionResult>;
	readBinary(binary: BinaryRef): Buffer;
	start(options?: { timeoutMs?: number }): Promise<string>;
	stop(): Promise<void>;
	rest: RestClient;
	stopAll(): Promise<void>;
	cleanup(): Promise<void>;
}

interface N8nRuntimeModule {
	REPO_ROOT: string;
	ensureRuntime(log?: (line: string) => void): { n8nVersion: string; runtimeDir: string; nodeBin: string; n8nBin: string };
	packPackage(options?: { log?: (line: string) => void }): string;
	removeTarball(tarball: string | undefined): void;
	createN8nInstance(options: {
		tarball: string;
		logFile?: string;
		log?: (line: string) => void;
		env?: Record<string, string>;
	}): N8nInstance;
	imageSize(bytes: Buffer): { format: 'png' | 'jpeg'; width: number; height: number } | undefined;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const runtime: N8nRuntimeModule = require('../../scripts/n8n-runtime');
