import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeParameters } from 'n8n-workflow';

import { runImage, runVideo, useSandbox } from '../../helpers/liangxin';
import { POLL_TIME_SCALE } from '../../helpers/pollTimeScale';
import { ebmlDocType, isoBmffBoxes } from '../../helpers/video';

// The video schedule on the node tests' faster clock: its 30 s to a lone task's first poll take 3 s.
jest.mock('../../../nodes/shared/tasks/polling', () => jest.requireActual('../../helpers/pollTimeScale').scaledPolling());

const MB = 1024 * 1024;

/** The LiangXin Video node's parameters in examples/video-kling-3-pro.json. */
function exampleParameters(): INodeParameters {
	const workflow = JSON.parse(readFileSync(join(__dirname, '../../../examples/video-kling-3-pro.json'), 'utf8')) as {
		nodes: Array<{ type: string; parameters: INodeParameters }>;
	};
	return workflow.nodes.find((node) => node.type === 'n8n-nodes-liangxin.liangXinVideo')!.parameters;
}

describe('LiangXin Video against the sandbox', () => {
	// Video jobs of 1-6 minutes, run in 0.06-0.36 s.
	const sandbox = useSandbox({ durationScale: 1 / 1000 });

	const createdTask = async (parameters: INodeParameters) => {
		const created = await runVideo(sandbox(), { parameters: { operation: 'createTask', ...parameters } });
		expect(created.error).toBeUndefined();
		const taskId = String(created.output[0].json.taskId);
		while (!['success', 'fail'].includes(sandbox().taskState(taskId) ?? '')) await new Promise((resolve) => setTimeout(resolve, 20));
		return taskId;
	};
	const getTask = async (taskId: string, options: INodeParameters = {}) =>
		await runVideo(sandbox(), { parameters: { operation: 'getTask', taskId, options: { downloadVideos: true, ...options } } });

	it('runs the example workflow (Kling 3 Pro, Generate Video) and stores the MP4 as <taskId>-1.mp4, asking LiangXin once at 30 s', async () => {
		const result = await runVideo(sandbox(), { parameters: exampleParameters() });
		expect(result.error).toBeUndefined();
		const [call] = sandbox().createCalls();
		expect(call.body).toEqual({ model: 'kling-v3-pro', input: { prompt: exampleParameters().prompt } });
		const { taskId } = call;
		expect(result.output[0].json).toMatchObject({ taskId, model: 'kling-v3-pro', status: 'success' });
		expect(result.output[0].binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${taskId}-1.mp4`, fileExtension: 'mp4' });
		const stored = await result.binary(0);
		expect(stored.equals(sandbox().videoBytes(taskId!))).toBe(true);
		expect(isoBmffBoxes(stored)[0].type).toBe('ftyp');
		// The video schedule: a lone task is first asked about after 30 s (the images' schedule: 5 s).
		const [poll] = sandbox().recordInfoCalls();
		expect(sandbox().recordInfoCalls()).toHaveLength(1);
		expect(poll.at - call.at).toBeGreaterThanOrEqual(29_000 * POLL_TIME_SCALE);
	});

	it('sends the prompt and Model Settings (JSON) as given, and a model value typed in Other', async () => {
		const inputFields = JSON.stringify({ any_field: 'as given', nested: { n: 1 } });
		await createdTask({ prompt: 'a paper boat', inputFields });
		expect(sandbox().createCalls()[0].body).toEqual({ model: 'kling-v3-pro', input: { any_field: 'as given', nested: { n: 1 }, prompt: 'a paper boat' } });

		const other = await runVideo(sandbox(), { parameters: { operation: 'createTask', model: 'other', otherModel: 'kling-v9-imaginary', prompt: 'a boat' } });
		expect(sandbox().createCalls()[1].body).toEqual({ model: 'kling-v9-imaginary', input: { prompt: 'a boat' } });
		// The sandbox, like LiangXin for a model it does not offer, refuses it: the node says so.
		expect(other.error?.message).toContain('model "kling-v9-imaginary" is not supported');
	});

	it('refuses an empty prompt and Model Settings (JSON) that are not an object, before sending anything', async () => {
		const empty = await runVideo(sandbox(), { parameters: { operation: 'createTask', prompt: '' } });
		expect(empty.error?.message).toMatch(/Prompt \(input\.prompt\)/);
		const list = await runVideo(sandbox(), { parameters: { operation: 'createTask', prompt: 'a boat', inputFields: '[1]' } });
		expect(list.error?.message).toContain('Model Settings (JSON) (input) must be a JSON object (got a list)');
		expect(sandbox().createCalls()).toHaveLength(0);
	});

	it('Get Task stores a WebM as video/webm, and finds a video listed under videoUrls', async () => {
		const webm = await createdTask({ prompt: 'a boat [webm]' });
		const result = await getTask(webm);
		expect(result.output[0].binary?.data).toMatchObject({ mimeType: 'video/webm', fileName: `${webm}-1.webm` });
		expect(ebmlDocType(await result.binary(0))).toBe('webm');

		sandbox().configure({ videoResultKey: 'videoUrls' });
		const dialect = await createdTask({ prompt: 'a boat' });
		expect((await (await getTask(dialect)).binary(0)).equals(sandbox().videoBytes(dialect))).toBe(true);
	});

	it('refuses an HTML answer and a video over Max File Size, naming the task', async () => {
		const taskId = await createdTask({ prompt: 'a boat' });
		sandbox().queueFault({ path: 'image', status: 200, body: '<!doctype html><p>Sign in</p>', headers: { 'content-type': 'text/html' } });
		const html = await getTask(taskId);
		expect(html.error?.message).toMatch(new RegExp(`^Result 1 of LiangXin task ${taskId} \\(.*\\) is not a video: its first bytes are not those of an MP4, MOV, WEBM video$`));

		sandbox().configure({ videoBytes: 3 * MB });
		const large = await createdTask({ prompt: 'a long boat' });
		const tooLarge = await getTask(large, { maxFileSizeMb: 1 });
		expect(tooLarge.error?.message).toMatch(new RegExp(`^Result 1 of LiangXin task ${large} \\(.*\\) is over 1 MB, the limit set by Max File Size \\(MB\\)$`));
	});

	it('the LiangXin Image node still refuses a video, naming what it is', async () => {
		const taskId = await createdTask({ prompt: 'a boat' });
		const result = await runImage(sandbox(), { parameters: { operation: 'getTask', taskId, options: { downloadImages: true } } });
		expect(result.error?.message).toMatch(/is not an image: its first bytes are those of a video \(MP4\), not of a PNG, JPG, WEBP, GIF image$/);
		expect((result.error as Error & { description?: string }).description).toBe('Nothing was stored for it. The model makes videos: use the LiangXin Video node for it.');
	});
});
