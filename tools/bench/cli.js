#!/usr/bin/env node
// @ts-check
'use strict';
// `npm run bench`: the LiangXin node (Create & Wait) side by side with other ways of running a batch
// (variants.js), all in a real n8n 2.41.1 against the LiangXin sandbox. See bench/README.md.
const path = require('node:path');

const { BENCH_DIR } = require('./instances');
const { runBench } = require('./run');
const { planRuns } = require('./scenarios');

const USAGE = `Usage: node tools/bench/cli.js [flags]   (npm run bench -- [flags])
Writes results.json, results-details.json, RESULTS.md and results.svg (bench/README.md says what each holds).

  (no flag)                  every scenario but n1000 (full run), into bench/
  --large                    also n1000
  --quick                    n10 only, results under bench/quick/; for CI
  --only=n50,n1              some scenarios (results under bench/partial/)
  --variants=node,oneAtATime these variants in every scenario run (results under bench/partial/)
  --without=oneAtATime       a full run minus these variants (RESULTS.md names them)
  --only=n50 --variants=pauseMode,node   Wait Mode Pause Until Callback (runs in \`n8n start\`; also in tail-50 and n200)
  --tarball=PATH             use this package tarball instead of build + pack
  --out=DIR                  write the results into DIR
  --strict                   also fail when a performance target is not met

Exit code 1 when the node lost an item or created a duplicate task in any scenario (also in --quick),
or when the benchmark itself failed. Performance targets are reported, not enforced, unless --strict.`;

/**
 * @typedef {{ quick: boolean, strict: boolean, large: boolean, help: boolean, only: string[] | null,
 *   variants: string[] | null, without: string[], tarball: string | null, out: string | null }} BenchArgs
 */

/** @param {string} value a comma-separated list */
const list = (value) => value.split(',').map((name) => name.trim());

/** @param {string[]} argv @returns {BenchArgs} */
function parseArgs(argv) {
	/** @type {BenchArgs} */
	const args = { quick: false, strict: false, large: false, help: false, only: null, variants: null, without: [], tarball: null, out: null };
	for (const arg of argv) {
		const [flag, value = ''] = arg.split(/=(.*)/s);
		if (flag === '--quick') args.quick = true;
		else if (flag === '--strict') args.strict = true;
		else if (flag === '--large') args.large = true;
		else if (flag === '--variants') args.variants = list(value);
		else if (flag === '--without') args.without = list(value);
		else if (flag === '--only') args.only = list(value);
		else if (flag === '--tarball') args.tarball = path.resolve(value);
		else if (flag === '--out') args.out = path.resolve(value);
		else if (flag === '--help' || flag === '-h') args.help = true;
		else throw new Error(`unknown argument ${arg}\n\n${USAGE}`);
	}
	return args;
}

/** @param {BenchArgs} args @param {boolean} full */
function modeOf(args, full) {
	if (args.quick) return 'quick';
	if (!full) return `only ${args.only}`;
	return args.without.length ? `full without ${args.without}` : 'full';
}

/** @param {BenchArgs} args @param {boolean} full */
function outDirOf(args, full) {
	return args.out ?? (args.quick ? path.join(BENCH_DIR, 'quick') : full ? BENCH_DIR : path.join(BENCH_DIR, 'partial'));
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (args.help) {
		console.log(USAGE);
		return 0;
	}
	const { plan, full, withControl } = planRuns(args);
	const { tarball, without, strict } = args;
	return await runBench({ plan, withControl, mode: modeOf(args, full), outDir: outDirOf(args, full), tarball, without, strict });
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`bench failed: ${error.stack ?? error}`);
		process.exit(1);
	},
);
