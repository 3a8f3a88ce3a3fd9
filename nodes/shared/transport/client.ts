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
import { errorCode, pause } from '../util/cancellation';
import { envelopeStatus, parseAnswer } from './envelope';
import { CreatePacer } from './pacing';
import { Slots } from './slots';
import type { Readable } from './streams';
import { readWhole } from './streams';
import { parseUrl } from '../util/urls';

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
 * The most an API answer may hold once decompressed. LiangXin's are a few KB; n8n sets no limit,
 * so a small gzip answer could otherwise unpack to hundreds of MB in memory.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;

/** An answer found larger than MAX_ANSWER_BYTES: told apart from n8n's own errors, which wrap a failed request. */
class AnswerTooLarge extends Error {}

/**
 * Result images of one execution downloaded at once. Tasks of a batch tend to be seen finished
 * together, and each 4K image is about 10 MB: a few streams keep the throughput and bound the memory.
 */
export const MAX_PARALLEL_DOWNLOADS = 4;
/** How long one result file may take to download, retries included. */
export const DOWNLOAD_TIME_LIMIT_MS = 120_000;
/** Redirects a result download follows, each hop checked like the first URL before it is requested. */
export const MAX_DOWNLOAD_REDIRECTS = 5;
/** Longest backoff after a create's 429 without Retry-After ("group saturated": nothing was queued). */
const SATURATED_MAX_DELAY_MS = 4_000;
const RETRYABLE_NETWORK_CODES: Record<RetryPolicy, string[]> = {
	create: ['ECONNREFUSED'],
	read: ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT'],
};

/** Who answers a request: the API (with the key, redirects refused) or a file host (no key, redirects returned). */
type Target = 'api' | 'file';

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

export interface DownloadRequest extends Omit<LiangXinRequest, 'method' | 'path' | 'policy'> {
	/** How long the file may take, redirects and retries included; DOWNLOAD_TIME_LIMIT_MS when unset. */
	timeLimitMs?: number;
	/** Throws when a URL must not be requested: called on the result URL and on each redirect hop, before the request. */
	checkUrl: (url: URL, redirectedFrom?: string) => void;
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

	/** The Base URL's origin: result files there are as trusted as the API. */
	get baseOrigin(): string | undefined {
		return parseUrl(this.baseUrl)?.origin;
	}

	/** Sends one API request, retrying what the policy allows; answers the parsed body of a success. */
	async request(request: LiangXinRequest): Promise<unknown> {
		const response = await this.send(request, {
			method: request.method,
			url: `${this.baseUrl}/api/v1${request.path}`,
			qs: request.qs,
			body: request.body,
			json: true,
			// Read by `send` itself, so that its size is checked as it arrives.
			encoding: 'stream',
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
		request: DownloadRequest,
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
				const response = await this.fetchResultFile(url, { ...request, abortSignal });
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

	/**
	 * GETs a result URL, following redirects here rather than in n8n's helper so that every hop passes
	 * `checkUrl` before anything is sent to it. Each hop is a request of its own through n8n's helper,
	 * so n8n's SSRF protection, when enabled, checks each one too.
	 */
	private async fetchResultFile(url: string, request: DownloadRequest & { abortSignal: AbortSignal }): Promise<IN8nHttpFullResponse> {
		let target = parseUrl(url);
		for (let redirects = 0; ; redirects++) {
			if (!target) {
				const problem = redirects === 0 ? 'it is not a URL' : 'a redirect without a valid Location';
				throw this.errors.downloadFailed(request, url, problem, 'Check the task with Get Task; if it persists, contact LiangXin support.');
			}
			request.checkUrl(target, redirects > 0 ? url : undefined);
			const response = await this.send(
				{ ...request, method: 'GET', path: target.href, policy: 'read' },
				{ method: 'GET', url: target.href, encoding: 'stream', disableFollowRedirect: true },
				'file',
			);
			if (response.statusCode < 300 || response.statusCode > 399) return response;
			discard(response.body);
			if (redirects === MAX_DOWNLOAD_REDIRECTS) {
				throw this.errors.downloadFailed(request, url, `more than ${MAX_DOWNLOAD_REDIRECTS} redirects`, 'The file host keeps redirecting.');
			}
			const location: unknown = response.headers.location;
			target = typeof location === 'string' && location ? parseUrl(location, target.href) : undefined;
		}
	}

	/** One try of a request; an API call's answer comes back read and parsed. */
	private async attempt(options: IHttpRequestOptions, target: Target): Promise<IN8nHttpFullResponse> {
		if (target === 'file') return (await this.context.helpers.httpRequest(options)) as IN8nHttpFullResponse;
		const response = (await this.context.helpers.httpRequestWithAuthentication.call(
			this.context,
			CREDENTIAL_TYPE,
			options,
		)) as IN8nHttpFullResponse;
		const answer = parseAnswer(await readWhole(response.body as Readable, MAX_ANSWER_BYTES, () => new AnswerTooLarge()));
		return { ...response, body: answer as IN8nHttpFullResponse['body'] };
	}

	/**
	 * One request with its retries. An API call is authenticated and its answer read here, so that a
	 * connection failing while the answer arrives is retried (or not) like one failing before.
	 */
	private async send(request: LiangXinRequest, options: IHttpRequestOptions, target: Target = 'api'): Promise<IN8nHttpFullResponse> {
		const retry = request.retry ?? DEFAULT_RETRY;
		const timeout = request.timeoutMs ?? TIMEOUT_MS[request.policy];
		const httpOptions: IHttpRequestOptions = {
			...options,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout,
		};
		const isCreate = request.policy === 'create';
		for (let attempt = 0; ; attempt++) {
			const slot = isCreate ? await this.createPacer.acquire(request.abortSignal) : undefined;
			// An API answer is read within the attempt: its time limit covers the body too, and aborting
			// the request is what closes a connection whose answer stalls or grows too large.
			const attemptEnd = new AbortController();
			const deadline = target === 'api' ? AbortSignal.timeout(timeout) : undefined;
			const signals = [request.abortSignal, attemptEnd.signal, deadline].filter((signal) => signal !== undefined);
			let response: IN8nHttpFullResponse;
			try {
				response = await this.attempt({ ...httpOptions, abortSignal: AbortSignal.any(signals) }, target);
			} catch (error) {
				attemptEnd.abort();
				// Not retried: the same request would be answered as largely again.
				if (error instanceof AnswerTooLarge) throw this.errors.answerTooLarge(request, MAX_ANSWER_BYTES);
				if (request.abortSignal?.aborted) throw this.errors.build('The execution was cancelled', 'Nothing more is sent for this item.', {}, request.itemIndex);
				const code = deadline?.aborted ? 'ETIMEDOUT' : errorCode(error);
				if (code && RETRYABLE_NETWORK_CODES[request.policy].includes(code) && attempt < retry.maxRetries) {
					if (slot) this.createPacer.giveBack(slot);
					await pause(retryDelayMs(attempt, retry), request.abortSignal);
					continue;
				}
				throw target === 'file' ? this.errors.downloadNetwork(request, options.url, error, code) : this.errors.network(request, error, code);
			} finally {
				if (slot) this.createPacer.answered(slot);
			}

			const status = envelopeStatus(response.statusCode, response.body);
			if (status >= 200 && status <= 299) return response;
			// A file host's redirect goes back to fetchResultFile, which checks where it points.
			if (target === 'file' && status >= 300 && status <= 399) return response;
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
			throw target === 'file'
				? this.errors.downloadFailed(request, options.url, `the file host answered HTTP ${status}`, 'Result URLs expire after a while: try Get Task again soon.')
				: this.errors.api(request, status, response.body, attempt);
		}
	}
}
