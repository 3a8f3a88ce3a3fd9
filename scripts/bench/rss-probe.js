'use strict';
// Preloaded into every n8n process of the benchmark (NODE_OPTIONS=--require <this file>).
// When BENCH_RSS_DIR is set, it writes the process's peak resident memory (VmHWM from
// /proc/self/status, the kernel's high-water mark of RSS) to <dir>/<pid>.json at exit, so the
// benchmark reads the peak of exactly the process that ran the workflow, just before it exits.
// It also samples VmRSS every 100 ms to record when the peak happened. No effect when unset.
const fs = require('node:fs');
const path = require('node:path');

const dir = process.env.BENCH_RSS_DIR;

function status() {
	const text = fs.readFileSync('/proc/self/status', 'utf8');
	const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
	return { vmHWMkB: field('VmHWM'), vmRSSkB: field('VmRSS') };
}

if (dir && process.platform === 'linux') {
	const startedAt = Date.now();
	let maxSampledRssKb = 0;
	let maxSampledAt = 0;
	const timer = setInterval(() => {
		try {
			const { vmRSSkB } = status();
			if (vmRSSkB > maxSampledRssKb) {
				maxSampledRssKb = vmRSSkB;
				maxSampledAt = Date.now();
			}
		} catch {
			// /proc unreadable: the exit record still has VmHWM
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
				binaryDataMode: process.env.N8N_DEFAULT_BINARY_DATA_MODE ?? null,
			};
			fs.writeFileSync(path.join(dir, `${process.pid}.json`), JSON.stringify(record));
		} catch {
			// never disturb the process that is exiting
		}
	});
}
