import { sleep } from 'n8n-workflow';

/** The system error code of a failed request (`ECONNREFUSED`, ...), wherever the HTTP layer put it. */
export function errorCode(error: unknown): string | undefined {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown } | undefined)?.code;
		if (typeof code === 'string' && code) return code;
	}
	return undefined;
}

/**
 * Waits, or rejects as soon as the signal aborts (the execution was cancelled, or another item
 * failed). Callers tell a cancellation from a failure by looking at their signal.
 */
export async function pause(ms: number, abortSignal?: AbortSignal): Promise<void> {
	if (ms > 0) await sleep(ms, abortSignal);
}
