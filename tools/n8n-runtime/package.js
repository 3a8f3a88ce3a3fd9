// @ts-check
'use strict';
// This package as n8n installs it: built and packed into a tarball, then installed from the tarball
// the way n8n's community-package installer does.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * @param {string[]} args @param {string} cwd @param {NodeJS.ProcessEnv} [env]
 * @returns {string} its stdout
 */
function runNpm(args, cwd, env = process.env) {
	try {
		return execFileSync('npm', args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
	} catch (error) {
		const { stdout = '', stderr = '' } = /** @type {{ stdout?: string, stderr?: string }} */ (error);
		throw new Error(`npm ${args.join(' ')} failed in ${cwd}:\n${stdout}${stderr}`);
	}
}

/**
 * `npm run build` + `npm pack` into a new temp dir; returns the tarball's absolute path.
 * @param {{ log?: (line: string) => void }} [options]
 */
function packPackage({ log = console.log } = {}) {
	log('building the package (npm run build)...');
	runNpm(['run', 'build'], REPO_ROOT);
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liangxin-pack-'));
	// The build just ran; --ignore-scripts keeps a future prepack script from building twice.
	const output = runNpm(['pack', '--ignore-scripts', '--json', '--pack-destination', dir], REPO_ROOT);
	const [{ filename }] = JSON.parse(output.slice(output.indexOf('[')));
	const tarball = path.join(dir, path.basename(filename));
	log(`packed ${tarball}`);
	return tarball;
}

/**
 * Removes a tarball made by packPackage and its temp dir.
 * @param {string | undefined} tarball
 */
function removeTarball(tarball) {
	if (tarball && path.basename(path.dirname(tarball)).startsWith('liangxin-pack-')) {
		fs.rmSync(path.dirname(tarball), { recursive: true, force: true });
	}
}

/** The flags n8n's installer runs `npm install` with inside the package. */
const N8N_INSTALL_FLAGS = ['--audit=false', '--fund=false', '--bin-links=false', '--install-strategy=shallow', '--ignore-scripts=true', '--package-lock=false'];

/**
 * Records the package in `<nodesDir>/package.json`, as n8n lists its community packages.
 * @param {string} nodesDir @param {{ name: string, version: string }} installed
 */
function recordInstalled(nodesDir, { name, version }) {
	const file = path.join(nodesDir, 'package.json');
	const list = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { name: 'installed-nodes', private: true, dependencies: {} };
	list.dependencies[name] = version;
	fs.writeFileSync(file, JSON.stringify(list, null, 2));
}

/**
 * Installs a package tarball under `<n8nFolder>/nodes` exactly as n8n 2.41's community-package
 * installer does (CommunityPackagesService.downloadPackage): extract into
 * node_modules/<name>, drop dev/peer/optional dependencies from its package.json, run
 * `npm install` with n8n's flags inside it, and record it in nodes/package.json.
 * @param {string} tarball @param {string} n8nFolder @param {NodeJS.ProcessEnv} env
 */
function installTarball(tarball, n8nFolder, env) {
	const nodesDir = path.join(n8nFolder, 'nodes');
	const staging = path.join(nodesDir, 'node_modules', '.staging');
	fs.mkdirSync(staging, { recursive: true });
	execFileSync('tar', ['-xzf', tarball, '-C', staging, '--strip-components=1']);
	const manifest = JSON.parse(fs.readFileSync(path.join(staging, 'package.json'), 'utf8'));
	for (const field of ['devDependencies', 'peerDependencies', 'optionalDependencies']) delete manifest[field];
	fs.writeFileSync(path.join(staging, 'package.json'), JSON.stringify(manifest, null, 2));
	const packageDir = path.join(nodesDir, 'node_modules', manifest.name);
	fs.renameSync(staging, packageDir);
	runNpm(['install', ...N8N_INSTALL_FLAGS], packageDir, env);
	recordInstalled(nodesDir, manifest);
	return { name: /** @type {string} */ (manifest.name), version: /** @type {string} */ (manifest.version), dir: packageDir };
}

module.exports = { REPO_ROOT, packPackage, removeTarball, installTarball };
