#!/usr/bin/env node
// @ts-check
'use strict';
// The editor test drives n8n in Debian's Chromium (never a downloaded browser). Used by `npm test`
// (tools/test-runner/cli.js) and by .ci/run: installs the `chromium` package when it is missing and this
// process may (root with apt-get), otherwise fails with the command to run.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');

const CHROMIUM = process.env.LIANGXIN_CHROMIUM ?? '/usr/bin/chromium';
const INSTALL_COMMAND = 'sudo apt-get update && sudo apt-get install -y chromium';

function canInstall() {
	return process.getuid?.() === 0 && fs.existsSync('/usr/bin/apt-get');
}

function ensureChromium(log = console.log) {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	if (process.env.LIANGXIN_CHROMIUM || !canInstall()) {
		throw new Error(`The editor test needs Chromium at ${CHROMIUM}. Install Debian's with: ${INSTALL_COMMAND} (or set LIANGXIN_CHROMIUM to a Chromium binary).`);
	}
	log("installing Debian's chromium for the editor test (apt-get, about a minute)");
	execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
	execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	return CHROMIUM;
}

module.exports = { ensureChromium };

if (require.main === module) {
	try {
		ensureChromium();
	} catch (error) {
		console.error(/** @type {Error} */ (error).message);
		process.exit(1);
	}
}
