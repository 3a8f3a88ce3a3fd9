import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

/** The shapes the transport's modules share: kept below them all, so that none imports another for a type. */

/** What `prepareBinaryData` accepts: a buffer or a stream. */
export type BinarySource = Parameters<IExecuteFunctions['helpers']['prepareBinaryData']>[0];

export type Readable = Exclude<BinarySource, Buffer>;

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
