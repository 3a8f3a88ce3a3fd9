import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { maskedCopy } from './answerCopy';
import { apiMessage } from './envelope';
import { REPORTED_CREATE_LIMIT } from '../platform/limits';
import type { LiangXinRequest } from './types';
import { maskQueryValues, originForDisplay, urlForDisplay } from '../util/urls';

/** What the user should do about each documented status. */
export function adviceForStatus(status: number, retries: number, createLimitSetting?: string): string {
	if (status === 400) return 'LiangXin refused the request as invalid: check the node parameters against the limits shown in their descriptions.';
	if (status === 401) return 'Check the API key in the LiangXin API credential.';
	if (status === 403) return 'Your LiangXin account has no quota left or no access to this model: top up or check access in the LiangXin console.';
	if (status === 404) return 'Check the Base URL in the LiangXin API credential, and the task ID.';
	if (status === 413) return 'The request is too large: pass reference images as URLs, or use smaller images.';
	if (status === 422) return 'The upstream model rejected the input: change the prompt or the reference images and try again.';
	if (status === 429) return `LiangXin is saturated (it accepts about ${REPORTED_CREATE_LIMIT.tasks} new tasks per ${REPORTED_CREATE_LIMIT.windowMs / 1000} s) and still refused after ${retries} retries: ${createLimitSetting ? `lower ${createLimitSetting} or ` : ''}try again later.`;
	if (status >= 500) return 'LiangXin or the upstream model failed: try again later, and contact LiangXin support if it persists.';
	return 'Check the Base URL in the LiangXin API credential and try again.';
}

/** A create whose answer is lost or unusable: the task may exist, and running the item again creates another. */
export const CREATE_OUTCOME_UNKNOWN =
	'LiangXin may have created (and will bill) a task for this item: check your LiangXin tasks before running it again.';

function redact(text: string, secret: string): string {
	return secret ? text.split(secret).join('***') : text;
}

type RequestNaming = Pick<LiangXinRequest, 'itemIndex' | 'taskId'>;

const forTask = (request: RequestNaming) => (request.taskId ? ` for task ${request.taskId}` : '');

/** Names of the errors n8n's own SSRF protection throws, on the error or on its cause. */
const SSRF_ERRORS = ['SsrfBlockedIpError', 'SsrfBlockedHostnameError'];
const blockedByN8n = (error: unknown) =>
	[error, (error as { cause?: unknown })?.cause].some((candidate) => SSRF_ERRORS.includes((candidate as Error | undefined)?.name ?? ''));

/** The errors of one client's calls: each says what to do, and none holds the API key or the Base URL's user info. */
export class LiangXinErrors {
	/** The Base URL as errors name it: its origin only. */
	private readonly apiOrigin: string;

	constructor(
		private readonly node: INode,
		private readonly apiKey: string,
		private readonly baseUrl: string,
		/** The setting that paces creates, named in the advice of a 429. */
		private readonly createLimitSetting?: string,
	) {
		this.apiOrigin = originForDisplay(baseUrl);
	}

	/** Builds a NodeApiError from our own plain data only, so no request options (and no key) leak. */
	build(message: string, description: string, details: JsonObject, itemIndex: number, httpCode?: string) {
		const safeDetails = JSON.parse(redact(JSON.stringify(details), this.apiKey)) as JsonObject;
		const safeMessage = redact(message, this.apiKey);
		const error = new NodeApiError(this.node, { ...safeDetails, message: safeMessage }, {
			message: safeMessage,
			description: redact(description, this.apiKey),
			itemIndex,
			httpCode,
		});
		// NodeApiError swaps a message that mentions ECONNRESET & co. for a generic text; ours says more.
		error.message = safeMessage;
		return error;
	}

	api(request: RequestNaming, status: number, body: unknown, retries: number): NodeApiError {
		const message = maskQueryValues(apiMessage(body) ?? 'no message');
		return this.build(
			`LiangXin API error ${status}${forTask(request)}: ${message}`,
			adviceForStatus(status, retries, this.createLimitSetting),
			{ status, body: maskedCopy(typeof body === 'object' ? body : String(body)) as JsonObject },
			request.itemIndex,
			String(status),
		);
	}

	downloadTimeout(request: RequestNaming, url: string, timeLimitMs: number) {
		return this.build(
			`Downloading a result of LiangXin task ${request.taskId} took longer than ${timeLimitMs / 1000} s (${urlForDisplay(url)})`,
			'The file host answered too slowly, so the download was stopped. Run Get Generation again later.',
			{ timeLimitMs },
			request.itemIndex,
		);
	}

	/** Names only where the redirect points (its origin): its path or query may hold a secret. */
	redirect(request: RequestNaming, status: number, location: unknown): NodeApiError {
		const origin = location ? originForDisplay(String(location), this.baseUrl) : 'nowhere';
		return this.build(
			`LiangXin API error ${status}${forTask(request)}: redirected to ${origin}`,
			`The API answered with a redirect, which is not followed so that the API key goes nowhere else. Check the Base URL in the LiangXin API credential (${this.apiOrigin}): it must be the address the API answers on directly (e.g. https instead of http).`,
			{ status, redirectedTo: origin },
			request.itemIndex,
			String(status),
		);
	}

	answerTooLarge(request: RequestNaming & Pick<LiangXinRequest, 'policy'>, maxBytes: number): NodeApiError {
		const description =
			request.policy === 'create'
				? `Its answer was not read. ${CREATE_OUTCOME_UNKNOWN}`
				: `It was not read any further. Check the Base URL in the LiangXin API credential (${this.apiOrigin}): it must point at LiangXin.`;
		return this.build(
			`LiangXin's answer${forTask(request)} is larger than ${maxBytes / 1024 / 1024} MB, the most an API answer may be`,
			description,
			{ maxBytes },
			request.itemIndex,
		);
	}

	/** A result download that failed, named by its task and its URL without query; `problem` echoes nothing the server sent. */
	downloadFailed(request: RequestNaming, url: string, problem: string, description: string) {
		return this.build(
			`Could not download a result of LiangXin task ${request.taskId} (${urlForDisplay(url)}): ${problem}`,
			`Nothing was stored for it. ${description}`,
			{ problem },
			request.itemIndex,
		);
	}

	downloadNetwork(request: RequestNaming, url: string, error: unknown, code: string | undefined) {
		if (blockedByN8n(error)) {
			return this.downloadFailed(
				request,
				url,
				"n8n's SSRF protection blocked its address",
				'n8n itself refuses this address (N8N_SSRF_PROTECTION_ENABLED), whatever the node\'s options: an n8n administrator can allow it with N8N_SSRF_ALLOWED_HOSTNAMES or N8N_SSRF_ALLOWED_IP_RANGES.',
			);
		}
		const reason = code ?? (error instanceof Error ? error.message : String(error));
		return this.downloadFailed(request, url, reason, 'The file host could not be reached from n8n. Result URLs expire: run Get Generation again soon.');
	}

	network(request: RequestNaming & Pick<LiangXinRequest, 'policy'>, error: unknown, code: string | undefined): NodeApiError {
		const reason = code ?? (error instanceof Error ? error.message : String(error));
		const description =
			request.policy === 'create'
				? 'The connection failed after the request was sent, so LiangXin may have created (and will bill) the task. It was not retried to avoid a duplicate: check your LiangXin tasks before running this item again.'
				: `Check that the Base URL in the LiangXin API credential (${this.apiOrigin}) is reachable from n8n.`;
		return this.build(`Could not reach LiangXin${forTask(request)}: ${reason}`, description, { networkError: reason }, request.itemIndex);
	}
}
