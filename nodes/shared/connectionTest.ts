import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunctions,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { errorCode } from './cancellation';
import { apiMessage, normalizeBaseUrl } from './transport';

/** A task ID that cannot exist: the answer tells the auth layer's verdict apart from the task layer's. */
export const PROBE_TASK_ID = 'n8n-connection-test';

function isLiangXinEnvelope(body: unknown): boolean {
	if (!body || typeof body !== 'object') return false;
	const envelope = body as { code?: unknown; msg?: unknown; message?: unknown; error?: unknown };
	return (envelope.code !== undefined && (envelope.msg !== undefined || envelope.message !== undefined)) || typeof envelope.error === 'object';
}

/** Turns the probe's answer into a verdict the user can act on. */
export function connectionVerdict(status: number, body: unknown, baseUrl: string): INodeCredentialTestResult {
	const message = apiMessage(body);
	const detail = `HTTP ${status}${message ? `: ${message}` : ''}`;
	if (status === 401) return { status: 'Error', message: `The API key was refused (${detail}). Check the API key.` };
	if (status === 403) {
		return { status: 'Error', message: `The API key is valid but access is denied or the quota is used up (${detail}). Check your LiangXin account.` };
	}
	if (isLiangXinEnvelope(body)) return { status: 'OK', message: 'Connection successful: LiangXin accepted the API key.' };
	return {
		status: 'Error',
		message: `${baseUrl} answered, but not like LiangXin (${detail}). Check the Base URL.`,
	};
}

function parseBody(body: unknown): unknown {
	if (typeof body !== 'string') return body;
	try {
		return JSON.parse(body);
	} catch {
		return body;
	}
}

/**
 * LiangXin documents no "who am I" endpoint, so the test asks for a task that cannot exist:
 * 401/403 come from the platform's auth layer, any task-layer answer means the key was accepted.
 */
export async function testLiangXinConnection(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const data = (credential.data ?? {}) as ICredentialDataDecryptedObject;
	const baseUrl = normalizeBaseUrl(String(data.baseUrl ?? ''));
	if (!/^https?:\/\//i.test(baseUrl)) {
		return { status: 'Error', message: 'The Base URL must start with http:// or https://.' };
	}
	try {
		// Credential tests get only the legacy `request` helper (ICredentialTestFunctions has no
		// httpRequest), and only a function-based test can read a 401 apart from a task-layer answer.
		// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
		const response = (await this.helpers.request({
			method: 'GET',
			uri: `${baseUrl}/api/v1/jobs/recordInfo`,
			qs: { taskId: PROBE_TASK_ID },
			headers: { Authorization: `Bearer ${String(data.apiKey ?? '')}` },
			resolveWithFullResponse: true,
			simple: false,
			timeout: 15_000,
		})) as { statusCode: number; body: unknown };
		return connectionVerdict(response.statusCode, parseBody(response.body), baseUrl);
	} catch (error) {
		const reason = errorCode(error) ?? (error as Error).message;
		return { status: 'Error', message: `Could not reach ${baseUrl} (${reason}). Check the Base URL and that n8n can reach it.` };
	}
}
