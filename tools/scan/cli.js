#!/usr/bin/env node
// @ts-check
'use strict';
// `npm run scan`: n8n's verification scanner (@n8n/scan-community-package) on local files, with its
// own ESLint configuration and file patterns: the packed tarball's contents, then the source files
// it lints (package.json and nodes/, credentials/). Any error or warning fails.
//
// Skipped, because they need a package published on npm: the scanner's registry download, its npm
// provenance check, and the fetch of the source commit the provenance attests. publish.yml publishes
// with --provenance so that those steps can pass once the version is on npm.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { REPO_ROOT, packPackage, removeTarball } = require('../n8n-runtime');

/** The scanner's default patterns, which `analyzePackage` applies to a package directory. */
const TARBALL_PATTERNS = ['**/*.js', '**/*.ts', '**/*.json'];

/**
 * @typedef {{ file: string, line: number, column: number, severity: 'error' | 'warning', message: string, rule: string }} Finding
 * @typedef {{ label: string, findings: Finding[], scannerPassed: boolean }} ScanReport
 * @typedef {object} Scanner the parts of n8n's scanner used here (it ships no types)
 * @property {string[]} SOURCE_FILE_PATTERNS
 * @property {() => Promise<import('eslint').Linter.Config[]>} buildScanConfig
 * @property {(dir: string, patterns: string[]) => Promise<{ passed: boolean }>} analyzePackage
 */

// Untyped packages, loaded by name so that tsc takes them as the types declared here.
const SCANNER_MODULE = '@n8n/scan-community-package/scanner/scanner.mjs';
const TMP_MODULE = 'tmp';

/** @returns {Promise<Scanner>} */
async function loadScanner() {
	// The scanner makes a temp dir when it is imported; let tmp remove it when this process exits.
	/** @type {{ setGracefulCleanup: () => void }} */ (require(TMP_MODULE)).setGracefulCleanup();
	return await import(SCANNER_MODULE);
}

/**
 * @param {string} tarball
 * @returns {string} the directory the tarball was extracted into
 */
function extractTarball(tarball) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liangxin-scan-'));
	execFileSync('tar', ['-xzf', tarball, '-C', dir, '--strip-components=1']);
	return dir;
}

/**
 * Lints `dir` exactly as the scanner's analyzePackage does, keeping every message (warnings too).
 * @param {Scanner} scanner @param {string} dir @param {string[]} patterns
 * @returns {Promise<Finding[]>}
 */
async function lint(scanner, dir, patterns) {
	const { ESLint } = require('eslint');
	const glob = require('fast-glob');
	const eslint = new ESLint({
		cwd: dir,
		allowInlineConfig: false,
		overrideConfigFile: true,
		overrideConfig: await scanner.buildScanConfig(),
	});
	const files = glob.sync(patterns, { cwd: dir, absolute: true, ignore: ['node_modules/**', '**/package-lock.json'] });
	const results = await eslint.lintFiles(files);
	return results.flatMap((result) =>
		result.messages.map((message) => ({
			file: path.relative(dir, result.filePath),
			line: message.line,
			column: message.column,
			severity: /** @type {Finding['severity']} */ (message.severity === 2 ? 'error' : 'warning'),
			message: message.message,
			rule: message.ruleId ?? 'parse',
		})),
	);
}

/**
 * @param {Scanner} scanner @param {string} label @param {string} dir @param {string[]} patterns
 * @returns {Promise<ScanReport>}
 */
async function scanDirectory(scanner, label, dir, patterns) {
	const findings = await lint(scanner, dir, patterns);
	const { passed } = await scanner.analyzePackage(dir, patterns);
	return { label, findings, scannerPassed: passed };
}

/** @param {ScanReport} report */
function printReport({ label, findings, scannerPassed }) {
	const errors = findings.filter((finding) => finding.severity === 'error').length;
	console.log(`${label}: errors ${errors}, warnings ${findings.length - errors}${scannerPassed ? '' : ' (the scanner fails it)'}`);
	for (const { file, line, column, severity, message, rule } of findings) {
		console.log(`  ${file}:${line}:${column}  ${severity}  ${message}  (${rule})`);
	}
}

async function main() {
	const scanner = await loadScanner();
	const tarball = packPackage({ log: () => {} });
	const unpacked = extractTarball(tarball);
	try {
		const reports = [
			await scanDirectory(scanner, `tarball ${path.basename(tarball)}`, unpacked, TARBALL_PATTERNS),
			await scanDirectory(scanner, 'source', REPO_ROOT, scanner.SOURCE_FILE_PATTERNS),
		];
		reports.forEach(printReport);
		console.log('Skipped: the registry download, the npm provenance check and the attested-source fetch (they need a published package).');
		const clean = reports.every((report) => report.scannerPassed && report.findings.length === 0);
		console.log(clean ? 'scan passed' : 'scan failed');
		return clean ? 0 : 1;
	} finally {
		fs.rmSync(unpacked, { recursive: true, force: true });
		removeTarball(tarball);
	}
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
