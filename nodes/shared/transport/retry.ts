import type { RetryPolicy, RetrySettings } from './types';

export const DEFAULT_RETRY: RetrySettings = { maxRetries: 8, baseDelayMs: 1000, maxDelayMs: 30_000 };

/** How long one attempt may take, by policy. */
export const TIMEOUT_MS = { create: 60_000, read: 30_000 } as const;

/** Longest backoff after a create's 429 without Retry-After ("group saturated": nothing was queued). */
export const SATURATED_MAX_DELAY_MS = 4_000;

export const RETRYABLE_NETWORK_CODES: Record<RetryPolicy, string[]> = {
	create: ['ECONNREFUSED'],
	read: ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'EAI_AGAIN', 'ERR_SOCKET_CONNECTION_TIMEOUT'],
};

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
