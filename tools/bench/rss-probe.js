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
// No effect when unset.
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');

const dir = process.env.BENCH_RSS_DIR;

function status() {
	const text = fs.readFileSync('/proc/self/status', 'utf8');
	const field = (/** @type {string} */ name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
	return { vmHWMkB: field('VmHWM'), vmRSSkB: field('VmRSS') };
}

if (dir && process.platform === 'linux') {
	const startedAt = Date.now();
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
			};
			fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(record));
		} catch {
			// never disturb the process that is exiting
		}
	});
}
