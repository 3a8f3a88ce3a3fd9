// What every real-n8n test file needs: the packed package in a fresh n8n, the sandbox in this process,
// and credentials pointing at it; everything stopped when the file is done.
import * as fs from 'node:fs';
import * as path from 'node:path';

import { startSandbox, type Sandbox, type SandboxOptions } from '../../tools/sandbox';
import { runtime, type N8nInstance } from './runtime';

export const SETUP_TIMEOUT_MS = 15 * 60_000; // the first run installs n8n (~6 min)
export const OUTPUT_DIR = path.join(runtime.REPO_ROOT, 'test-output');

export interface Credential {
	id: string;
	name: string;
}

export interface RealN8n {
	sandbox: Sandbox;
	n8n: N8nInstance;
	/** One credential per entry of `apiKeys` (the sandbox's key when undefined), in that order. */
	credentials: Credential[];
}

export function useRealN8n(
	logName: string,
	{
		sandboxOptions = {},
		apiKeys = [undefined],
		env,
	}: { sandboxOptions?: Partial<SandboxOptions>; apiKeys?: Array<string | undefined>; env?: Record<string, string> } = {},
): () => RealN8n {
	const suite = {} as RealN8n;
	let tarball: string | undefined;

	beforeAll(async () => {
		runtime.ensureRuntime((line) => console.log(line));
		tarball = runtime.packPackage({ log: () => {} });
		suite.sandbox = await startSandbox(sandboxOptions);
		fs.mkdirSync(OUTPUT_DIR, { recursive: true });
		suite.n8n = runtime.createN8nInstance({ tarball, logFile: path.join(OUTPUT_DIR, `${logName}-n8n.log`), env });
		suite.credentials = await suite.n8n.importCredentials(
			apiKeys.map((apiKey, index) => ({
				name: index === 0 ? 'LiangXin account' : `LiangXin account ${index + 1}`,
				type: 'liangXinApi',
				data: { apiKey: apiKey ?? suite.sandbox.apiKey, baseUrl: suite.sandbox.baseUrl },
			})),
		);
	}, SETUP_TIMEOUT_MS);

	afterAll(async () => {
		await suite.n8n?.cleanup();
		await suite.sandbox?.close();
		runtime.removeTarball(tarball);
	}, 60_000);

	beforeEach(() => suite.sandbox.reset());

	return () => suite;
}
