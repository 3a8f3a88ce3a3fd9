import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

import { parseUrl } from '../util/urls';
import type { LiangXinErrors } from './apiErrors';
import type { DownloadRequest, LiangXinRequest, Readable } from './types';

/**
 * Result images of one execution downloaded at once. Tasks of a batch tend to be seen finished
 * together, and each 4K image is about 10 MB: a few streams keep the throughput and bound the memory.
 */
export const MAX_PARALLEL_DOWNLOADS = 4;
/** How long one result file may take to download, retries included. */
export const DOWNLOAD_TIME_LIMIT_MS = 120_000;
/** Redirects a result download follows, each hop checked like the first URL before it is requested. */
export const MAX_DOWNLOAD_REDIRECTS = 5;

/** Reads a downloaded file to its end. */
export type ConsumeFile<T> = (file: { stream: Readable; contentType: string }) => Promise<T>;

/** What a download needs of the client: one request with its retries, without the credential, and the errors. */
export interface FileFetcher {
	send: (request: LiangXinRequest, options: IHttpRequestOptions) => Promise<IN8nHttpFullResponse>;
	errors: LiangXinErrors;
}

/** An error answer to a streamed download must still be consumed, or its socket stays open. */
export function discard(body: unknown) {
	const stream = body as { resume?: () => void } | undefined;
	if (typeof stream?.resume === 'function') stream.resume();
}

/**
 * GETs a result URL, following redirects here rather than in n8n's helper so that every hop passes
 * `checkUrl` before anything is sent to it. Each hop is a request of its own through n8n's helper,
 * so n8n's SSRF protection, when enabled, checks each one too.
 */
async function fetchResultFile(
	{ send, errors }: FileFetcher,
	url: string,
	request: DownloadRequest & { abortSignal: AbortSignal },
): Promise<IN8nHttpFullResponse> {
	let target = parseUrl(url);
	for (let redirects = 0; ; redirects++) {
		if (!target) {
			const problem = redirects === 0 ? 'it is not a URL' : 'a redirect without a valid Location';
			throw errors.downloadFailed(request, url, problem, 'Check the task with Get Generation; if it persists, contact LiangXin support.');
		}
		request.checkUrl(target, redirects > 0 ? url : undefined);
		const response = await send(
			{ ...request, method: 'GET', path: target.href, policy: 'read' },
			{ method: 'GET', url: target.href, encoding: 'stream', disableFollowRedirect: true },
		);
		if (response.statusCode < 300 || response.statusCode > 399) return response;
		discard(response.body);
		if (redirects === MAX_DOWNLOAD_REDIRECTS) {
			throw errors.downloadFailed(request, url, `more than ${MAX_DOWNLOAD_REDIRECTS} redirects`, 'The file host keeps redirecting.');
		}
		const location: unknown = response.headers.location;
		target = typeof location === 'string' && location ? parseUrl(location, target.href) : undefined;
	}
}

/**
 * Downloads a result file as a stream and hands it to `consume`, which must read it to the end.
 * Result URLs live on LiangXin's file host, so the request carries no credential: the API key is
 * never sent anywhere but the API.
 */
export async function downloadResultFile<T>(fetcher: FileFetcher, url: string, request: DownloadRequest, consume: ConsumeFile<T>): Promise<T> {
	const { timeLimitMs = DOWNLOAD_TIME_LIMIT_MS, abortSignal: cancelSignal } = request;
	const deadline = AbortSignal.timeout(timeLimitMs);
	const abortSignal = cancelSignal ? AbortSignal.any([cancelSignal, deadline]) : deadline;
	let stream: Readable | undefined;
	// Past the deadline the body stops too, however slowly it still drips.
	const stop = () => stream?.destroy(abortSignal.reason as Error);
	abortSignal.addEventListener('abort', stop, { once: true });
	try {
		const response = await fetchResultFile(fetcher, url, { ...request, abortSignal });
		stream = response.body as Readable;
		return await consume({ stream, contentType: String(response.headers['content-type'] ?? '') });
	} catch (error) {
		const timedOut = deadline.aborted && !cancelSignal?.aborted;
		throw timedOut ? fetcher.errors.downloadTimeout(request, url, timeLimitMs) : error;
	} finally {
		abortSignal.removeEventListener('abort', stop);
	}
}
