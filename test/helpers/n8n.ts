import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import {
	BinaryDataService,
	ErrorReporter,
	ExecuteContext,
	InstanceSettings,
	type BinaryDataConfig,
} from 'n8n-core';
import {
	LoggerProxy,
	UnexpectedError,
	Workflow,
	createRunExecutionData,
	deepCopy,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
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

async function setUpEnvironment(): Promise<CapturingLogger> {
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
	const binaryData = new BinaryDataService(
		{ mode: 'default', localStoragePath: '' } as BinaryDataConfig,
		Container.get(ErrorReporter),
		logger as unknown as Logger,
	);
	await binaryData.init();
	Container.set(BinaryDataService, binaryData);
	return logger;
}

/** Runs `node.execute()` once through n8n-core's real `ExecuteContext`, like a workflow step. */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const logger = await (environment ??= setUpEnvironment());
	const logs: string[] = [];
	logger.lines = logs;

	const { node: nodeType, items = [{ json: {} }], credentials = {} } = options;
	const { description } = nodeType;
	if (!nodeType.execute) throw new UnexpectedError(`Node "${description.name}" has no execute()`);

	const node: INode = {
		id: 'node-under-test',
		name: description.defaults.name ?? description.displayName,
		type: description.name,
		typeVersion: Math.max(...[description.version].flat()),
		position: [0, 0],
		parameters: deepCopy(options.parameters ?? {}),
		credentials: Object.fromEntries(
			Object.keys(credentials).map((type) => [type, { id: type, name: type }]),
		),
		...(options.continueOnFail && { onError: 'continueRegularOutput' }),
	};
	// Like n8n, the Workflow fills in parameter defaults from the node description.
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: {
			getByName: () => nodeType,
			getByNameAndVersion: () => nodeType,
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = {
		credentialsHelper: new TestCredentialsHelper(options.credentialTypes ?? [], credentials),
		executionId: 'test-execution',
		variables: {},
		// $execution.resumeUrl is built from these and the run's resume token on every parameter read.
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
	} as Partial<IWorkflowExecuteAdditionalData> as IWorkflowExecuteAdditionalData;
	const inputData = { main: [items] };
	const context = new ExecuteContext(
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
		async binary(itemIndex, propertyName = 'data') {
			const binaryData = output[itemIndex]?.binary?.[propertyName];
			if (!binaryData) {
				throw new UnexpectedError(`Output item ${itemIndex} has no binary "${propertyName}"`);
			}
			return await Container.get(BinaryDataService).getAsBuffer(binaryData);
		},
	};
}
