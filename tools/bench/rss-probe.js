// @ts-check
'use strict';
// Preloaded into every n8n process of the benchmark (NODE_OPTIONS=--require <this file>).
// When BENCH_RSS_DIR is set, it writes the process's peak resident memory (VmHWM from
// /proc/self/status, the kernel's high-water mark of RSS) to <dir>/<pid>.json at exit, so the
// benchmark reads the peak of exactly the process that ran the workflow, just before it exits.
// It also samples VmRSS every 100 ms to record when the peak happened and what V8 held then: the
// size of its young generation (new space) and the bytes of ArrayBuffers (downloaded data, live or
// waiting for a GC to free it), the most ArrayBuffer bytes at any sample, and when V8 first shrank
// the young generation after boot.
// With BENCH_GC_EVERY_MS also set, it forces a full GC that often from the first sample with more than
// GC_FROM_ARRAY_BUFFERS_MB of ArrayBuffers (downloads under way; n8n's boot and a run without downloads
// are left alone, a GC that often would slow them to a crawl), so that a run's peak is the memory in
// use rather than chunks waiting for V8 to free them (tools/bench/download-memory.js measures the same).
// No effect when unset.
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');

const dir = process.env.BENCH_RSS_DIR;
const gcEveryMs = Number(process.env.BENCH_GC_EVERY_MS) || 0;
const GC_FROM_ARRAY_BUFFERS_MB = 8;

/** Runs V8's full GC every `everyMs` (gc exposed here, so that measure.js needs no flag for it). @param {number} everyMs */
function collectEvery(everyMs) {
	v8.setFlagsFromString('--expose-gc');
	const gc = vm.runInNewContext('gc');
	setInterval(gc, everyMs).unref();
}

function status() {
	const text = fs.readFileSync('/proc/self/status', 'utf8');
	const field = (/** @type {string} */ name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
	return { vmHWMkB: field('VmHWM'), vmRSSkB: field('VmRSS') };
}

if (dir && process.platform === 'linux') {
	const startedAt = Date.now();
	/** @type {number | null} */
	let forcedGcFrom = null;
	let maxSampledRssKb = 0;
	let maxSampledAt = 0;
	/** @type {{ youngGenerationMb: number, arrayBuffersMb: number } | null} */
	let atPeak = null;
	let youngGenerationMaxMb = 0;
	/** @type {number | null} */
	let youngGenerationShrunkAt = null;
	let arrayBuffersMaxMb = 0;
	const mb = (/** @type {number} */ bytes) => Math.round(bytes / 1048576);
	const timer = setInterval(() => {
		try {
			// One read gives both: the RSS (the kernel's, as VmRSS) and the ArrayBuffer bytes.
			const usage = process.memoryUsage();
			const rssKb = Math.round(usage.rss / 1024);
			const arrayBuffersMb = mb(usage.arrayBuffers);
			arrayBuffersMaxMb = Math.max(arrayBuffersMaxMb, arrayBuffersMb);
			if (gcEveryMs > 0 && forcedGcFrom === null && arrayBuffersMb > GC_FROM_ARRAY_BUFFERS_MB) {
				forcedGcFrom = Date.now();
				collectEvery(gcEveryMs);
			}
			const youngGenerationMb = mb(v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0);
			youngGenerationMaxMb = Math.max(youngGenerationMaxMb, youngGenerationMb);
			if (youngGenerationShrunkAt === null && youngGenerationMaxMb >= 16 && youngGenerationMb <= youngGenerationMaxMb / 4) youngGenerationShrunkAt = Date.now();
			if (rssKb > maxSampledRssKb) {
				maxSampledRssKb = rssKb;
				maxSampledAt = Date.now();
				atPeak = { youngGenerationMb, arrayBuffersMb };
			}
		} catch {
			// a sample failed: the exit record still has VmHWM
		}
	}, 100);
	timer.unref();
	process.on('exit', (code) => {
		try {
			const { vmHWMkB, vmRSSkB } = status();
			const record = {
				pid: process.pid,
				ppid: process.ppid,
				argv: process.argv.slice(1),
				exitCode: code,
				startedAt,
				exitedAt: Date.now(),
				vmHWMkB,
				vmRSSkB,
				maxSampledRssKb,
				maxSampledAt,
				atPeak,
				youngGenerationMaxMb,
				youngGenerationShrunkAt,
				arrayBuffersMaxMb,
				binaryDataMode: process.env.N8N_DEFAULT_BINARY_DATA_MODE ?? null,
				gcEveryMs: gcEveryMs || null,
				forcedGcFrom,
			};
			fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(record));
		} catch {
			// never disturb the process that is exiting
		}
	});
}
