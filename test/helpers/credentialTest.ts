import { ExecuteContext, RoutingNode } from 'n8n-core';
import {
	createRunExecutionData,
	UnexpectedError,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type INodeCredentialTestResult,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

import { n8nEnvironment, setUpNode } from './n8n';

interface RequestError {
	cause?: { response?: { status: number; statusText?: string }; code?: string };
	message: string;
}

/** A temporary node whose only parameter routes the credential's test request, as n8n builds it. */
function probeNode(credentialType: ICredentialType): INodeType {
	return {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: [],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request: credentialType.test!.request } },
			],
		},
	};
}

const valueAt = (json: unknown, key: string): unknown =>
	key.split('.').reduce<unknown>((value, part) => (value as Record<string, unknown> | undefined)?.[part], json);

/** n8n's verdict on a request that threw: a `responseCode` rule, the HTTP status, or the network error. */
function failureVerdict(credentialType: ICredentialType, error: RequestError): INodeCredentialTestResult {
	const response = error.cause?.response;
	if (response) {
		const rule = credentialType.test!.rules?.find((candidate) => candidate.type === 'responseCode' && candidate.properties.value === response.status);
		return { status: 'Error', message: rule?.properties.message ?? (response.statusText || `Received HTTP status code: ${response.status}`) };
	}
	return { status: 'Error', message: error.cause?.code ?? error.message };
}

/** n8n's verdict on an answer: the first `responseSuccessBody` rule that matches, else OK. */
function answerVerdict(credentialType: ICredentialType, json: unknown): INodeCredentialTestResult {
	for (const rule of credentialType.test!.rules ?? []) {
		if (rule.type === 'responseSuccessBody' && valueAt(json, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/**
 * A credential's declarative `test` as n8n's CredentialsTester (packages/cli, n8n 2.41) runs it: the
 * request goes through n8n-core's real RoutingNode and HTTP helpers with the credential applied,
 * then its rules decide. The real-n8n suite checks the same verdicts through POST /rest/credentials/test.
 */
export async function runCredentialTest(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	if (!credentialType.test) throw new UnexpectedError(`Credential "${credentialType.name}" has no test request`);
	await n8nEnvironment();
	const nodeType = probeNode(credentialType);
	const { node, workflow, additionalData } = setUpNode({
		nodeType,
		credentials: { [credentialType.name]: data },
		credentialTypes: [credentialType],
	});
	const inputData = { main: [[{ json: {} }]] };
	const context = new ExecuteContext(workflow, node, additionalData, 'internal', createRunExecutionData(), 0, [], inputData, { node, data: {}, source: null }, []);
	const credentials = { id: credentialType.name, name: credentialType.name, type: credentialType.name, data };
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await new RoutingNode(context, nodeType, credentials).runNode();
	} catch (error) {
		return failureVerdict(credentialType, error as RequestError);
	}
	return answerVerdict(credentialType, response?.[0]?.[0]?.json);
}
