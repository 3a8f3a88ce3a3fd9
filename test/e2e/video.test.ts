// The LiangXin Video node in a real n8n: kling-v3-pro against the sandbox (video jobs of 1-6 minutes
// run in 1-6 s) in both wait modes, each storing the sandbox's MP4 as a binary file; an HTML answer and
// a video over Max File Size refused with the task named; n8n's node list with the AI tool variant.
import type { Sandbox } from '../../tools/sandbox';
import { isoBmffBoxes } from '../helpers/video';
import { GENERATE, noOp, pauseRuns, webhookStart } from './pauseRuns';
import { createApiKey, executionDetails } from './queue/executions';
import type { N8nInstance, OutputItem } from './runtime';
import { SETUP_TIMEOUT_MS, useRealN8n } from './suite';
import { chain, example, itemsNodes, liangXinNode, manualTrigger } from './workflows';

const VIDEO_NODE_TYPE = 'n8n-nodes-liangxin.liangXinVideo';
const MB = 1024 * 1024;
const CLIPS = ['a red kite over the sea', 'a paper boat on a puddle'];

let sandbox: Sandbox;
let n8n: N8nInstance;
const workflows: Record<string, string> = {};

const realN8n = useRealN8n('e2e-video', { sandboxOptions: { durationScale: 1 / 60 } });

const videoNode = (name: string, parameters: Record<string, unknown>) => ({ ...liangXinNode(name, parameters, realN8n().credentials[0]), type: VIDEO_NODE_TYPE, typeVersion: 1.1 });

beforeAll(async () => {
	({ sandbox, n8n } = realN8n());
	workflows.poll = await n8n.importWorkflow(example('video-kling-3-pro.json', realN8n().credentials[0]));
	workflows.getTask = await n8n.importWorkflow(
		chain('e2e video: Create Task, wait, Get Task', [
			manualTrigger(),
			videoNode('Create', { operation: 'createTask', prompt: 'a clip to refuse' }),
			{ name: 'Wait', type: 'n8n-nodes-base.wait', typeVersion: 1.1, webhookId: 'e2e-video-wait', parameters: { amount: 8, unit: 'seconds' } },
			videoNode('Get', { operation: 'getTask', taskId: '={{ $json.taskId }}', options: { downloadVideos: true, maxFileSizeMb: 1 } }),
		]),
	);
	const pause = chain('e2e video: Pause Until Callback', [
		webhookStart('video-pause'),
		...itemsNodes('Prompts', CLIPS.map((prompt) => ({ prompt }))),
		videoNode(GENERATE, { operation: 'createAndWait', waitMode: 'pause', prompt: '={{ $json.prompt }}', options: { allowLocalCallbackUrl: true } }),
		noOp('Results'),
	]);
	workflows['video-pause'] = await n8n.importWorkflow(pause);
	await n8n.publishWorkflow(workflows['video-pause']);
}, SETUP_TIMEOUT_MS);

function expectSandboxMp4(item: OutputItem) {
	const taskId = item.json.taskId as string;
	expect(item.json).toMatchObject({ model: 'kling-v3-pro', status: 'success' });
	expect(item.binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${taskId}-1.mp4` });
	const stored = n8n.readBinary(item.binary!.data);
	expect(stored.equals(sandbox.videoBytes(taskId))).toBe(true);
	expect(isoBmffBoxes(stored)[0].type).toBe('ftyp');
}

describe('LiangXin Video in a real n8n', () => {
	test('Wait Mode Poll: the example workflow runs kling-v3-pro and stores its MP4', async () => {
		const result = await n8n.execute(workflows.poll);
		expect(result.error).toBeUndefined();
		expect(sandbox.createCalls().map((call) => call.body)).toEqual([
			{ model: 'kling-v3-pro', input: { prompt: 'A cinematic coffee commercial: a ceramic cup on a wooden table, morning light, slow push-in' } },
		]);
		const items = result.items('LiangXin Video');
		expect(items).toHaveLength(1);
		expectSandboxMp4(items[0]);
	});

	test('an HTML answer where the video should be is refused, naming the task', async () => {
		sandbox.queueFault({ path: 'image', status: 200, body: '<!doctype html><p>Sign in</p>', headers: { 'content-type': 'text/html' } });
		const result = await n8n.execute(workflows.getTask);
		const [{ taskId }] = sandbox.createCalls();
		expect(result.ok).toBe(false);
		expect(result.error.message).toMatch(new RegExp(`^Result 1 of LiangXin task ${taskId} \\(.*\\) is not a video: its first bytes are not those of an MP4, MOV, WEBM video$`));
	});

	test('a video over Max File Size is refused while it streams, naming the task', async () => {
		sandbox.configure({ videoBytes: 3 * MB });
		try {
			const result = await n8n.execute(workflows.getTask);
			const [{ taskId }] = sandbox.createCalls();
			expect(result.ok).toBe(false);
			expect(result.error.message).toMatch(new RegExp(`^Result 1 of LiangXin task ${taskId} \\(.*\\) is over 1 MB, the limit set by Max File Size \\(MB\\)$`));
		} finally {
			sandbox.configure({ videoBytes: null });
		}
	});

	test('Wait Mode Pause Until Callback: the execution waits, the callbacks resume it, both MP4s stored', async () => {
		await n8n.start();
		await n8n.rest.setupOwnerAndLogin();
		const apiKey = await createApiKey(n8n);
		const runs = pauseRuns(n8n, workflows);
		const { id } = await runs.startRun('video-pause');
		await runs.untilPaused('video-pause', id, 30_000);
		expect(sandbox.createCalls().map((call) => call.body.model)).toEqual(['kling-v3-pro', 'kling-v3-pro']);
		await runs.untilStatus('video-pause', id, 'success', 60_000);
		expect(sandbox.callbackCalls().length).toBeGreaterThan(0);
		const results = (await executionDetails(n8n, apiKey, id)).items('Results');
		expect(results.map((item) => item.json.input?.prompt)).toEqual(CLIPS);
		results.forEach(expectSandboxMp4);
	});

	test('n8n lists the node, Kling 3 Pro and Other, and its AI tool variant liangXinVideoTool', async () => {
		const { status, body } = await n8n.rest.request('GET', '/types/nodes.json');
		expect(status).toBe(200);
		const types = body as Array<{ name: string; outputs: unknown; properties: Array<{ name: string; options?: Array<{ name: string; value: string }> }> }>;
		const node = types.find((type) => type.name === VIDEO_NODE_TYPE);
		expect(JSON.stringify(types.find((type) => type.name === `${VIDEO_NODE_TYPE}Tool`)?.outputs)).toContain('ai_tool');
		const models = node!.properties.find((property) => property.name === 'model')?.options;
		expect(models?.map(({ name, value }) => [name, value])).toEqual([['Kling 3 Pro', 'kling-v3-pro'], ['Other', 'other']]);
	});
});
