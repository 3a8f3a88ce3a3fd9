import { performance } from 'node:perf_hooks';

/**
 * The fastest of a few runs of `work`, in ms: a busy machine can slow one run down, but only a
 * slow algorithm makes every run slow.
 */
export function fastestRunMs(work: () => unknown, runs = 3): number {
	let fastest = Infinity;
	for (let run = 0; run < runs; run++) {
		const startedAt = performance.now();
		work();
		fastest = Math.min(fastest, performance.now() - startedAt);
	}
	return fastest;
}
