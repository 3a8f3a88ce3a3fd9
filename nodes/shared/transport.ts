import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { errorCode, pause } from './cancellation';
import { REPORTED_CREATE_LIMIT } from './model';
import { CreatePacer } from './pacing';
import { Slots } from './slots';
import type { Readable } from './streams';
import { parseUrl, urlForDisplay } from './urls';

export const CREDENTIAL_TYPE = 'liangXinApi';

type LiangXinContext = IExecuteFunctions | IWebhookFunctions;

/** What `prepareBinaryData` accepts: a buffer or a stream. */
export type BinarySource = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

/**
 * Which failures may be retried. A create may be repeated only when the first attempt provably
 * created nothing (HTTP 429, or a connection that was refused before the body was sent); anything
 * else could leave a task behind and bill it twice. Reads are safe to repeat.
 */
export type RetryPolicy = 'create' | 'read';

export interface RetrySettings {
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

export const DEFAULT_RETRY: RetrySettings = { maxRetries: 8, baseDelayMs: 1000, maxDelayMs: 30_000 };

const TIMEOUT_MS = { create: 60_000, read: 30_000 } as const;

/**
 * Result images of one execution downloaded at once. Tasks of a batch tend to be seen finished
 * together, and each 4K image is about 10 MB: a few streams keep the throughput and bound the memory.
 */
export const MAX_PARALLEL_DOWNLOADS = 4;
/** How long one result file may take to download, retries included. */
export const DOWNLOAD_TIME_LIMIT_MS = 120_000;
/** Longest backoff after a create's 429 without Retry-After ("group saturated": nothing was queued). */
const SATURATED_MAX_DELAY_MS = 4_000;
const RETRYABLE_NETWORK_CODES: Record<RetryPolicy, string[]> = {
	create: ['ECONNREFUSED'],
	read: ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT'],
};

export interface LiangXinRequest {
	method: IHttpRequestMethods;
	/** Path below `/api/v1`, e.g. `/jobs/createTask`. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	policy: RetryPolicy;
	itemIndex: number;
	/** Named in every error about this request. */
	taskId?: string;
	abortSignal?: AbortSignal;
	retry?: RetrySettings;
	/** Per attempt; the policy's default when unset. */
	timeoutMs?: number;
}

/** The base URL as typed by the user, without a trailing slash or `/api/v1`. */
export function normalizeBaseUrl(baseUrl: string): string {
	return withoutTrailingSlashes(withoutTrailingSlashes(baseUrl.trim()).replace(/\/api\/v1$/i, ''));
}

/** A loop, not `/\/+$/`: that regex is quadratic on a long run of slashes, and the value is typed by a user. */
function withoutTrailingSlashes(text: string): string {
	let end = text.length;
	while (end > 0 && text[end - 1] === '/') end--;
	return text.slice(0, end);
}

/** Exponential backoff with jitter; a `Retry-After` header wins. */
export function retryDelayMs(
	attempt: number,
	settings: RetrySettings,
	retryAfterHeader?: unknown,
	random: () => number = Math.random,
): number {
	const retryAfterSeconds = Number(retryAfterHeader);
	if (retryAfterHeader !== undefined && Number.isFinite(retryAfterSeconds) && retryAfterSeconds >= 0) {
		return Math.min(retryAfterSeconds * 1000, settings.maxDelayMs) + Math.floor(random() * 250);
	}
	const exponential = Math.min(settings.baseDelayMs * 2 ** attempt, settings.maxDelayMs);
	return Math.round(exponential / 2 + (random() * exponential) / 2);
}

export const createRateLimitLabel = `Max Creates per ${REPORTED_CREATE_LIMIT.windowMs / 1000} Seconds`;

/** What the user should do about each documented status. */
export function adviceForStatus(status: number, retries: number): string {
	if (status === 400) return 'LiangXin refused the request as invalid: check the node parameters against the limits shown in their descriptions.';
	if (status === 401) return 'Check the API key in the LiangXin API credential.';
	if (status === 403) return 'Your LiangXin account has no quota left or no access to this model: top up or check access in the LiangXin console.';
	if (status === 404) return 'Check the Base URL in the LiangXin API credential, and the task ID.';
	if (status === 413) return 'The request is too large: pass reference images as URLs, or use smaller images.';
	if (status === 422) return 'The upstream model rejected the input: change the prompt or the reference images and try again.';
	if (status === 429) return `LiangXin is saturated (it accepts about ${REPORTED_CREATE_LIMIT.tasks} new tasks per ${REPORTED_CREATE_LIMIT.windowMs / 1000} s) and still refused after ${retries} retries: lower ${createRateLimitLabel} or try again later.`;
	if (status >= 500) return 'LiangXin or the upstream model failed: try again later, and contact LiangXin support if it persists.';
	return 'Check the Base URL in the LiangXin API credential and try again.';
}

/** The API's own message from either envelope: task layer `{code,msg}` or platform `{error:{message}}`. */
export function apiMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 300) : undefined;
	if (!body || typeof body !== 'object') return undefined;
	const envelope = body as { msg?: unknown; message?: unknown; error?: { message?: unknown } | string };
	const platformError = typeof envelope.error === 'object' ? envelope.error?.message : envelope.error;
	const message = envelope.msg ?? envelope.message ?? platformError;
	return typeof message === 'string' && message ? message : undefined;
}

/** The task-layer envelope may report an error inside an HTTP 200. */
function envelopeStatus(httpStatus: number, body: unknown): number {
	if (httpStatus < 200 || httpStatus > 299 || !body || typeof body !== 'object') return httpStatus;
	const code = Number((body as { code?: unknown }).code);
	return Number.isInteger(code) && code >= 400 ? code : httpStatus;
}

/** An error answer to a streamed download must still be consumed, or its socket stays open. */
function discard(body: unknown) {
	const stream = body as { resume?: () => void } | undefined;
	if (typeof stream?.resume === 'function') stream.resume();
}

function redact(text: string, secret: string): string {
	return secret ? text.split(secret).join('***') : text;
}

export interface ClientSettings {
	/** Creates allowed per LiangXin rate window for the whole execution; 0 does not pace them. */
	maxCreatesPerWindow?: number;
}

export class LiangXinClient {
	private readonly createPacer: CreatePacer;

	private readonly downloadSlots = new Slots(MAX_PARALLEL_DOWNLOADS);

	constructor(
		private readonly context: LiangXinContext,
		private readonly baseUrl: string,
		private readonly apiKey: string,
		settings: ClientSettings = {},
	) {
		this.createPacer = new CreatePacer(settings.maxCreatesPerWindow ?? 0);
	}

	/** One client per execution: its items share the create pacing. */
	static async connect(context: LiangXinContext, settings: ClientSettings = {}): Promise<LiangXinClient> {
		const credentials = await context.getCredentials<{ apiKey: string; baseUrl: string }>(CREDENTIAL_TYPE);
		return new LiangXinClient(context, normalizeBaseUrl(credentials.baseUrl), credentials.apiKey, settings);
	}

	get node(): INode {
		return this.context.getNode();
	}

	/** Sends one API request, retrying what the policy allows; answers the parsed body of a success. */
	async request(request: LiangXinRequest): Promise<unknown> {
		const response = await this.send(request, {
			method: request.method,
			url: `${this.baseUrl}/api/v1${request.path}`,
			qs: request.qs,
			body: request.body,
			json: true,
			// n8n would re-send the Authorization header to wherever a redirect points.
			disableFollowRedirect: true,
		});
		return response.body;
	}

	/**
	 * Downloads a result file as a stream and hands it to `consume`, which must read it to the end.
	 * Result URLs live on LiangXin's file host, so the request carries no credential: the API key is
	 * never sent anywhere but the API.
	 */
	async download<T>(
		url: string,
		request: Omit<LiangXinRequest, 'method' | 'path' | 'policy'> & { timeLimitMs?: number },
		consume: (file: { stream: Readable; contentType: string }) => Promise<T>,
	): Promise<T> {
		return await this.downloadSlots.use(async () => {
			const { timeLimitMs = DOWNLOAD_TIME_LIMIT_MS, abortSignal: cancelSignal } = request;
			const deadline = AbortSignal.timeout(timeLimitMs);
			const abortSignal = cancelSignal ? AbortSignal.any([cancelSignal, deadline]) : deadline;
			let stream: Readable | undefined;
			// Past the deadline the body stops too, however slowly it still drips.
			const stop = () => stream?.destroy(abortSignal.reason as Error);
			abortSignal.addEventListener('abort', stop, { once: true });
			try {
				const response = await this.send(
					{ ...request, abortSignal, method: 'GET', path: url, policy: 'read' },
					{ method: 'GET', url, encoding: 'stream' },
					false,
				);
				stream = response.body as Readable;
				return await consume({ stream, contentType: String(response.headers['content-type'] ?? '') });
			} catch (error) {
				const timedOut = deadline.aborted && !cancelSignal?.aborted;
				throw timedOut ? this.downloadTimeoutError(request, url, timeLimitMs) : error;
			} finally {
				abortSignal.removeEventListener('abort', stop);
			}
		});
	}

	private async send(
		request: LiangXinRequest,
		options: IHttpRequestOptions,
		authenticate = true,
	): Promise<IN8nHttpFullResponse> {
		const retry = request.retry ?? DEFAULT_RETRY;
		const httpOptions: IHttpRequestOptions = {
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: request.timeoutMs ?? TIMEOUT_MS[request.policy],
			abortSignal: request.abortSignal,
		};
		const isCreate = request.policy === 'create';
		for (let attempt = 0; ; attempt++) {
			const slot = isCreate ? await this.createPacer.acquire(request.abortSignal) : 0;
			let response: IN8nHttpFullResponse;
			try {
				response = (await (authenticate
					? this.context.helpers.httpRequestWithAuthentication.call(this.context, CREDENTIAL_TYPE, httpOptions)
					: this.context.helpers.httpRequest(httpOptions))) as IN8nHttpFullResponse;
			} catch (error) {
				if (request.abortSignal?.aborted) throw this.error('The execution was cancelled', 'Nothing more is sent for this item.', {}, request.itemIndex);
				const code = errorCode(error);
				if (code && RETRYABLE_NETWORK_CODES[request.policy].includes(code) && attempt < retry.maxRetries) {
					if (isCreate) this.createPacer.giveBack(slot);
					await pause(retryDelayMs(attempt, retry), request.abortSignal);
					continue;
				}
				throw this.networkError(request, error, code);
			}

			const status = envelopeStatus(response.statusCode, response.body);
			if (status >= 200 && status <= 299) return response;
			discard(response.body);
			if (status >= 300 && status <= 399) throw this.redirectError(request, status, response.headers?.location);
			if (isCreate && status === 429) this.createPacer.giveBack(slot);
			const retryable = status === 429 || (request.policy === 'read' && status >= 500);
			if (retryable && attempt < retry.maxRetries) {
				const retryAfter = response.headers?.['retry-after'];
				if (isCreate && retryAfter !== undefined) {
					// Retry-After on a create is about the account: every item's create waits until then.
					this.createPacer.block(retryDelayMs(attempt, retry, retryAfter));
					continue;
				}
				// A create's 429 without Retry-After ("group saturated") queued nothing: retry it soon.
				const backoff = isCreate ? { ...retry, maxDelayMs: Math.min(retry.maxDelayMs, SATURATED_MAX_DELAY_MS) } : retry;
				await pause(retryDelayMs(attempt, backoff, retryAfter), request.abortSignal);
				continue;
			}
			throw this.apiError(request, status, response.body, attempt);
		}
	}

	apiError(request: LiangXinRequest, status: number, body: unknown, retries: number): NodeApiError {
		const message = apiMessage(body) ?? 'no message';
		const task = request.taskId ? ` for task ${request.taskId}` : '';
		return this.error(
			`LiangXin API error ${status}${task}: ${message}`,
			adviceForStatus(status, retries),
			{ status, body: typeof body === 'object' ? (body as JsonObject) : String(body) },
			request.itemIndex,
			String(status),
		);
	}

	private downloadTimeoutError(request: Omit<LiangXinRequest, 'method' | 'path' | 'policy'>, url: string, timeLimitMs: number) {
		return this.error(
			`Downloading a result of LiangXin task ${request.taskId} took longer than ${timeLimitMs / 1000} s (${urlForDisplay(url)})`,
			'The file host answered too slowly, so the download was stopped. Try Get Task again later.',
			{ timeLimitMs },
			request.itemIndex,
		);
	}

	/** Names only where the redirect points (its origin): its path or query may hold a secret. */
	private redirectError(request: LiangXinRequest, status: number, location: unknown): NodeApiError {
		const origin = parseUrl(String(location ?? ''), this.baseUrl)?.origin ?? 'nowhere';
		const task = request.taskId ? ` for task ${request.taskId}` : '';
		return this.error(
			`LiangXin API error ${status}${task}: redirected to ${origin}`,
			`The API answered with a redirect, which is not followed so that the API key goes nowhere else. Check the Base URL in the LiangXin API credential (${this.baseUrl}): it must be the address the API answers on directly (e.g. https instead of http).`,
			{ status, redirectedTo: origin },
			request.itemIndex,
			String(status),
		);
	}

	private networkError(request: LiangXinRequest, error: unknown, code: string | undefined): NodeApiError {
		const reason = code ?? (error instanceof Error ? error.message : String(error));
		const task = request.taskId ? ` for task ${request.taskId}` : '';
		const description =
			request.policy === 'create'
				? 'The connection failed after the request was sent, so LiangXin may have created (and will bill) the task. It was not retried to avoid a duplicate: check your LiangXin tasks before running this item again.'
				: `Check that the Base URL in the LiangXin API credential (${this.baseUrl}) is reachable from n8n.`;
		return this.error(`Could not reach LiangXin${task}: ${reason}`, description, { networkError: reason }, request.itemIndex);
	}

	/** Builds a NodeApiError from our own plain data only, so no request options (and no key) leak. */
	error(message: string, description: string, details: JsonObject, itemIndex: number, httpCode?: string) {
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
}
