// The LiangXin Image node in a real n8n 2.41.1: one workflow, three models of three kinds, against the
// sandbox running in this process; then n8n's node list, which must hold the node's AI tool variant.
import { MODEL_CONTRACTS } from '../../nodes/shared/models';
import type { Sandbox } from '../../tools/sandbox';
import type { N8nInstance, OutputItem } from './runtime';
import { SETUP_TIMEOUT_MS, useRealN8n } from './suite';
import { chain, liangXinNode, manualTrigger, type WorkflowNode } from './workflows';

const IMAGE_NODE_TYPE = 'n8n-nodes-liangxin.liangXinImage';
/** A tiny file with a PNG signature: what the sandbox checks a reference data URI's bytes by. */
const PHOTO = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('reference photo')]);

let sandbox: Sandbox;
let n8n: N8nInstance;
let workflowId: string;

const realN8n = useRealN8n('e2e-image');

/** A Set node holding the photo as base64, and Convert to File turning it into the binary property `photo`. */
function photoNodes(): WorkflowNode[] {
	return [
		{
			name: 'Photo (base64)',
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ photo: PHOTO.toString('base64') }), options: {} },
		},
		{
			name: 'Photo',
			type: 'n8n-nodes-base.convertToFile',
			typeVersion: 1.1,
			parameters: {
				operation: 'toBinary',
				sourceProperty: 'photo',
				binaryPropertyName: 'photo',
				options: { fileName: 'photo.png', mimeType: 'image/png' },
			},
		},
	];
}

const imageNode = (name: string, parameters: Record<string, unknown>): WorkflowNode => ({
	...liangXinNode(name, { operation: 'createAndWait', ...parameters }, realN8n().credentials[0]),
	type: IMAGE_NODE_TYPE,
});

beforeAll(async () => {
	({ sandbox, n8n } = realN8n());
	workflowId = await n8n.importWorkflow(
		chain('e2e LiangXin Image, three models', [
			manualTrigger(),
			...photoNodes(),
			imageNode('Flux', {
				model: 'flux-2-pro',
				prompt: 'a ceramic mug on linen, in the style of the photo',
				flux2ProFields: { width: 512, height: 512, seed: 7 },
				binaryImageProperties: 'photo',
			}),
			imageNode('Seedream Lite', {
				model: 'seedream-v5-lite',
				prompt: 'a glowing forest at midnight',
				inputFields: '{"aspect_ratio": "9:16", "strength": 0.4}',
			}),
			imageNode('Nano Banana', { model: 'nano-banana-pro', prompt: 'a watercolor fox', nanoBananaProFields: { resolution: '1K' } }),
		]),
	);
}, SETUP_TIMEOUT_MS);

async function expectBytesFromSandbox(item: OutputItem) {
	const taskId = item.json.taskId as string;
	expect(item.binary?.data).toMatchObject({ mimeType: 'image/png', fileName: `${taskId}-1.png` });
	expect(n8n.readBinary(item.binary!.data).equals(await sandbox.imageBytes(taskId))).toBe(true);
}

describe('LiangXin Image in a real n8n', () => {
	test('one workflow runs a typed model with a binary reference image, a JSON-input model and nano-banana-pro', async () => {
		const result = await n8n.execute(workflowId);

		expect(result.error).toBeUndefined();
		expect(result.ok).toBe(true);
		expect(sandbox.createCalls().map((call) => call.body)).toEqual([
			{
				model: 'flux-2-pro',
				input: {
					prompt: 'a ceramic mug on linen, in the style of the photo',
					width: 512,
					height: 512,
					seed: 7,
					reference_images: [`data:image/png;base64,${PHOTO.toString('base64')}`],
				},
			},
			{
				model: 'seedream-v5-lite',
				input: { aspect_ratio: '9:16', strength: 0.4, prompt: 'a glowing forest at midnight' },
			},
			{ model: 'nano-banana-pro', input: { prompt: 'a watercolor fox', resolution: '1K' } },
		]);
		for (const [name, model] of [['Flux', 'flux-2-pro'], ['Seedream Lite', 'seedream-v5-lite'], ['Nano Banana', 'nano-banana-pro']]) {
			const items = result.items(name);
			expect(items).toHaveLength(1);
			expect(items[0].json).toMatchObject({ model, status: 'success' });
			await expectBytesFromSandbox(items[0]);
		}
	});

	test('n8n lists the node, its models, and its AI tool variant liangXinImageTool', async () => {
		await n8n.start();
		await n8n.rest.setupOwnerAndLogin();
		const { status, body } = await n8n.rest.request('GET', '/types/nodes.json');
		expect(status).toBe(200);
		const types = body as Array<{ name: string; outputs: unknown; properties: Array<{ name: string; options?: any[] }> }>;
		const node = types.find((type) => type.name === IMAGE_NODE_TYPE);
		const tool = types.find((type) => type.name === `${IMAGE_NODE_TYPE}Tool`);
		expect(tool).toBeDefined();
		expect(JSON.stringify(tool!.outputs)).toContain('ai_tool');
		const models = node!.properties.find((property) => property.name === 'model');
		expect(models?.options?.map((option) => option.value)).toEqual([...MODEL_CONTRACTS.map((contract) => contract.model), 'other']);
	});
});
