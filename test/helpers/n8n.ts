import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import {
	BinaryDataConfig,
	BinaryDataService,
	ErrorReporter,
	ExecuteContext,
	InstanceSettings,
	WebhookContext,
} from 'n8n-core';
import {
	LoggerProxy,
	UnexpectedError,
	Workflow,
	createRunExecutionData,
	deepCopy,
	type IBinaryData,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type ICredentialType,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IWebhookData,
	type IWebhookResponseData,
	type IWorkflowExecuteAdditionalData,
	type LogMetadata,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials';

export interface RunNodeOptions {
	node: INodeType;
	parameters?: INodeParameters;
	/** Input items of the node's first input; defaults to one empty item. */
	items?: INodeExecutionData[];
	/** Decrypted credential data keyed by credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: ICredentialType[];
	continueOnFail?: boolean;
	abortSignal?: AbortSignal;
	/** The node's version in the workflow; the newest when unset. */
	typeVersion?: number;
}

export interface RunNodeResult {
	/** Items of the first output; empty when `execute()` threw. */
	output: INodeExecutionData[];
	/** What `execute()` threw, if anything. */
	error?: Error;
	/** Everything logged through n8n's logger, as `level: message {metadata}`. */
	logs: string[];
	/** Bytes of an output item's binary property, read back through the BinaryDataService. */
	binary(itemIndex: number, propertyName?: string): Promise<Buffer>;
}

/**
 * n8n resolves the logger through its global DI container, so one logger serves every run;
 * `runNode` points it at a fresh list per run, which means runs must not overlap.
 */
class CapturingLogger {
	lines: string[] = [];

	error = (message: string, metadata?: LogMetadata) => this.log('error', message, metadata);

	warn = (message: string, metadata?: LogMetadata) => this.log('warn', message, metadata);

	info = (message: string, metadata?: LogMetadata) => this.log('info', message, metadata);

	debug = (message: string, metadata?: LogMetadata) => this.log('debug', message, metadata);

	scoped() {
		return this;
	}

	private log(level: string, message: string, metadata?: LogMetadata) {
		const details = metadata && Object.keys(metadata).length ? ` ${JSON.stringify(metadata)}` : '';
		this.lines.push(`${level}: ${message}${details}`);
	}
}

let environment: Promise<CapturingLogger> | undefined;

/** n8n's DI container set up for the tests (once per test file); returns the logger capturing n8n's logs. */
export async function n8nEnvironment(): Promise<CapturingLogger> {
	return await (environment ??= setUpEnvironment());
}

/**
 * Binary data stored in files under `storagePath`, as n8n stores it in filesystem mode (its default
 * outside queue mode): a stream goes to disk, not into memory. Call it before the first run.
 */
export async function useFilesystemBinaryData(storagePath: string): Promise<void> {
	if (environment) throw new UnexpectedError('the n8n environment of this process is set up already');
	await (environment = setUpEnvironment(storagePath));
}

/**
 * Jest runs tests in their own realm, where Node's default abort reason (a DOMException) fails
 * `instanceof Error`, so n8n's `sleep()` would reject with a generic wrapper instead of the
 * AbortError it rejects with in n8n. Mirror the signal with an abort reason from this realm.
 */
function withRealmAbortReason(signal: AbortSignal): AbortSignal {
	const controller = new AbortController();
	const abort = () =>
		controller.abort(
			signal.reason instanceof Error
				? signal.reason
				: Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }),
		);
	if (signal.aborted) abort();
	else signal.addEventListener('abort', abort, { once: true });
	return controller.signal;
}

/** @param storagePath where filesystem mode stores binary data; in memory ('default' mode) when empty */
async function setUpEnvironment(storagePath = ''): Promise<CapturingLogger> {
	const logger = new CapturingLogger();
	Container.set(Logger, logger as unknown as Logger);
	LoggerProxy.init(logger);
	// The real InstanceSettings reads or creates ~/.n8n/config; execution only needs these ids.
	Container.set(InstanceSettings, {
		instanceId: 'test-instance',
		hmacSignatureSecret: 'test-hmac-secret',
	} as unknown as InstanceSettings);

	// 'default' mode keeps binary data inline as base64, like n8n without external storage.
	// init() also prepares a filesystem store, which an empty path keeps off the disk.
	const binaryDataConfig = { mode: storagePath ? 'filesystem' : 'default', localStoragePath: storagePath } as BinaryDataConfig;
	// WorkflowExecute reads it to decide where a node's output binaries go.
	Container.set(BinaryDataConfig, binaryDataConfig);
	const binaryData = new BinaryDataService(
		binaryDataConfig,
		Container.get(ErrorReporter),
		logger as unknown as Logger,
	);
	await binaryData.init();
	Container.set(BinaryDataService, binaryData);
	return logger;
}

export interface NodeSetup {
	nodeType: INodeType;
	parameters?: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: ICredentialType[];
	continueOnFail?: boolean;
	staticData?: IDataObject;
	typeVersion?: number;
}

/** A one-node workflow as n8n builds it (parameter defaults filled in) and what a run needs. */
export function setUpNode({ nodeType, parameters, credentials = {}, credentialTypes, continueOnFail, staticData, typeVersion }: NodeSetup) {
	const { description } = nodeType;
	const node: INode = {
		id: 'node-under-test',
		name: description.defaults.name ?? description.displayName,
		type: description.name,
		typeVersion: typeVersion ?? Math.max(...[description.version].flat()),
		position: [0, 0],
		parameters: deepCopy(parameters ?? {}),
		credentials: Object.fromEntries(
			Object.keys(credentials).map((type) => [type, { id: type, name: type }]),
		),
		...(continueOnFail && { onError: 'continueRegularOutput' }),
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		active: false,
		staticData,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(credentialTypes ?? [], credentials),
		executionId: 'test-execution',
		variables: {},
		// $execution.resumeUrl is built from these and the run's resume token on every parameter read.
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
	} as Partial<IWorkflowExecuteAdditionalData> as IWorkflowExecuteAdditionalData;
	return { node, workflow, additionalData };
}

async function readBinary(binaryData: IBinaryData | undefined, where: string): Promise<Buffer> {
	if (!binaryData) throw new UnexpectedError(`${where} has no such binary property`);
	return await Container.get(BinaryDataService).getAsBuffer(binaryData);
}

/** n8n-core's real `ExecuteContext` of a one-node workflow, as a step's `execute()` gets it. */
export function executeContext(options: RunNodeOptions): ExecuteContext {
	const { node: nodeType, items = [{ json: {} }] } = options;
	const { node, workflow, additionalData } = setUpNode({ ...options, nodeType });
	const inputData = { main: [items] };
	return new ExecuteContext(
		workflow,
		node,
		additionalData,
		'manual',
		createRunExecutionData(),
		0,
		items,
		inputData,
		{ node, data: inputData, source: null },
		[],
		options.abortSignal && withRealmAbortReason(options.abortSignal),
	);
}

/** Runs `node.execute()` once through n8n-core's real `ExecuteContext`, like a workflow step. */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const logger = await (environment ??= setUpEnvironment());
	const logs: string[] = [];
	logger.lines = logs;

	const { node: nodeType } = options;
	if (!nodeType.execute) throw new UnexpectedError(`Node "${nodeType.description.name}" has no execute()`);
	const context = executeContext(options);

	let output: INodeExecutionData[] = [];
	let error: Error | undefined;
	try {
		const outputs = await nodeType.execute.call(context);
		output = (Array.isArray(outputs) ? outputs[0] : undefined) ?? [];
	} catch (thrown) {
		error = thrown as Error;
	}

	return {
		output,
		error,
		logs,
		binary: async (itemIndex, propertyName = 'data') =>
			await readBinary(output[itemIndex]?.binary?.[propertyName], `Output item ${itemIndex}`),
	};
}

export interface WebhookRequest {
	body?: unknown;
	rawBody?: Buffer;
	query?: Record<string, string>;
	headers?: Record<string, string>;
}

export interface RunWebhookOptions extends Omit<RunNodeOptions, 'items' | 'abortSignal' | 'continueOnFail'> {
	request: WebhookRequest;
	/** The workflow's static data; pass the same object to several calls to see what they remember. */
	staticData?: IDataObject;
}

export interface RunWebhookResult {
	/** What webhook() returned. */
	response?: IWebhookResponseData;
	/** What the node answered itself through the response object, if it did. */
	answered?: { status: number; body: unknown };
	/** The headers the node set on its answer, lower-cased. */
	headers: Record<string, string>;
	error?: Error;
	/** The items that would start the workflow. */
	emitted: INodeExecutionData[];
	/** Everything logged through n8n's logger, as `level: message {metadata}`. */
	logs: string[];
	binary(itemIndex: number, propertyName?: string): Promise<Buffer>;
}

/** The response object a webhook answers through, recording the status, headers and JSON body it was given. */
export function recordingResponse() {
	const recorded: Pick<RunWebhookResult, 'answered' | 'headers'> & { answeredAt?: number } = { headers: {} };
	// As Node's own response does, a second answer is an error.
	const unlessAnswered = () => {
		if (recorded.answered) throw new Error('Cannot set headers after they are sent to the client');
	};
	const response = {
		statusCode: 200,
		status(code: number) {
			this.statusCode = code;
			return this;
		},
		setHeader(name: string, value: string) {
			unlessAnswered();
			recorded.headers[name.toLowerCase()] = value;
			return this;
		},
		json(body: unknown) {
			unlessAnswered();
			recorded.answered = { status: this.statusCode, body };
			recorded.answeredAt = Date.now();
			return this;
		},
	};
	return { response: response as unknown as IWorkflowExecuteAdditionalData['httpResponse'], recorded };
}

/** Calls `node.webhook()` once through n8n-core's real `WebhookContext`, as n8n does for a POST. */
export async function runWebhook(options: RunWebhookOptions): Promise<RunWebhookResult> {
	const logger = await (environment ??= setUpEnvironment());
	const logs: string[] = [];
	logger.lines = logs;
	const { node: nodeType, request } = options;
	if (!nodeType.webhook) throw new UnexpectedError(`Node "${nodeType.description.name}" has no webhook()`);
	const { node, workflow, additionalData } = setUpNode({ ...options, nodeType });

	const { response, recorded } = recordingResponse();
	additionalData.httpRequest = {
		method: 'POST',
		body: request.body ?? {},
		rawBody: request.rawBody,
		query: request.query ?? {},
		headers: request.headers ?? {},
		params: {},
	} as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
	additionalData.httpResponse = response;

	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: 'liangxin',
		webhookDescription: nodeType.description.webhooks?.[0],
		workflowId: 'test-workflow',
	} as unknown as IWebhookData;
	const context = new WebhookContext(workflow, node, additionalData, 'webhook', webhookData, [], null);

	let result: IWebhookResponseData | undefined;
	let error: Error | undefined;
	try {
		result = await nodeType.webhook.call(context);
	} catch (thrown) {
		error = thrown as Error;
	}
	const emitted = result?.workflowData?.[0] ?? [];
	return {
		response: result,
		answered: recorded.answered,
		headers: recorded.headers,
		error,
		emitted,
		logs,
		binary: async (itemIndex, propertyName = 'data') =>
			await readBinary(emitted[itemIndex]?.binary?.[propertyName], `Emitted item ${itemIndex}`),
	};
}
