import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	IWebhookFunctions,
} from 'n8n-workflow';

import { LiangXinErrors } from './apiErrors';
import { errorCode, pause } from './cancellation';
import { envelopeStatus } from './envelope';
import { CreatePacer } from './pacing';
import { Slots } from './slots';
import type { Readable } from './streams';

const CREDENTIAL_TYPE = 'liangXinApi';

type LiangXinContext = IExecuteFunctions | IWebhookFunctions;

/** What `prepareBinaryData` accepts: a buffer or a stream. */
export type BinarySource = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

/**
 * Which failures may be retried. A create may be repeated only when the first attempt provably
 * created nothing (HTTP 429, or a connection that was refused before the body was sent); anything
 * else could leave a task behind and bill it twice. Reads are safe to repeat.
 */
type RetryPolicy = 'create' | 'read';

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

/** An error answer to a streamed download must still be consumed, or its socket stays open. */
function discard(body: unknown) {
	const stream = body as { resume?: () => void } | undefined;
	if (typeof stream?.resume === 'function') stream.resume();
}

interface ClientSettings {
	/** Creates allowed per LiangXin rate window for the whole execution; 0 does not pace them. */
	maxCreatesPerWindow?: number;
}

export class LiangXinClient {
	private readonly createPacer: CreatePacer;

	private readonly downloadSlots = new Slots(MAX_PARALLEL_DOWNLOADS);

	readonly errors: LiangXinErrors;

	constructor(
		private readonly context: LiangXinContext,
		private readonly baseUrl: string,
		apiKey: string,
		settings: ClientSettings = {},
	) {
		this.createPacer = new CreatePacer(settings.maxCreatesPerWindow ?? 0);
		this.errors = new LiangXinErrors(context.getNode(), apiKey, baseUrl);
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
				throw timedOut ? this.errors.downloadTimeout(request, url, timeLimitMs) : error;
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
			const slot = isCreate ? await this.createPacer.acquire(request.abortSignal) : undefined;
			let response: IN8nHttpFullResponse;
			try {
				response = (await (authenticate
					? this.context.helpers.httpRequestWithAuthentication.call(this.context, CREDENTIAL_TYPE, httpOptions)
					: this.context.helpers.httpRequest(httpOptions))) as IN8nHttpFullResponse;
			} catch (error) {
				if (request.abortSignal?.aborted) throw this.errors.build('The execution was cancelled', 'Nothing more is sent for this item.', {}, request.itemIndex);
				const code = errorCode(error);
				if (code && RETRYABLE_NETWORK_CODES[request.policy].includes(code) && attempt < retry.maxRetries) {
					if (slot) this.createPacer.giveBack(slot);
					await pause(retryDelayMs(attempt, retry), request.abortSignal);
					continue;
				}
				throw this.errors.network(request, error, code);
			} finally {
				if (slot) this.createPacer.answered(slot);
			}

			const status = envelopeStatus(response.statusCode, response.body);
			if (status >= 200 && status <= 299) return response;
			discard(response.body);
			if (status >= 300 && status <= 399) throw this.errors.redirect(request, status, response.headers?.location);
			if (slot && status === 429) this.createPacer.giveBack(slot);
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
			throw this.errors.api(request, status, response.body, attempt);
		}
	}
}
