// @ts-check
'use strict';
// The n8n instances of a run, one per package build its variants need, each with the bench's
// credentials for the sandbox, and every workflow of the run imported into the instance that runs it.
const fs = require('node:fs');
const path = require('node:path');

const runtime = require('../n8n-runtime');
const { log } = require('./log');
const { NODE_NAME } = require('./outcomes');
const { resolutionOf } = require('./scenarios');
const { VARIANTS, packWrappedBuild } = require('./variants');
const { giveWebhookOwnPath } = require('./webhook-run');

const BENCH_DIR = path.join(runtime.REPO_ROOT, 'bench');
const IDLE_WORKFLOW = path.join(BENCH_DIR, 'idle.workflow.json');
const PLACEHOLDER_BASE_URL = 'https://api.liangxin.example';
const SUBJECTS = [
	'a watercolor fox reading a newspaper in a Kyoto cafe',
	'a tiny robot watering a bonsai tree, isometric 3D render',
	'a lighthouse at dusk, oil painting',
	'a bowl of ramen seen from above, studio light',
	'a paper boat on a rain puddle, macro photo',
];

/**
 * @typedef {import('./session').Session} Session
 * @typedef {import('./session').BenchInstance} BenchInstance
 * @typedef {import('./session').SandboxProcess} SandboxProcess
 * @typedef {import('./scenarios').PlannedRun} PlannedRun
 * @typedef {PlannedRun & { instance: BenchInstance, prompts: string[], workflow: Record<string, any>, workflowId: string, webhookPath?: string }} PreparedRun
 */

/**
 * The build a run needs: its variant's, except that the node in a scenario with a time scale runs the
 * time-scaled build (its schedule scaled like the sandbox's durations).
 * @param {PlannedRun} run @returns {import('./variants').Build}
 */
function buildOf({ scenario, variant }) {
	const info = VARIANTS[variant];
	if (!scenario.timeScale || info.kind !== 'node') return info.build;
	if (info.build !== 'shipped') throw new Error(`variant ${variant} cannot run at the time scale of ${scenario.name}`);
	return 'timeScaled';
}

/**
 * One n8n per build the plan needs ('shipped' always); the other builds are packed from `tarball`.
 * @param {Session} session @param {string} tarball @param {PlannedRun[]} plan @param {SandboxProcess} sandbox
 */
async function startInstances(session, tarball, plan, sandbox) {
	const builds = new Set(['shipped', ...plan.map(buildOf)]);
	for (const build of /** @type {Set<import('./variants').Build>} */ (builds)) {
		let buildTarball = tarball;
		if (build !== 'shipped') {
			buildTarball = packWrappedBuild(tarball, build);
			session.tarballs.push(buildTarball);
			log(`packed the ${build} build ${buildTarball}`);
		}
		const instance = runtime.createN8nInstance({ tarball: buildTarball, logFile: path.join(session.workDir, `n8n-${build}.log`) });
		log(`n8n (${build} build) user folder ${instance.userFolder}; N8N_DEFAULT_BINARY_DATA_MODE is ${process.env.N8N_DEFAULT_BINARY_DATA_MODE ? 'ignored by the runtime' : 'not set (n8n default)'}`);
		const [liangXin, headerAuth] = await instance.importCredentials([
			{ name: 'LiangXin account', type: 'liangXinApi', data: { apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl } },
			{ name: 'LiangXin header auth', type: 'httpHeaderAuth', data: { name: 'Authorization', value: `Bearer ${sandbox.apiKey}` } },
		]);
		session.instances.set(build, Object.assign(instance, { credentials: { liangXin, headerAuth } }));
	}
}

/**
 * Unique prompts, so that the sandbox's records tell every item's tasks apart.
 * @param {{ name: string, items: number }} scenario @param {string} label @param {string} runTag
 */
function promptsFor(scenario, label, runTag) {
	return Array.from({ length: scenario.items }, (_, index) => `bench ${runTag} ${scenario.name} ${label} item ${index + 1}: ${SUBJECTS[index % SUBJECTS.length]}`);
}

/**
 * A workflow file from bench/ with the credentials, the base URL and the items filled in, and every
 * Wait node's time at the scenario's time scale.
 * @param {string} file
 * @param {{ name: string, prompts: string[], resolutionOf: (index: number) => string, instance: BenchInstance, baseUrl: string, nodeOptions?: Record<string, unknown>, timeScale?: number }} fill
 */
function workflowFor(file, { name, prompts, resolutionOf, instance, baseUrl, nodeOptions, timeScale = 1 }) {
	const text = fs
		.readFileSync(file, 'utf8')
		.replaceAll('LIANGXIN_CREDENTIAL_ID', instance.credentials.liangXin.id)
		.replaceAll('HEADER_AUTH_CREDENTIAL_ID', instance.credentials.headerAuth.id)
		.replaceAll(PLACEHOLDER_BASE_URL, baseUrl);
	const workflow = JSON.parse(text);
	workflow.name = `${workflow.name} [${name}]`;
	const items = prompts.map((prompt, index) => ({ prompt, resolution: resolutionOf(index) }));
	/** @param {string} nodeName */
	const node = (nodeName) => workflow.nodes.find((/** @type {{ name: string }} */ candidate) => candidate.name === nodeName);
	node('Prompts').parameters.jsonOutput = JSON.stringify({ items });
	if (nodeOptions) Object.assign(node(NODE_NAME).parameters.options, nodeOptions);
	for (const wait of workflow.nodes.filter((/** @type {{ type: string }} */ candidate) => candidate.type === 'n8n-nodes-base.wait')) wait.parameters.amount *= timeScale;
	return workflow;
}

/**
 * Every workflow of the run, imported in one CLI call per n8n (webhook-started ones published), plus
 * the idle baseline's into the shipped n8n. Returns the runs ready to start and the idle workflow's ID.
 * @param {Session} session @param {PlannedRun[]} plan @param {string} baseUrl the sandbox's @param {string} runTag
 */
async function importWorkflows(session, plan, baseUrl, runTag) {
	const shipped = /** @type {BenchInstance} */ (session.instances.get('shipped'));
	const runs = plan.map((entry) => prepare(session, entry, baseUrl, runTag));
	const idleWorkflow = workflowFor(IDLE_WORKFLOW, { name: 'idle', prompts: promptsFor({ items: 20, name: 'idle' }, 'idle', runTag), resolutionOf: () => '4K', instance: shipped, baseUrl });
	let idleId = '';
	for (const instance of session.instances.values()) {
		const own = runs.filter((run) => run.instance === instance);
		const withIdle = instance === shipped;
		const ids = await instance.importWorkflows([...(withIdle ? [idleWorkflow] : []), ...own.map((run) => run.workflow)]);
		if (withIdle) idleId = /** @type {string} */ (ids.shift());
		own.forEach((run, index) => (run.workflowId = ids[index]));
		for (const run of own.filter((candidate) => candidate.webhookPath)) await instance.publishWorkflow(run.workflowId);
	}
	return { runs, idleId };
}

/** @param {Session} session @param {PlannedRun} entry @param {string} baseUrl @param {string} runTag @returns {PreparedRun} */
function prepare(session, entry, baseUrl, runTag) {
	const { scenario, variant, repeat } = entry;
	const info = VARIANTS[variant];
	const instance = /** @type {BenchInstance} */ (session.instances.get(buildOf(entry)));
	const prompts = promptsFor(scenario, `${variant}${repeat > 1 ? ` run ${repeat}` : ''}`, runTag);
	const name = `${scenario.name} ${variant} ${repeat}`;
	const file = scenario.media === 'video' ? info.videoWorkflow : info.workflow;
	if (!file) throw new Error(`variant ${variant} has no workflow for the video tasks of ${scenario.name}`);
	const workflow = workflowFor(path.join(BENCH_DIR, file), { name, prompts, resolutionOf: resolutionOf(scenario), instance, baseUrl, nodeOptions: info.nodeOptions, timeScale: scenario.timeScale });
	return { ...entry, instance, prompts, workflow, workflowId: '', webhookPath: info.throughWebhook ? giveWebhookOwnPath(workflow) : undefined };
}

module.exports = { BENCH_DIR, startInstances, importWorkflows, workflowFor };
