// @ts-check
'use strict';
// Drives a real n8n (a tested runtime of install.js) for the demo, the bench and the e2e suites: pack
// this package, install the tarball the way n8n's community-package installer does, import
// credentials and workflows, run `n8n execute`, start `n8n start` (or a queue-mode worker or webhook
// processor) and talk to its REST API. Every n8n process runs in its own process group and is killed
// with it, also on a crash.
const { executionResult } = require('./execution');
const { imageSize } = require('./image-size');
const install = require('./install');
const { createN8nInstance } = require('./instance');
const { REPO_ROOT, packPackage, removeTarball } = require('./package');
const { freePort, spawnGroup, stopGroup } = require('./processes');

/**
 * @typedef {import('./instance').N8nInstance} N8nInstance
 * @typedef {import('./instance').CredentialInput} CredentialInput
 * @typedef {import('./execution').ExecutionResult} ExecutionResult
 * @typedef {import('./execution').OutputItem} OutputItem
 * @typedef {import('./execution').BinaryRef} BinaryRef
 * @typedef {import('./server').ServerCommand} ServerCommand
 */

/**
 * Installs the runtime (LIANGXIN_N8N_VERSION, else 2.41.1) on first use (~6 min), then returns its paths at once.
 * @param {(line: string) => void} [log] @param {string} [version]
 */
function ensureRuntime(log = console.log, version = install.selectedVersion()) {
	return install.ensureRuntime(log, version);
}

module.exports = {
	REPO_ROOT,
	ensureRuntime,
	packPackage,
	removeTarball,
	createN8nInstance,
	executionResult,
	spawnGroup,
	stopGroup,
	freePort,
	imageSize,
};
