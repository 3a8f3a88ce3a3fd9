#!/usr/bin/env node
// @ts-check
'use strict';
// `npm run screenshots`: the panels the README shows, taken from the real n8n editor in Debian's
// Chromium with this package installed from its tarball, so that no picture shows a panel that no
// longer exists: both image nodes in both wait modes, and the trigger. Writes docs/*.png.
const { randomUUID } = require('node:crypto');
const path = require('node:path');

const { areaOf, dropdownItems, openEditor } = require('../editor');
const runtime = require('../n8n-runtime');

const DOCS = path.join(runtime.REPO_ROOT, 'docs');
const PACKAGE = 'n8n-nodes-liangxin';
const CREDENTIAL_NAME = 'LiangXin account';
const PROMPT = 'A watercolor fox reading a newspaper in a Kyoto café';
const PUBLIC_URL = 'https://n8n.example.com/';
/** Tall enough for a whole image node panel without scrolling. */
const VIEWPORT = { width: 1440, height: 1100 };

/**
 * @typedef {{ name: string, type: string, typeVersion: number, parameters: Record<string, unknown>, credentials?: Record<string, { id: string, name: string }> }} ShotNode
 * @typedef {{ file: string, node: ShotNode, openDropdown?: string, expand?: string }} Shot
 */

/**
 * The version n8n gives a new node of this package's `nodeName`, read from the built package.
 * @param {string} nodeName e.g. LiangXinImage
 */
function newestVersion(nodeName) {
	const built = require(path.join(runtime.REPO_ROOT, 'dist', 'nodes', nodeName, `${nodeName}.node.js`));
	const node = new (/** @type {new () => any} */ (Object.values(built)[0]))();
	const description = node.description ?? node.nodeVersions[node.currentVersion].description;
	return description.defaultVersion ?? Math.max(...[description.version].flat());
}

/**
 * @param {string} nodeName @param {string} name @param {Record<string, unknown>} parameters
 * @param {{ id: string, name: string }} credential
 * @returns {ShotNode}
 */
function liangXinNode(nodeName, name, parameters, credential) {
	const type = `${PACKAGE}.${nodeName.charAt(0).toLowerCase()}${nodeName.slice(1)}`;
	return { name, type, typeVersion: newestVersion(nodeName), parameters, credentials: { liangXinApi: credential } };
}

/** @param {{ id: string, name: string }} credential @returns {Shot[]} */
function shots(credential) {
	const image = { model: 'nano-banana-pro', prompt: PROMPT };
	const nanoBanana = { prompt: PROMPT };
	return [
		{ file: 'image-node-poll.png', node: liangXinNode('LiangXinImage', 'LiangXin Image', { ...image, waitMode: 'poll' }, credential) },
		{ file: 'image-node-pause.png', node: liangXinNode('LiangXinImage', 'LiangXin Image', { ...image, waitMode: 'pause' }, credential) },
		{ file: 'image-node-models.png', node: liangXinNode('LiangXinImage', 'LiangXin Image', image, credential), openDropdown: 'model' },
		{ file: 'nano-banana-pro-poll.png', node: liangXinNode('LiangXinNanoBananaPro', 'LiangXin Nano Banana Pro', { ...nanoBanana, waitMode: 'poll' }, credential) },
		{ file: 'nano-banana-pro-pause.png', node: liangXinNode('LiangXinNanoBananaPro', 'LiangXin Nano Banana Pro', { ...nanoBanana, waitMode: 'pause' }, credential) },
		{
			file: 'trigger.png',
			node: { ...liangXinNode('LiangXinTrigger', 'LiangXin Trigger', {}, credential), credentials: undefined },
			expand: '.webhooks .clickable',
		},
	];
}

/** A workflow of the shot's node, after a Manual Trigger unless it is a trigger itself. @param {Shot} shot */
function workflowOf(shot) {
	const start = { name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
	const nodes = /Trigger$/.test(shot.node.type) ? [shot.node] : [start, shot.node];
	const placed = nodes.map((node, index) => ({ id: randomUUID(), position: [index * 220, 0], ...node }));
	const connections = placed.length === 2 ? { Start: { main: [[{ node: shot.node.name, type: 'main', index: 0 }]] } } : {};
	return { name: `Screenshot: ${shot.file}`, nodes: placed, connections, settings: { executionOrder: 'v1' } };
}

/**
 * Opens each shot's node in the editor and writes its picture to docs/.
 * @param {import('../n8n-runtime').N8nInstance} n8n @param {Shot[]} list @param {(line: string) => void} log
 */
async function takeShots(n8n, list, log) {
	const editor = await openEditor({ baseUrl: /** @type {string} */ (n8n.baseUrl), cookie: /** @type {string} */ (n8n.rest.cookie), viewport: VIEWPORT });
	try {
		for (const shot of list) {
			const { id } = (await n8n.rest.ok('POST', '/rest/workflows', workflowOf(shot))).data;
			const parameters = await editor.openNodePanel(id, shot.node.name);
			if (shot.expand) await parameters.locator(shot.expand).first().click();
			await editor.page.mouse.move(VIEWPORT.width - 10, VIEWPORT.height - 10); // no hover effects
			// The parameters column from its tab row down to its last field: the input and output columns are empty here.
			const fields = await parameters.locator('[data-test-id="parameter-item"], .webhooks').all();
			const column = [editor.page.getByTestId('node-execute-button').first(), ...fields];
			const file = path.join(DOCS, shot.file);
			if (shot.openDropdown) {
				const field = parameters.getByTestId(`parameter-input-${shot.openDropdown}`);
				await dropdownItems(editor.page, field, async (list) => await editor.screenshot(file, await areaOf([...column, list])));
			} else {
				await editor.screenshot(file, await areaOf(column));
			}
			log(`wrote ${path.relative(runtime.REPO_ROOT, file)}`);
		}
	} finally {
		await editor.close();
	}
}

async function main() {
	const log = (/** @type {string} */ line) => console.log(line);
	runtime.ensureRuntime(log);
	const tarball = runtime.packPackage({ log });
	// The trigger shows its URLs as a public n8n would, from its webhook URL (both of n8n's names for it).
	const webhookUrl = { WEBHOOK_URL: PUBLIC_URL, N8N_WEBHOOK_URL: PUBLIC_URL };
	const n8n = runtime.createN8nInstance({ tarball, log, env: { N8N_SECURE_COOKIE: 'false', ...webhookUrl } });
	try {
		await n8n.start();
		await n8n.rest.setupOwnerAndLogin();
		// No LiangXin call happens: the credential only has to exist for the panels to show it.
		const credential = (
			await n8n.rest.ok('POST', '/rest/credentials', { name: CREDENTIAL_NAME, type: 'liangXinApi', data: { apiKey: 'screenshots', baseUrl: 'https://api.example.com' } })
		).data;
		await takeShots(n8n, shots({ id: credential.id, name: credential.name }), log);
	} finally {
		await n8n.cleanup();
		runtime.removeTarball(tarball);
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
