// The nodes in n8n's editor, in a real (headless Debian) Chromium: the Nano Banana Pro panel shows the
// operation selector, Prompt, Aspect Ratio with its 10 values, Resolution and the credential selector;
// the LiangXin Image panel lists every model and shows flux-2-pro's fields.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { chromium, selectors, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

import { MODEL_CONTRACTS } from '../../nodes/shared/models';
import { runtime, type N8nInstance } from './runtime';
import { chain, liangXinNode, manualTrigger } from './workflows';

const CHROMIUM = process.env.LIANGXIN_CHROMIUM ?? '/usr/bin/chromium';
const SETUP_TIMEOUT_MS = 15 * 60_000;
const OUTPUT_DIR = path.join(runtime.REPO_ROOT, 'test-output');
const DOCS_SCREENSHOT = path.join(runtime.REPO_ROOT, 'docs', 'node-panel.png');
const NODE_NAME = 'LiangXin Nano Banana Pro';
const IMAGE_NODE_NAME = 'LiangXin Image';
const IMAGE_SCREENSHOT = path.join(runtime.REPO_ROOT, 'docs', 'image-node-panel.png');
const CREDENTIAL_NAME = 'LiangXin account';
const ASPECT_RATIOS = ['1:1', '2:3', '3:2', '4:3', '3:4', '5:4', '4:5', '16:9', '9:16', '21:9'];
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];

let n8n: N8nInstance;
let tarball: string | undefined;
let browser: Browser | undefined;
let context: BrowserContext | undefined;
let page: Page;
let userDataDir: string | undefined;
let workflowId: string;
let imageWorkflowId: string;

beforeAll(async () => {
	if (!fs.existsSync(CHROMIUM)) {
		throw new Error(`no Chromium at ${CHROMIUM}: apt-get update && apt-get install -y chromium (or set LIANGXIN_CHROMIUM)`);
	}
	runtime.ensureRuntime((line) => console.log(line));
	tarball = runtime.packPackage({ log: () => {} });
	fs.mkdirSync(OUTPUT_DIR, { recursive: true });
	n8n = runtime.createN8nInstance({
		tarball,
		logFile: path.join(OUTPUT_DIR, 'editor-n8n.log'),
		// The page is served over plain http://127.0.0.1.
		env: { N8N_SECURE_COOKIE: 'false' },
	});
	await n8n.start();
	await n8n.rest.setupOwnerAndLogin();

	// No LiangXin call happens in this test: the credential only has to exist.
	const credential = await n8n.rest.ok('POST', '/rest/credentials', {
		name: CREDENTIAL_NAME,
		type: 'liangXinApi',
		data: { apiKey: 'editor-test-key', baseUrl: 'http://127.0.0.1:9' },
	});
	const workflow = chain('LiangXin in the editor', [
		manualTrigger(),
		liangXinNode(NODE_NAME, { prompt: 'A watercolor fox reading a newspaper' }, credential.data),
	]);
	workflowId = (await n8n.rest.ok('POST', '/rest/workflows', workflow)).data.id;
	const imageWorkflow = chain('LiangXin Image in the editor', [
		manualTrigger(),
		{
			...liangXinNode(
				IMAGE_NODE_NAME,
				{ model: 'flux-2-pro', prompt: 'A ceramic mug on linen', flux2ProFields: { width: 1024, height: 768, seed: 7 } },
				credential.data,
			),
			type: 'n8n-nodes-liangxin.liangXinImage',
		},
	]);
	imageWorkflowId = (await n8n.rest.ok('POST', '/rest/workflows', imageWorkflow)).data.id;

	userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liangxin-chromium-'));
	selectors.setTestIdAttribute('data-test-id');
	const persistent = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		headless: true,
		args: CHROMIUM_ARGS,
		viewport: { width: 1440, height: 900 },
	});
	context = persistent;
	browser = persistent.browser() ?? undefined;
	const [name, value] = n8n.rest.cookie!.split(/=(.*)/s);
	await context.addCookies([{ name, value, url: n8n.baseUrl! }]);
	page = context.pages()[0] ?? (await context.newPage());
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	// Leaving the page releases n8n's collaboration write lock on the workflow.
	await page?.goto('about:blank').catch(() => undefined);
	await context?.close().catch(() => undefined);
	await browser?.close().catch(() => undefined);
	await n8n?.cleanup();
	runtime.removeTarball(tarball);
	if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
}, 60_000);

/** Opens a workflow and its node's panel; answers the panel's parameters. */
async function openNodePanel(id: string, nodeName: string, canvasScreenshot?: string): Promise<Locator> {
	await page.goto(`${n8n.baseUrl}/workflow/${id}`);
	const canvasNode = page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
	await canvasNode.waitFor({ timeout: 90_000 });
	if (canvasScreenshot) await screenshot(canvasScreenshot);
	await canvasNode.dblclick();
	const panel = page.getByTestId('ndv');
	await panel.waitFor();
	await page.getByTestId('node-execute-button').first().waitFor();
	return panel.getByTestId('node-parameters');
}

async function screenshot(name: string, target: Page | Locator = page) {
	await target.screenshot({ path: path.join(OUTPUT_DIR, `${name}.png`), animations: 'disabled' });
}

async function visibleLabels(panel: Locator): Promise<string[]> {
	const labels = panel.locator('label.n8n-input-label .n8n-text');
	const texts: string[] = [];
	for (const label of await labels.all()) {
		if (await label.isVisible()) texts.push((await label.innerText()).trim());
	}
	return texts;
}

/** The items of an element-plus dropdown: open it, read the popper its input controls, close it. */
async function dropdownItems(field: Locator, screenshotName: string): Promise<string[]> {
	const input = field.locator('input').first();
	await input.click();
	const listId = await input.getAttribute('aria-controls');
	const items = page.locator(`[id="${listId}"] .el-select-dropdown__item`);
	await items.first().waitFor();
	await screenshot(screenshotName);
	const texts = (await items.allInnerTexts()).map((text) => text.split('\n')[0].trim());
	await page.keyboard.press('Escape');
	await items.first().waitFor({ state: 'hidden' });
	return texts;
}

test('the node panel shows the operation, Prompt, Aspect Ratio (10 values), Resolution and the credential', async () => {
	const parameters = await openNodePanel(workflowId, NODE_NAME, 'editor-canvas');
	const panel = page.getByTestId('ndv');

	const labels = await visibleLabels(parameters);
	expect(labels).toEqual(expect.arrayContaining(['Operation', 'Prompt', 'Aspect Ratio', 'Resolution']));
	for (const name of ['operation', 'prompt', 'aspectRatio', 'resolution']) {
		await expect(parameters.getByTestId(`parameter-input-${name}`).isVisible()).resolves.toBe(true);
	}
	await expect(parameters.getByTestId('parameter-input-operation').locator('input').first().inputValue()).resolves.toBe(
		'Create & Wait',
	);
	await expect(parameters.getByTestId('parameter-input-aspectRatio').locator('input').first().inputValue()).resolves.toBe('1:1');
	await expect(parameters.getByTestId('parameter-input-resolution').locator('input').first().inputValue()).resolves.toBe('2K');
	await expect(parameters.getByTestId('parameter-input-prompt').locator('textarea, input').first().inputValue()).resolves.toBe(
		'A watercolor fox reading a newspaper',
	);

	const credentialSelect = panel.getByTestId('node-credentials-select');
	await expect(credentialSelect.isVisible()).resolves.toBe(true);
	await expect(credentialSelect.locator('input').first().inputValue()).resolves.toBe(CREDENTIAL_NAME);

	await page.mouse.move(1400, 880); // no hover effects in the screenshots
	await screenshot('editor-node-panel');
	fs.mkdirSync(path.dirname(DOCS_SCREENSHOT), { recursive: true });
	await page.screenshot({ path: DOCS_SCREENSHOT, animations: 'disabled' });

	const aspectRatios = await dropdownItems(parameters.getByTestId('parameter-input-aspectRatio'), 'editor-aspect-ratios');
	expect(aspectRatios).toEqual(ASPECT_RATIOS);
	const operations = await dropdownItems(parameters.getByTestId('parameter-input-operation'), 'editor-operations');
	expect(operations).toEqual(expect.arrayContaining(['Create & Wait', 'Create Task', 'Get Task']));
});

test('the LiangXin Image panel lists every model and Other, and shows flux-2-pro\'s fields', async () => {
	const parameters = await openNodePanel(imageWorkflowId, IMAGE_NODE_NAME);
	const labels = await visibleLabels(parameters);
	expect(labels).toEqual(expect.arrayContaining(['Operation', 'Model', 'Prompt', 'Input Fields', 'Width', 'Height', 'Seed', 'Binary Image Properties']));
	expect(labels).not.toContain('Input Fields (JSON)');
	await expect(parameters.getByTestId('parameter-input-model').locator('input').first().inputValue()).resolves.toBe('flux-2-pro');

	await page.mouse.move(1400, 880);
	await screenshot('editor-image-node-panel');
	await page.screenshot({ path: IMAGE_SCREENSHOT, animations: 'disabled' });

	const models = await dropdownItems(parameters.getByTestId('parameter-input-model'), 'editor-image-models');
	expect(models).toEqual([...MODEL_CONTRACTS.map((contract) => contract.model), 'Other']);
});
