import { sleep } from 'n8n-workflow';

/**
 * Waits, or rejects as soon as the signal aborts (the execution was cancelled, or another item
 * failed). Callers tell a cancellation from a failure by looking at their signal.
 */
export async function pause(ms: number, abortSignal?: AbortSignal): Promise<void> {
	if (ms > 0) await sleep(ms, abortSignal);
}
