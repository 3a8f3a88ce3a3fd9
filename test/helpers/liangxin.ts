import type { INodeExecutionData, INodeParameters, INodeType } from 'n8n-workflow';

import { LiangXinApi } from '../../credentials/LiangXinApi.credentials';
import { LiangXinImage } from '../../nodes/LiangXinImage/LiangXinImage.node';
import { LiangXinNanoBananaPro } from '../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import { LiangXinVideo } from '../../nodes/LiangXinVideo/LiangXinVideo.node';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../tools/sandbox';
import type { RunNodeResult } from './n8n';
import { runNode } from './n8n';

export interface NanoBananaRun {
	parameters: INodeParameters;
	items?: INodeExecutionData[];
	apiKey?: string;
	baseUrl?: string;
	continueOnFail?: boolean;
	abortSignal?: AbortSignal;
	/** The node's version; the newest when unset. */
	typeVersion?: number;
}

/** Runs a LiangXin node in a real n8n execution context against the sandbox (or any fake API). */
async function runLiangXinNode(node: INodeType, sandbox: Pick<Sandbox, 'apiKey' | 'baseUrl'>, run: NanoBananaRun): Promise<RunNodeResult> {
	return await runNode({
		node,
		parameters: run.parameters,
		items: run.items,
		credentials: { liangXinApi: { apiKey: run.apiKey ?? sandbox.apiKey, baseUrl: run.baseUrl ?? sandbox.baseUrl } },
		credentialTypes: [new LiangXinApi()],
		continueOnFail: run.continueOnFail,
		abortSignal: run.abortSignal,
		typeVersion: run.typeVersion,
	});
}

export const runNanoBanana = async (sandbox: Pick<Sandbox, 'apiKey' | 'baseUrl'>, run: NanoBananaRun) =>
	await runLiangXinNode(new LiangXinNanoBananaPro(), sandbox, run);

export const runImage = async (sandbox: Pick<Sandbox, 'apiKey' | 'baseUrl'>, run: NanoBananaRun) =>
	await runLiangXinNode(new LiangXinImage(), sandbox, run);

export const runVideo = async (sandbox: Pick<Sandbox, 'apiKey' | 'baseUrl'>, run: NanoBananaRun) =>
	await runLiangXinNode(new LiangXinVideo(), sandbox, run);

/** Create & Wait parameters; the prompt comes from each item's `prompt` unless given. */
export const createAndWait = (prompt = '={{ $json.prompt }}', options: INodeParameters = {}): INodeParameters => ({
	operation: 'createAndWait',
	prompt,
	options,
});

export const prompts = (...texts: string[]): INodeExecutionData[] => texts.map((prompt) => ({ json: { prompt } }));

/** Everything a user could see of a run, to check that a secret appears nowhere in it. */
export function visibleText(result: RunNodeResult): string {
	const error = result.error as (Error & { description?: string }) | undefined;
	return [
		error?.message,
		error?.description,
		error ? JSON.stringify(error) : '',
		JSON.stringify(result.output),
		...result.logs,
	].join('\n');
}

/**
 * One sandbox for a test file, reset (log, tasks and options) before each test. Read it through the
 * returned function: it exists only once beforeAll has run.
 */
export function useSandbox(options: Partial<SandboxOptions> = {}): () => Sandbox {
	let sandbox: Sandbox | undefined;
	beforeAll(async () => {
		sandbox = await startSandbox(options);
	});
	afterAll(async () => await sandbox?.close());
	beforeEach(() => sandbox?.reset(true));
	return () => sandbox as Sandbox;
}
