#!/usr/bin/env node
// @ts-check
'use strict';
// Which part of a 4K batch's memory is the node's: downloads FILES result-sized files (10.6 MiB, the
// size of the sandbox's 4K PNG) through n8n's own HTTP helper into n8n's filesystem byte store, once
// as any n8n node would (n8n) and once through the node's stream code (node), each with V8's own GC
// timing and with a full GC every --gc-every-ms (what is live, not what waits to be freed). Every run is a
// fresh Node 24 process (download-memory-run.js); the file server is this process.
// `npm run build` first (the node's stream code comes from dist/). Usage:
//   node tools/bench/download-memory.js [--files=20] [--gc-files=6] [--gc-every-ms=100] [--parallel=4] [--repeats=3] [--out=FILE.json]
// --gc-files: files in the runs with a forced GC (each GC stops the downloads; what is live settles
// within the first files). --gc-every-ms: between two forced GCs the downloads keep arriving, so on an
// idle machine, where loopback delivers tens of MiB per 100 ms, a shorter interval is what shows the
// data really live.
const { execFile, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { promisify } = require('node:util');

const { runtimePaths } = require('../n8n-runtime/install');
const { log } = require('./log');

const FILE_BYTES = Math.round(10.6 * 1048576);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const REPO_ROOT = path.join(__dirname, '..', '..');

/** @typedef {{ arrangement: 'n8n' | 'node', gcEveryMs: number }} Arrangement */
/** @param {number} gcEveryMs @returns {Arrangement[]} */
const arrangementsWithGcEvery = (gcEveryMs) => [
	{ arrangement: 'n8n', gcEveryMs: 0 },
	{ arrangement: 'node', gcEveryMs: 0 },
	{ arrangement: 'n8n', gcEveryMs },
	{ arrangement: 'node', gcEveryMs },
];

/** The node's own number of parallel downloads, from the built package. */
const shippedParallelDownloads = () => require(path.join(REPO_ROOT, 'dist/nodes/shared/transport/resultFiles.js')).MAX_PARALLEL_DOWNLOADS;

/** @param {string[]} argv */
function parseArgs(argv) {
	const flags = Object.fromEntries(argv.map((arg) => /^--([\w-]+)=(.*)$/.exec(arg)?.slice(1) ?? [arg, '']));
	const unknown = Object.keys(flags).find((flag) => !['files', 'gc-files', 'gc-every-ms', 'parallel', 'repeats', 'out'].includes(flag));
	if (unknown) throw new Error(`unknown flag ${unknown}; see the usage at the top of ${__filename}`);
	return { files: Number(flags.files ?? 20), gcFiles: Number(flags['gc-files'] ?? 6), gcEveryMs: Number(flags['gc-every-ms'] ?? 100), parallel: Number(flags.parallel ?? shippedParallelDownloads()), repeats: Number(flags.repeats ?? 3), out: flags.out };
}

/** Serves the same PNG-headed body of FILE_BYTES at every path, on a free loopback port. */
async function startFileServer() {
	const body = Buffer.alloc(FILE_BYTES, 0x5a);
	PNG_SIGNATURE.copy(body);
	const server = http.createServer((_request, response) => {
		response.writeHead(200, { 'content-type': 'image/png', 'content-length': body.length });
		response.end(body);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return { url: `http://127.0.0.1:${port}`, stop: () => new Promise((resolve) => server.close(resolve)) };
}

/**
 * One arrangement in a fresh Node 24 process; execFile's async form keeps this process's server serving.
 * @param {Arrangement} arrangement @param {{ url: string, files: number, parallel: number }} settings
 */
async function runOnce(arrangement, settings) {
	const { nodeBin, runtimeDir } = runtimePaths();
	const runSettings = { ...settings, ...arrangement, runtimeModules: path.join(runtimeDir, 'node_modules'), distDir: path.join(REPO_ROOT, 'dist') };
	const args = [...(arrangement.gcEveryMs ? ['--expose-gc'] : []), path.join(__dirname, 'download-memory-run.js'), JSON.stringify(runSettings)];
	const { stdout } = await promisify(execFile)(nodeBin, args, { maxBuffer: 1 << 20 });
	return JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
}

/** @param {number[]} values */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** @param {Arrangement} arrangement */
const labelOf = ({ arrangement, gcEveryMs }) => `${arrangement === 'node' ? "the node's stream code" : 'n8n alone'}, ${gcEveryMs ? `full GC every ${gcEveryMs} ms` : "V8's own GC timing"}`;

async function main() {
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist', 'nodes'))) throw new Error('dist/ is missing: run npm run build first');
	const { files, gcFiles, gcEveryMs, parallel, repeats, out } = parseArgs(process.argv.slice(2));
	const arrangements = arrangementsWithGcEvery(gcEveryMs);
	const server = await startFileServer();
	/** @type {Map<Arrangement, Array<Record<string, any>>>} */
	const results = new Map(arrangements.map((arrangement) => [arrangement, []]));
	try {
		for (let repeat = 1; repeat <= repeats; repeat++) {
			for (const arrangement of arrangements) {
				const result = await runOnce(arrangement, { url: server.url, files: arrangement.gcEveryMs ? gcFiles : files, parallel });
				log(`run ${repeat}, ${labelOf(arrangement)}: RSS +${result.rssOverStartMb} MiB, ArrayBuffers at most ${result.arrayBuffersMaxMb} MiB, GCs ${JSON.stringify(result.collections)}, ${result.seconds} s`);
				results.get(arrangement)?.push(result);
			}
		}
	} finally {
		await server.stop();
	}
	const summary = arrangements.map((arrangement) => summarize(arrangement, results.get(arrangement) ?? []));
	for (const line of summary) log(`${line.label}: peak RSS over start, median +${line.rssOverStartMedianMb} MiB (runs ${line.rssOverStartMb.join(', ')}); ArrayBuffers at most, median ${line.arrayBuffersMaxMedianMb} MiB`);
	if (out) fs.writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), files, gcFiles, gcEveryMs, parallel, fileBytes: FILE_BYTES, uptime: execFileSync('uptime').toString().trim(), summary, runs: Object.fromEntries([...results].map(([arrangement, runs]) => [labelOf(arrangement), runs])) }, null, 2)}\n`);
}

/** @param {Arrangement} arrangement @param {Array<Record<string, any>>} runs */
function summarize(arrangement, runs) {
	const rss = runs.map((run) => run.rssOverStartMb);
	const arrayBuffers = runs.map((run) => run.arrayBuffersMaxMb);
	return { label: labelOf(arrangement), ...arrangement, rssOverStartMb: rss, rssOverStartMedianMb: median(rss), arrayBuffersMaxMb: arrayBuffers, arrayBuffersMaxMedianMb: median(arrayBuffers) };
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
