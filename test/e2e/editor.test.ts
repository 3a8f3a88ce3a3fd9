// The nodes in n8n's editor, in a real (headless Debian) Chromium: the panels read in words (operations,
// models by product name, aspect ratios by shape), the canvas shows the subtitle `operation: model`,
// and a model setting added in the panel starts empty and is not sent when the workflow runs.
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { Locator } from 'playwright-core';

import { MODEL_CONTRACTS } from '../../nodes/shared/models';
import { dropdownItems, openEditor, visibleLabels, type EditorSession } from '../../tools/editor';
import { startSandbox, type Sandbox } from '../../tools/sandbox';
import { runtime, type N8nInstance } from './runtime';
import { chain, liangXinNode, manualTrigger } from './workflows';

const SETUP_TIMEOUT_MS = 15 * 60_000;
const OUTPUT_DIR = path.join(runtime.REPO_ROOT, 'test-output');
const NODE_NAME = 'LiangXin Nano Banana Pro';
const IMAGE_NODE_NAME = 'LiangXin Image';
const CREDENTIAL_NAME = 'LiangXin account';
const ASPECT_RATIOS = [
	'Square (1:1)',
	'Portrait (2:3)',
	'Landscape (3:2)',
	'Landscape (4:3)',
	'Portrait (3:4)',
	'Landscape (5:4)',
	'Portrait (4:5)',
	'Widescreen (16:9)',
	'Portrait (9:16)',
	'Ultrawide (21:9)',
];

let n8n: N8nInstance;
let sandbox: Sandbox;
let tarball: string | undefined;
let editor: EditorSession;
let credential: { id: string; name: string };

/** Nodes as the editor adds them today: at the image nodes' newest version. */
const NEWEST = { typeVersion: 1.1 };

const imageNode = (parameters: Record<string, unknown>) => ({
	...liangXinNode(IMAGE_NODE_NAME, parameters, credential, NEWEST),
	type: 'n8n-nodes-liangxin.liangXinImage',
});

async function createWorkflow(name: string, node: ReturnType<typeof liangXinNode>): Promise<string> {
	return (await n8n.rest.ok('POST', '/rest/workflows', chain(name, [manualTrigger(), node]))).data.id;
}

beforeAll(async () => {
	runtime.ensureRuntime((line) => console.log(line));
	tarball = runtime.packPackage({ log: () => {} });
	fs.mkdirSync(OUTPUT_DIR, { recursive: true });
	sandbox = await startSandbox({ taskDurationMs: 200 });
	n8n = runtime.createN8nInstance({
		tarball,
		logFile: path.join(OUTPUT_DIR, 'editor-n8n.log'),
		// The page is served over plain http://127.0.0.1.
		env: { N8N_SECURE_COOKIE: 'false' },
	});
	await n8n.start();
	await n8n.rest.setupOwnerAndLogin();
	credential = (
		await n8n.rest.ok('POST', '/rest/credentials', {
			name: CREDENTIAL_NAME,
			type: 'liangXinApi',
			data: { apiKey: sandbox.apiKey, baseUrl: sandbox.baseUrl },
		})
	).data;
	editor = await openEditor({ baseUrl: n8n.baseUrl!, cookie: n8n.rest.cookie! });
}, SETUP_TIMEOUT_MS);

afterAll(async () => {
	await editor?.close();
	await n8n?.cleanup();
	await sandbox?.close();
	runtime.removeTarball(tarball);
}, 60_000);

const screenshot = async (name: string) => await editor.screenshot(path.join(OUTPUT_DIR, `${name}.png`));
const inputOf = (parameters: Locator, name: string) => parameters.getByTestId(`parameter-input-${name}`).locator('textarea, input').first();

/** Waits until the canvas shows `subtitle` under the node, as n8n renders the node's subtitle expression. */
async function canvasShowsSubtitle(nodeName: string, subtitle: string) {
	const node = editor.page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
	await node.getByText(subtitle, { exact: true }).waitFor({ timeout: 10_000 });
}

/** Waits until the sandbox has received `count` createTask requests. */
async function createCallsReach(count: number, timeoutMs = 60_000) {
	const deadline = Date.now() + timeoutMs;
	while (sandbox.createCalls().length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
	return sandbox.createCalls();
}

test('the Nano Banana Pro panel reads in words: Generate Image, Square (1:1), 2K, the credential; the canvas says Generate Image: Nano Banana Pro', async () => {
	const id = await createWorkflow('Nano Banana Pro in the editor', liangXinNode(NODE_NAME, { prompt: 'A watercolor fox reading a newspaper' }, credential, NEWEST));
	const parameters = await editor.openNodePanel(id, NODE_NAME);

	expect(await visibleLabels(parameters)).toEqual(
		expect.arrayContaining(['Operation', 'Prompt', 'Aspect Ratio', 'Resolution', 'Images to Edit (URLs)', 'Input Binary Fields', 'Wait Mode']),
	);
	await expect(inputOf(parameters, 'operation').inputValue()).resolves.toBe('Generate Image');
	await expect(inputOf(parameters, 'aspectRatio').inputValue()).resolves.toBe('Square (1:1)');
	await expect(inputOf(parameters, 'resolution').inputValue()).resolves.toBe('2K');
	await expect(inputOf(parameters, 'prompt').inputValue()).resolves.toBe('A watercolor fox reading a newspaper');
	const credentialSelect = editor.page.getByTestId('ndv').getByTestId('node-credentials-select');
	await expect(credentialSelect.locator('input').first().inputValue()).resolves.toBe(CREDENTIAL_NAME);
	await screenshot('editor-node-panel');

	expect(await dropdownItems(editor.page, parameters.getByTestId('parameter-input-aspectRatio'))).toEqual(ASPECT_RATIOS);
	expect(await dropdownItems(editor.page, parameters.getByTestId('parameter-input-operation'))).toEqual(
		expect.arrayContaining(['Generate Image', 'Start Generation', 'Get Generation']),
	);
	await editor.page.keyboard.press('Escape');
	await canvasShowsSubtitle(NODE_NAME, 'Generate Image: Nano Banana Pro');
});

test('the LiangXin Image panel lists every model by product name and shows Flux 2 Pro\'s settings', async () => {
	const id = await createWorkflow(
		'LiangXin Image in the editor',
		imageNode({ model: 'flux-2-pro', prompt: 'A ceramic mug on linen', flux2ProFields: { width: 1024, height: 768, seed: 7 } }),
	);
	const parameters = await editor.openNodePanel(id, IMAGE_NODE_NAME);
	const labels = await visibleLabels(parameters);
	expect(labels).toEqual(expect.arrayContaining(['Operation', 'Model', 'Prompt', 'Model Settings', 'Width', 'Height', 'Seed', 'Input Binary Fields']));
	expect(labels).not.toContain('Model Settings (JSON)');
	await expect(inputOf(parameters, 'model').inputValue()).resolves.toBe('Flux 2 Pro');
	await screenshot('editor-image-node-panel');

	const models = await dropdownItems(editor.page, parameters.getByTestId('parameter-input-model'), async () => await screenshot('editor-image-models'));
	expect(models).toEqual([...MODEL_CONTRACTS.map((contract) => contract.name), 'Other']);
	await editor.page.keyboard.press('Escape');
	await canvasShowsSubtitle(IMAGE_NODE_NAME, 'Generate Image: Flux 2 Pro');
});

test('LiangXin Image with a Nano Banana model: Aspect Ratio and Resolution on top at their defaults, Callback URL among the Options', async () => {
	const id = await createWorkflow('Nano Banana in the LiangXin Image node', imageNode({ model: 'nano-banana-pro-flash', prompt: 'A paper boat' }));
	const parameters = await editor.openNodePanel(id, IMAGE_NODE_NAME);
	const labels = (await visibleLabels(parameters)).filter((label) => label !== 'Credential');
	expect(labels.slice(0, 5)).toEqual(['Operation', 'Model', 'Prompt', 'Aspect Ratio', 'Resolution']);
	expect(labels).not.toContain('Callback URL');
	await expect(inputOf(parameters, 'aspectRatio').inputValue()).resolves.toBe('Square (1:1)');
	await expect(inputOf(parameters, 'resolution').inputValue()).resolves.toBe('1K');
	const offered = await dropdownItems(editor.page, parameters.locator('input[placeholder="Add Option"]').locator('xpath=..'));
	expect(offered).toEqual(expect.arrayContaining(['Callback URL', 'Max Wait (Minutes)', 'Put Output in Field']));
	await editor.page.keyboard.press('Escape');
	await canvasShowsSubtitle(IMAGE_NODE_NAME, 'Generate Image: Nano Banana Pro Flash');
});

/** Picks `name` in the dropdown whose input shows `placeholder` (a collection's Add button). */
async function addSetting(parameters: Locator, placeholder: string, name: string) {
	const input = parameters.locator(`input[placeholder="${placeholder}"]`).first();
	await input.click();
	const list = editor.page.locator(`[id="${await input.getAttribute('aria-controls')}"]`);
	await list.locator('.el-select-dropdown__item', { hasText: new RegExp(`^${name}$`) }).click();
}

test('a setting added in the panel starts empty, and a run sends only what was set', async () => {
	const id = await createWorkflow(
		'An added setting in the editor',
		imageNode({ operation: 'createTask', model: 'imagen4-ultra', prompt: 'A lighthouse at dawn' }),
	);
	const parameters = await editor.openNodePanel(id, IMAGE_NODE_NAME);
	for (const setting of ['Seed', 'Compression Quality', 'Person Generation']) await addSetting(parameters, 'Add Setting', setting);
	await expect(inputOf(parameters, 'seed').inputValue()).resolves.toBe('');
	await expect(inputOf(parameters, 'compression_quality').inputValue()).resolves.toBe('');
	await expect(inputOf(parameters, 'person_generation').inputValue()).resolves.toBe('Default (Not Sent)');
	await screenshot('editor-added-settings');

	await editor.page.getByTestId('node-execute-button').first().click();
	const calls = await createCallsReach(1);
	expect(calls.map((call) => call.body)).toEqual([{ model: 'imagen4-ultra', input: { prompt: 'A lighthouse at dawn' } }]);
});

test("the trigger's panel names both image nodes and offers downloads only while callbacks are verified", async () => {
	const workflow = chain('LiangXin Trigger in the editor', [
		{ name: 'LiangXin Trigger', type: 'n8n-nodes-liangxin.liangXinTrigger', typeVersion: 1.1, parameters: { verifyWithApi: false } },
	]);
	const id = (await n8n.rest.ok('POST', '/rest/workflows', workflow)).data.id;
	const parameters = await editor.openNodePanel(id, 'LiangXin Trigger');
	const notice = await parameters.locator('.notice').first().innerText();
	for (const words of ['LiangXin Image', 'LiangXin Nano Banana Pro', 'Production URL', 'Test URL']) expect(notice).toContain(words);
	const offered = await dropdownItems(editor.page, parameters.locator('input[placeholder="Add Option"]').locator('xpath=..'));
	expect(offered).toEqual(expect.arrayContaining(['Include Raw Response']));
	expect(offered).not.toContain('Download Images');
	await editor.page.keyboard.press('Escape');
	await canvasShowsSubtitle('LiangXin Trigger', 'Task Succeeded, Task Failed');
});
