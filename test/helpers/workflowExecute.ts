import { randomUUID } from 'node:crypto';

import { ExecutionLifecycleHooks, WebhookContext, WorkflowExecute } from 'n8n-core';
import {
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IConnections,
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IRun,
	type IRunExecutionData,
	type IWebhookData,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials';
import { n8nEnvironment, recordingResponse } from './n8n';

export interface WorkflowSetup {
	nodes: INode[];
	connections: IConnections;
	/** Node types by the `type` of the nodes. */
	nodeTypes: Record<string, INodeType>;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: ICredentialType[];
}

/** A node of a test workflow. */
export const workflowNode = (name: string, type: string, parameters: INodeParameters = {}, extra: Partial<INode> = {}): INode => ({
	id: randomUUID(),
	name,
	type,
	typeVersion: 1,
	position: [0, 0],
	parameters,
	...extra,
});

/** A node that outputs the given items, whatever its input: the start of a test workflow. */
export function itemsNode(type: string, items: INodeExecutionData[]): INodeType {
	return {
		description: {
			displayName: type,
			name: type,
			group: ['input'],
			version: 1,
			description: 'Outputs fixed items',
			defaults: { name: type },
			inputs: ['main'],
			outputs: ['main'],
			properties: [],
		},
		execute: async () => [items.map((item) => ({ json: { ...item.json } }))],
	};
}

/** A node that outputs its input items: a next step, to see what reaches it. */
export function passThroughNode(type: string): INodeType {
	const { description } = itemsNode(type, []);
	return {
		description: { ...description, description: 'Outputs its input' },
		async execute(this: IExecuteFunctions) {
			return [this.getInputData()];
		},
	};
}

/**
 * Runs a workflow through n8n-core's real WorkflowExecute, as n8n does: `start` runs it from a node
 * until it ends or pauses; `resumeAtDeadline` continues a paused run as n8n's wait tracker does when
 * the pause's deadline has passed, from the data as the database would give it back; `callback`
 * posts to the paused run's resume URL.
 */
export function workflowRunner({ nodes, connections, nodeTypes, credentials = {}, credentialTypes = [] }: WorkflowSetup) {
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes,
		connections,
		active: true,
		settings: { executionOrder: 'v1' },
		nodeTypes: {
			getByName: (type) => nodeTypes[type],
			getByNameAndVersion: (type) => nodeTypes[type],
			getKnownTypes: () => ({}),
		},
	});
	const additionalData = () =>
		({
			hooks: new ExecutionLifecycleHooks('webhook', 'test-execution', { id: 'test-workflow', nodes, connections } as never),
			credentialsHelper: new TestCredentialsHelper(credentialTypes, credentials),
			executionId: 'test-execution',
			variables: {},
			currentNodeExecutionIndex: 0,
			webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
			formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		}) as Partial<IWorkflowExecuteAdditionalData> as IWorkflowExecuteAdditionalData;

	return {
		async start(startNode: string): Promise<IRun> {
			await n8nEnvironment();
			return await new WorkflowExecute(additionalData(), 'webhook').run({ workflow, startNode: workflow.getNode(startNode)! });
		},
		async resumeAtDeadline(paused: IRunExecutionData): Promise<IRun> {
			const saved = JSON.parse(JSON.stringify(paused)) as IRunExecutionData;
			return await new WorkflowExecute(additionalData(), 'webhook', saved).processRunExecutionData(workflow);
		},
		/**
		 * A POST to the paused run's resume URL, as n8n's waiting webhooks hand it to the paused node: its
		 * webhook() in n8n-core's real WebhookContext, over the run's data as the database gives it back.
		 * `result.workflowData`, when set, is what the node outputs as the run resumes.
		 */
		async callback(paused: IRunExecutionData, nodeName: string, body: IDataObject = {}) {
			const saved = JSON.parse(JSON.stringify(paused)) as IRunExecutionData;
			const node = workflow.getNode(nodeName)!;
			const nodeType = nodeTypes[node.type];
			const { response, recorded } = recordingResponse();
			const data = additionalData();
			data.httpRequest = { method: 'POST', body, query: {}, headers: {}, params: {} } as unknown as IWorkflowExecuteAdditionalData['httpRequest'];
			data.httpResponse = response;
			const webhookDescription = nodeType.description.webhooks?.[0];
			const webhookData = { httpMethod: 'POST', node: nodeName, path: webhookDescription?.path, webhookDescription, workflowId: workflow.id } as unknown as IWebhookData;
			const result = await nodeType.webhook!.call(new WebhookContext(workflow, node, data, 'webhook', webhookData, [], saved));
			return { result, ...recorded };
		},
		/**
		 * A callback that resumes the paused run, and the run continued as n8n's waiting webhooks do it
		 * (WaitingWebhooks.getWebhookExecutionData, then prepareExecutionData in webhook-helpers): the
		 * paused node disabled, its run data entry dropped, the webhook's outputs as its data. n8n 2.x
		 * also marks it `forwardAllOutputs`; n8n 1.x has no such flag, so a disabled node passes on only
		 * its first output there (`forwardAllOutputs: false` runs it so).
		 */
		async resumeByCallback(paused: IRunExecutionData, nodeName: string, { forwardAllOutputs = true } = {}): Promise<IRun> {
			const { result } = await this.callback(paused, nodeName);
			if (!result.workflowData) throw new Error(`the callback did not resume the run: ${JSON.stringify(result)}`);
			const saved = JSON.parse(JSON.stringify(paused)) as IRunExecutionData;
			const resuming = saved.executionData!.nodeExecutionStack[0];
			resuming.node.disabled = true;
			saved.waitTill = undefined;
			saved.resultData.runData[nodeName].pop();
			resuming.data.main = result.workflowData;
			if (forwardAllOutputs) resuming.metadata = { ...resuming.metadata, forwardAllOutputs: true };
			return await new WorkflowExecute(additionalData(), 'webhook', saved).processRunExecutionData(workflow);
		},
	};
}

/** The items a node's first run put out on one of its outputs. */
export function outputOf(run: IRun | IRunExecutionData, node: string, output = 0): INodeExecutionData[] | null | undefined {
	const data = 'resultData' in run ? run : run.data;
	return data.resultData.runData[node]?.[0]?.data?.main[output];
}
