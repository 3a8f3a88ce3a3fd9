import { normalizeTask, type LiangXinTask } from '../../../../nodes/shared/tasks/task';
import { downloaderNode, type DownloadRequest } from '../../../helpers/downloader';
import { useSandbox } from '../../../helpers/liangxin';
import { runNode } from '../../../helpers/n8n';
import { finishedTaskAnswer } from '../../../helpers/sandboxTask';
import { ebmlDocType, isoBmffBoxes } from '../../../helpers/video';

const MB = 1024 * 1024;
// Video jobs of 1-6 minutes, run in 0.06-0.36 s.
const sandbox = useSandbox({ durationScale: 1 / 1000 });

const videoTask = async (prompt = 'A cinematic coffee commercial') => normalizeTask(await finishedTaskAnswer(sandbox(), 'kling-v3-pro', prompt));

const download = async (task: LiangXinTask, request: Partial<DownloadRequest> = {}) =>
	await runNode({ node: downloaderNode({ baseUrl: sandbox().baseUrl, task, accept: ['video'], ...request }) });

describe('video results stored as binary files, typed by their bytes', () => {
	it('stores an MP4 as video/mp4 named <taskId>-1.mp4, byte for byte', async () => {
		const task = await videoTask();
		const result = await download(task);
		expect(result.error).toBeUndefined();
		expect(result.output[0].binary?.data).toMatchObject({ mimeType: 'video/mp4', fileName: `${task.taskId}-1.mp4`, fileExtension: 'mp4' });
		const stored = await result.binary(0);
		expect(stored.equals(sandbox().videoBytes(task.taskId))).toBe(true);
		expect(isoBmffBoxes(stored)[0].type).toBe('ftyp');
	});

	it('stores a WebM as video/webm named <taskId>-1.webm', async () => {
		const task = await videoTask('a paper boat [webm]');
		const result = await download(task);
		expect(result.output[0].binary?.data).toMatchObject({ mimeType: 'video/webm', fileName: `${task.taskId}-1.webm` });
		expect(ebmlDocType(await result.binary(0))).toBe('webm');
	});

	it('finds the video listed under videoUrls, the dialect the normalization tolerates', async () => {
		sandbox().configure({ videoResultKey: 'videoUrls' });
		const task = await videoTask();
		expect(task.imageUrls).toEqual([`${sandbox().baseUrl}/files/${task.taskId}/0.mp4`]);
		const result = await download(task);
		expect((await result.binary(0)).equals(sandbox().videoBytes(task.taskId))).toBe(true);
	});
});

describe('refusals name the task and the file', () => {
	it('an HTML answer where the video should be: "is not a video", nothing stored', async () => {
		const task = await videoTask();
		sandbox().queueFault({ path: 'image', status: 200, body: '<!doctype html><html>Sign in</html>', headers: { 'content-type': 'text/html' } });
		const result = await download(task);
		expect(result.output).toEqual([]);
		expect(result.error?.message).toBe(
			`Result 1 of LiangXin task ${task.taskId} (${task.imageUrls[0]}) is not a video: its first bytes are not those of an MP4, MOV, WEBM video`,
		);
		expect((result.error as Error & { taskId?: string }).taskId).toBe(task.taskId);
	});

	it('a video where the image nodes expect images: they keep accepting images only', async () => {
		const task = await videoTask();
		const result = await download(task, { accept: undefined });
		expect(result.error?.message).toBe(
			`Result 1 of LiangXin task ${task.taskId} (${task.imageUrls[0]}) is not an image: its first bytes are those of a video (MP4), not of a PNG, JPG, WEBP, GIF image`,
		);
	});

	it('a video over Max File Size: stopped while it streams, the limit named', async () => {
		sandbox().configure({ videoBytes: 20 * MB });
		const task = await videoTask();
		const result = await download(task, { maxBytes: 2 * MB });
		expect(result.error?.message).toBe(
			`Result 1 of LiangXin task ${task.taskId} (${task.imageUrls[0]}) is over 2 MB, the limit set by Max File Size (MB)`,
		);
		const [served] = await sandbox().waitForLog((entry) => entry.route === 'image' && entry.taskId === task.taskId);
		expect(served.responseBytes).toBeLessThan(12 * MB);
	});
});
