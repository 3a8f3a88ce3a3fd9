#!/usr/bin/env node
// @ts-check
'use strict';
// `npm run demo`: runs examples/nano-banana-pro-demo.json in a real n8n with this package installed
// from its tarball, against the LiangXin sandbox (or the real LiangXin when LIANGXIN_API_KEY and
// LIANGXIN_BASE_URL are set), and writes the images to demo-output/.
const fs = require('node:fs');
const path = require('node:path');

const runtime = require('../n8n-runtime');

const EXAMPLE = path.join(runtime.REPO_ROOT, 'examples', 'nano-banana-pro-demo.json');
const OUTPUT_DIR = path.join(runtime.REPO_ROOT, 'demo-output');
const LIANGXIN_NODE = 'LiangXin Nano Banana Pro';
const CREDENTIAL_NAME = 'LiangXin account';

/**
 * @typedef {import('../n8n-runtime').N8nInstance} N8nInstance
 * @typedef {import('../n8n-runtime').OutputItem} OutputItem
 * @typedef {{ apiKey: string, baseUrl: string, label: string, sandbox?: import('../sandbox').Sandbox, close: () => Promise<void> }} Target
 * @typedef {{ json: Record<string, any>, images: Array<{ file: string, bytes: number, size: ReturnType<typeof runtime.imageSize> }> }} Row
 */

/** @param {string} line */
const log = (line) => console.log(line);
/** @param {number} ms */
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/**
 * The LiangXin to talk to: the real one from the environment, else a sandbox in this process.
 * @returns {Promise<Target>}
 */
async function liangXinTarget() {
	const { LIANGXIN_API_KEY: apiKey, LIANGXIN_BASE_URL: baseUrl } = process.env;
	if (apiKey && baseUrl) return { apiKey, baseUrl, label: `LiangXin at ${baseUrl} (LIANGXIN_BASE_URL)`, close: async () => {} };
	const { startSandbox } = require('../sandbox');
	// Real pixel sizes, so that the summary shows what LiangXin would return.
	const sandbox = await startSandbox({ imageScale: 1 });
	return {
		apiKey: sandbox.apiKey,
		baseUrl: sandbox.baseUrl,
		label: `the LiangXin sandbox at ${sandbox.baseUrl} (set LIANGXIN_API_KEY and LIANGXIN_BASE_URL for the real one)`,
		sandbox,
		close: () => sandbox.close(),
	};
}

/**
 * The example as users import it, with its credential placeholder pointing at our credential.
 * @param {{ id: string, name: string }} credential
 */
function exampleWorkflow(credential) {
	const workflow = JSON.parse(fs.readFileSync(EXAMPLE, 'utf8'));
	for (const node of workflow.nodes) {
		if (node.credentials?.liangXinApi) node.credentials.liangXinApi = { id: credential.id, name: credential.name };
	}
	return workflow;
}

/** @param {any} error n8n's error of the run */
function describeError(error) {
	return [error?.message, error?.description].filter(Boolean).join('\n  ');
}

/**
 * Writes every binary property of the LiangXin node's items to OUTPUT_DIR; returns one row per item.
 * @param {N8nInstance} instance @param {OutputItem[]} items @returns {Row[]}
 */
function saveImages(instance, items) {
	return items.map((item) => {
		const images = Object.values(item.binary ?? {}).map((binary) => {
			const bytes = instance.readBinary(binary);
			const file = path.join(OUTPUT_DIR, path.basename(/** @type {string} the node names every image */ (binary.fileName)));
			fs.writeFileSync(file, bytes);
			return { file, bytes: bytes.length, size: runtime.imageSize(bytes) };
		});
		return { json: item.json, images };
	});
}

/** @param {Row[]} rows */
function printSummary(rows) {
	for (const { json, images } of rows) {
		log(`  ${json.taskId ?? '(no task)'}  ${json.state ?? json.error}  prompt: ${JSON.stringify(json.input?.prompt ?? '')}`);
		for (const image of images) {
			const pixels = image.size ? `${image.size.format} ${image.size.width}x${image.size.height} px` : 'unknown image format';
			log(`      ${path.relative(process.cwd(), image.file)}  ${image.bytes.toLocaleString('en')} bytes  ${pixels}`);
		}
	}
}

/**
 * Imports the credential and the example into `instance`, runs it, saves and prints its images.
 * @param {N8nInstance} instance @param {Target} target @param {<T>(label: string, work: () => Promise<T>) => Promise<T>} timed
 */
async function runExample(instance, target, timed) {
	const [credential] = await timed('import credential', () =>
		instance.importCredentials([{ name: CREDENTIAL_NAME, type: 'liangXinApi', data: { apiKey: target.apiKey, baseUrl: target.baseUrl } }]),
	);
	const workflowId = await timed('import workflow', () => instance.importWorkflow(exampleWorkflow(credential)));
	log(`running ${path.relative(runtime.REPO_ROOT, EXAMPLE)} with n8n execute...`);
	const result = await timed('n8n execute', () => instance.execute(workflowId));
	if (!result.ok) throw new Error(`the workflow failed: ${describeError(result.error)}\n  (n8n log: ${instance.logFile})`);
	const rows = saveImages(instance, result.items(LIANGXIN_NODE));
	log(`\n${rows.length} item(s) from "${LIANGXIN_NODE}":`);
	printSummary(rows);
	return rows;
}

async function main() {
	const started = Date.now();
	/** @type {string[]} */
	const timings = [];
	/** @type {<T>(label: string, work: () => Promise<T> | T) => Promise<T>} */
	const timed = async (label, work) => {
		const begin = Date.now();
		const result = await work();
		timings.push(`${label} ${seconds(Date.now() - begin)}`);
		return result;
	};
	fs.rmSync(OUTPUT_DIR, { recursive: true, force: true });
	fs.mkdirSync(OUTPUT_DIR, { recursive: true });
	const target = await liangXinTarget();
	/** @type {string | undefined} */
	let tarball;
	/** @type {N8nInstance | undefined} */
	let instance;
	const cleanup = async () => {
		await instance?.cleanup();
		await target.close();
		runtime.removeTarball(tarball);
	};
	for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => cleanup().finally(() => process.exit(130)));
	try {
		log(`LiangXin demo against ${target.label}`);
		await timed('runtime', () => runtime.ensureRuntime(log));
		tarball = await timed('build+pack', () => runtime.packPackage({ log }));
		instance = runtime.createN8nInstance({ tarball, logFile: path.join(OUTPUT_DIR, 'n8n.log'), log });
		const rows = await runExample(instance, target, timed);
		const { sandbox } = target;
		if (sandbox) log(`sandbox received ${sandbox.createCalls().length} createTask, ${sandbox.recordInfoCalls().length} recordInfo, ${sandbox.imageCalls().length} image request(s)`);
		log(`total ${seconds(Date.now() - started)} (${timings.join(', ')})`);
		const failed = rows.filter((row) => row.json.status !== 'success' || row.images.length === 0);
		if (rows.length === 0 || failed.length > 0) throw new Error(`${failed.length || 'no'} item(s) without a successful image`);
	} finally {
		await cleanup();
	}
}

main().catch((error) => {
	console.error(`demo failed: ${error.message}`);
	process.exitCode = 1;
});
