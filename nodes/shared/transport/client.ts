import type {
	IExecuteFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INode,
	IWebhookFunctions,
} from 'n8n-workflow';

import { API_PATH, CREDENTIAL_TYPE, normalizeBaseUrl } from '../platform/apiAddress';
import { MAX_ANSWER_BYTES } from '../platform/limits';
import { pause } from '../util/cancellation';
import { errorCode } from '../util/errorCode';
import { parseUrl } from '../util/urls';
import { LiangXinErrors } from './apiErrors';
import { envelopeStatus, parseAnswer } from './envelope';
import { CreatePacer } from './pacing';
import { DEFAULT_RETRY, RETRYABLE_NETWORK_CODES, retryDelayMs, SATURATED_MAX_DELAY_MS, TIMEOUT_MS } from './retry';
import { Slots } from './slots';
import type { ConsumeFile, FileFetcher } from './resultFiles';
import { discard, downloadResultFile, MAX_PARALLEL_DOWNLOADS } from './resultFiles';
import { readWhole } from './streams';
import type { DownloadRequest, LiangXinRequest, Readable } from './types';

type LiangXinContext = IExecuteFunctions | IWebhookFunctions;

/** An answer found larger than MAX_ANSWER_BYTES: told apart from n8n's own errors, which wrap a failed request. */
class AnswerTooLarge extends Error {}

/** Who answers a request: the API (with the key, redirects refused) or a file host (no key, redirects returned). */
type Target = 'api' | 'file';

interface ClientSettings {
	/** Creates allowed per LiangXin rate window for the whole execution; 0 does not pace them. */
	maxCreatesPerWindow?: number;
	/** The name of the setting that paces creates, for the advice of an error about the create rate. */
	createLimitSetting?: string;
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
		this.errors = new LiangXinErrors(context.getNode(), apiKey, baseUrl, settings.createLimitSetting);
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
			url: `${this.baseUrl}${API_PATH}${request.path}`,
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
	 * Downloads a result file as a stream and hands it to `consume`, which must read it to the end;
	 * a few at a time per execution (MAX_PARALLEL_DOWNLOADS). The request carries no credential.
	 */
	async download<T>(url: string, request: DownloadRequest, consume: ConsumeFile<T>): Promise<T> {
		const fetcher: FileFetcher = { errors: this.errors, send: async (hop, options) => await this.send(hop, options, 'file') };
		return await this.downloadSlots.use(async () => await downloadResultFile(fetcher, url, request, consume));
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
				? this.errors.downloadFailed(request, options.url, `the file host answered HTTP ${status}`, 'Result URLs expire after a while: run Get Generation again soon.')
				: this.errors.api(request, status, response.body, attempt);
		}
	}
}
