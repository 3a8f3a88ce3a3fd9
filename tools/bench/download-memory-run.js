// @ts-check
'use strict';
// One measured run of download-memory.js, in a process of its own under the runtime's Node 24:
// downloads FILES files from the probe's file server through n8n's own HTTP helper (the function
// behind `helpers.httpRequest`, encoding 'stream') into n8n's filesystem byte store (the write behind
// `helpers.prepareBinaryData` in filesystem mode), PARALLEL at a time, and prints one JSON line: the
// peak RSS and ArrayBuffer bytes over the process's own before the first download, and V8's GCs.
// Arrangement 'node' puts the node's own stream code in between (peek at the head, then capped by Max
// File Size, from the built package); 'n8n' hands n8n the response stream as it is.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { PerformanceObserver, constants } = require('node:perf_hooks');

const SAMPLE_EVERY_MS = 5;
const MAX_FILE_BYTES = 60 * 1024 * 1024;

/**
 * @typedef {{ runtimeModules: string, distDir: string, url: string, files: number, parallel: number, arrangement: 'n8n' | 'node', gcEveryMs: number }} RunSettings
 * @typedef {(stream: import('node:stream').Readable) => Promise<import('node:stream').Readable>} Passage what stands between n8n's response and n8n's write
 */

/** @param {RunSettings} settings @returns {Passage} */
function passageOf({ arrangement, distDir }) {
	if (arrangement === 'n8n') return async (stream) => stream;
	const { capped, peek } = require(path.join(distDir, 'nodes/shared/transport/streams.js'));
	return async (stream) => {
		await peek(stream, 12);
		return capped(stream, MAX_FILE_BYTES, () => new Error('over Max File Size'));
	};
}

/** Samples the process's memory until stopped; returns the peaks over the first sample. */
function startSampling() {
	const first = process.memoryUsage();
	let rss = first.rss;
	let arrayBuffers = first.arrayBuffers;
	const timer = setInterval(() => {
		const usage = process.memoryUsage();
		rss = Math.max(rss, usage.rss);
		arrayBuffers = Math.max(arrayBuffers, usage.arrayBuffers);
	}, SAMPLE_EVERY_MS);
	const mib = (/** @type {number} */ bytes) => Math.round((bytes / 1048576) * 10) / 10;
	return () => {
		clearInterval(timer);
		return { rssOverStartMb: mib(rss - first.rss), arrayBuffersMaxMb: mib(arrayBuffers) };
	};
}

/** Counts V8's GCs by kind while the downloads run. */
function countCollections() {
	const counts = { minor: 0, major: 0, incremental: 0, other: 0 };
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			const kind = /** @type {{ detail?: { kind?: number } }} */ (entry).detail?.kind;
			if (kind === constants.NODE_PERFORMANCE_GC_MINOR) counts.minor++;
			else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) counts.major++;
			else if (kind === constants.NODE_PERFORMANCE_GC_INCREMENTAL) counts.incremental++;
			else counts.other++;
		}
	});
	observer.observe({ entryTypes: ['gc'] });
	return () => {
		observer.disconnect();
		return counts;
	};
}

/** @param {RunSettings} settings */
async function measure(settings) {
	const { httpRequest } = require(path.join(settings.runtimeModules, '@n8n/backend-network/dist/http/axios/request.js'));
	const { FsByteStore } = require(path.join(settings.runtimeModules, '@n8n/blob-storage'));
	const storagePath = fs.mkdtempSync(path.join(os.tmpdir(), 'liangxin-download-memory-'));
	const store = new FsByteStore({ storagePath, reportError: console.error });
	const passage = passageOf(settings);
	const collect = /** @type {{ gc?: () => void }} */ (globalThis).gc;
	const collector = settings.gcEveryMs > 0 && collect ? setInterval(collect, settings.gcEveryMs) : undefined;
	const stopSampling = startSampling();
	const stopCounting = countCollections();
	let next = 0;
	const download = async () => {
		for (let index = next++; index < settings.files; index = next++) {
			const response = await httpRequest({ method: 'GET', url: `${settings.url}/${index}.png`, encoding: 'stream', disableFollowRedirect: true, returnFullResponse: true, ignoreHttpStatusErrors: true, timeout: 120_000 });
			await store.write(`files/${index}`, await passage(response.body));
		}
	};
	const started = Date.now();
	try {
		await Promise.all(Array.from({ length: settings.parallel }, download));
		return { ...stopSampling(), collections: stopCounting(), seconds: (Date.now() - started) / 1000 };
	} finally {
		clearInterval(collector);
		fs.rmSync(storagePath, { recursive: true, force: true });
	}
}

if (require.main === module) {
	measure(JSON.parse(process.argv[2])).then(
		(result) => console.log(JSON.stringify(result)),
		(error) => {
			console.error(error);
			process.exitCode = 1;
		},
	);
}
