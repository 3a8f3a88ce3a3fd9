// @ts-check
'use strict';
// n8n's editor in Debian's Chromium, driven through playwright-core, for the editor test and the
// screenshots script: a logged-in page, a node's panel opened from its canvas, its visible labels and a
// dropdown's items.
const fs = require('node:fs');
const os = require('node:os');

const { chromium, selectors } = require('playwright-core');

const CHROMIUM = process.env.LIANGXIN_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
const CANVAS_TIMEOUT_MS = 90_000;

/**
 * @typedef {import('playwright-core').Page} Page
 * @typedef {import('playwright-core').Locator} Locator
 * @typedef {{ x: number, y: number, width: number, height: number }} Clip
 * @typedef {object} EditorSession
 * @property {Page} page
 * @property {(workflowId: string, nodeName: string) => Promise<Locator>} openNodePanel opens the node's panel; answers its parameters
 * @property {(file: string, clip?: Clip) => Promise<void>} screenshot a PNG of the page (or of the `clip` area), animations off
 * @property {() => Promise<void>} close leaves the page (releasing n8n's write lock on the workflow) and ends the browser
 */

/**
 * A fresh headless Chromium logged in to the n8n at `baseUrl` with the owner's `n8n-auth` cookie.
 * @param {{ baseUrl: string, cookie: string, viewport?: { width: number, height: number } }} options
 * @returns {Promise<EditorSession>}
 */
async function openEditor({ baseUrl, cookie, viewport = { width: 1440, height: 900 } }) {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`no Chromium at ${CHROMIUM}: apt-get update && apt-get install -y chromium (or set LIANGXIN_CHROMIUM)`);
	}
	const userDataDir = fs.mkdtempSync(`${os.tmpdir()}/liangxin-chromium-`);
	selectors.setTestIdAttribute('data-test-id');
	const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport });
	const [name, value] = cookie.split(/=(.*)/s);
	await context.addCookies([{ name, value, url: baseUrl }]);
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		page,
		openNodePanel: (workflowId, nodeName) => openNodePanel(page, `${baseUrl}/workflow/${workflowId}`, nodeName),
		screenshot: async (file, clip) => {
			await page.screenshot({ path: file, animations: 'disabled', clip });
		},
		close: async () => {
			await page.goto('about:blank').catch(() => undefined);
			await context.close().catch(() => undefined);
			fs.rmSync(userDataDir, { recursive: true, force: true });
		},
	};
}

/**
 * Opens the workflow, double-clicks the node and waits until its panel is editable.
 * @param {Page} page @param {string} url @param {string} nodeName
 */
async function openNodePanel(page, url, nodeName) {
	await page.goto(url);
	const canvasNode = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
	await canvasNode.waitFor({ timeout: CANVAS_TIMEOUT_MS });
	await canvasNode.dblclick();
	const panel = page.getByTestId('ndv');
	await panel.waitFor();
	await page.getByTestId('node-execute-button').first().waitFor();
	return panel.getByTestId('node-parameters');
}

/**
 * The area around every given element shown, `margin` pixels wider on each side (e.g. a panel and its open dropdown).
 * @param {Locator[]} elements @param {number} [margin]
 * @returns {Promise<Clip>}
 */
async function areaOf(elements, margin = 8) {
	const boxes = [];
	for (const element of elements) {
		const box = await element.boundingBox();
		if (box && box.width > 0 && box.height > 0) boxes.push(box);
	}
	const left = Math.min(...boxes.map((box) => box.x)) - margin;
	const top = Math.min(...boxes.map((box) => box.y)) - margin;
	const right = Math.max(...boxes.map((box) => box.x + box.width)) + margin;
	const bottom = Math.max(...boxes.map((box) => box.y + box.height)) + margin;
	return { x: Math.max(0, left), y: Math.max(0, top), width: right - Math.max(0, left), height: bottom - Math.max(0, top) };
}

/**
 * The labels a user sees in a panel (the Settings tab's fields are in the page too, hidden).
 * @param {Locator} panel
 */
async function visibleLabels(panel) {
	/** @type {string[]} */
	const texts = [];
	for (const label of await panel.locator('label.n8n-input-label .n8n-text').all()) {
		if (await label.isVisible()) texts.push((await label.innerText()).trim());
	}
	return texts;
}

/**
 * The items of an element-plus dropdown: opens it, reads the list its input controls, closes it.
 * @param {Page} page @param {Locator} field @param {(list: Locator) => Promise<void>} [whileOpen] e.g. a screenshot
 */
async function dropdownItems(page, field, whileOpen) {
	const input = field.locator('input').first();
	await input.click();
	const listId = await input.getAttribute('aria-controls');
	const list = page.locator(`[id="${listId}"]`);
	const items = list.locator('.el-select-dropdown__item');
	await items.first().waitFor();
	if (whileOpen) await whileOpen(list);
	const texts = (await items.allInnerTexts()).map((text) => text.split('\n')[0].trim());
	await page.keyboard.press('Escape');
	await items.first().waitFor({ state: 'hidden' });
	return texts;
}

module.exports = { CHROMIUM, openEditor, areaOf, visibleLabels, dropdownItems };
