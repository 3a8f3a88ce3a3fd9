// An image node as an AI agent's tool: n8n registers a copy of the node type named `<type>Tool`
// (convertNodeToAiTool in n8n's tool generation) and runs its execute() when the agent calls it.
// An agent waits for the answer, so Pause Until Callback is refused, and the defaults suit an agent.
import type { INode, INodeParameters, INodeType } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { LiangXinImage } from '../../../../nodes/LiangXinImage/LiangXinImage.node';
import { LiangXinNanoBananaPro } from '../../../../nodes/LiangXinNanoBananaPro/LiangXinNanoBananaPro.node';
import { readMaxWaitMs } from '../../../../nodes/shared/parameters/fields';
import { LiangXinApi } from '../../../../credentials/LiangXinApi.credentials';
import { executeContext, runNode } from '../../../helpers/n8n';
import { useSandbox } from '../../../helpers/liangxin';

// About what the node outputs, not when it polls: its poll schedule runs on a faster clock.
jest.mock('../../../../nodes/shared/tasks/polling', () => jest.requireActual('../../../helpers/pollTimeScale').scaledPolling());

const sandbox = useSandbox({ taskDurationMs: 300 });

/** The node type as n8n registers it for an agent: the same node, its type name ending in `Tool`. */
function asTool(nodeType: INodeType): INodeType {
	return Object.assign(Object.create(nodeType) as INodeType, { description: { ...nodeType.description, name: `${nodeType.description.name}Tool` } });
}

async function runTool(nodeType: INodeType, parameters: INodeParameters) {
	return await runNode({
		node: nodeType,
		parameters,
		credentials: { liangXinApi: { apiKey: sandbox().apiKey, baseUrl: sandbox().baseUrl } },
		credentialTypes: [new LiangXinApi()],
	});
}

describe.each([
	['Nano Banana Pro', new LiangXinNanoBananaPro(), {}],
	['LiangXin Image', new LiangXinImage(), { model: 'nano-banana-pro' }],
])('the %s node as an AI tool', (_name, nodeType, model) => {
	const tool = asTool(nodeType);

	test('Pause Until Callback is refused with a clear error before anything is created', async () => {
		const result = await runTool(tool, { operation: 'createAndWait', ...model, waitMode: 'pause', prompt: 'a red kite', options: { allowLocalCallbackUrl: true } });
		expect(result.error?.message).toBe('Pause Until Callback cannot be used when an AI agent runs this node as a tool');
		expect((result.error as Error & { description?: string }).description).toContain('Set Wait Mode to Poll');
		expect(sandbox().log).toHaveLength(0);
	});

	test('Create & Wait returns the image URLs, downloading nothing unless Download Images is on', async () => {
		const urls = await runTool(tool, { operation: 'createAndWait', ...model, prompt: 'a red kite' });
		expect(urls.error).toBeUndefined();
		expect(urls.output[0].json).toMatchObject({ status: 'success', imageUrls: [expect.stringMatching(/^http/)] });
		expect(urls.output[0].binary).toBeUndefined();
		expect(sandbox().imageCalls()).toHaveLength(0);

		const files = await runTool(tool, { operation: 'createAndWait', ...model, prompt: 'a blue door', options: { downloadImages: true } });
		expect(files.output[0].binary?.data).toBeDefined();
	});

	test('the same node outside a tool still downloads by default', async () => {
		const result = await runTool(nodeType, { operation: 'createAndWait', ...model, prompt: 'a red kite' });
		expect(result.output[0].binary?.data).toBeDefined();
	});

	test('Max Wait is 5 minutes unless set; 10 outside a tool', () => {
		const maxWaitOf = (type: INodeType, options: INodeParameters = {}) =>
			readMaxWaitMs(executeContext({ node: type, parameters: { operation: 'createAndWait', prompt: 'a red kite', options } }), 0) / 60_000;
		expect(maxWaitOf(tool)).toBe(5);
		expect(maxWaitOf(tool, { maxWaitMinutes: 20 })).toBe(20);
		expect(maxWaitOf(nodeType)).toBe(10);
	});

	test('the panel explains it in a notice shown only in the tool', () => {
		const notice = nodeType.description.properties.find((property) => property.name === 'aiToolNotice')!;
		const shownIn = (type: INodeType) =>
			NodeHelpers.displayParameter({ operation: 'createAndWait' }, notice, { typeVersion: 1.1 } as INode, type.description);
		expect(notice.displayName).toContain('Pause Until Callback is refused');
		expect(shownIn(tool)).toBe(true);
		expect(shownIn(nodeType)).toBe(false);
	});

	test("the tool's description says how it behaves: polling, 5 minutes, image URLs", () => {
		const usable = nodeType.description.usableAsTool;
		const description = typeof usable === 'object' ? usable.replacements?.description : undefined;
		expect(description).toContain(nodeType.description.description);
		expect(description).toContain('waits by polling, up to 5 minutes per image unless Max Wait is set, and returns image URLs unless Download Images is on');
	});
});
