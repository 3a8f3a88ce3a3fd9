import { execFile } from 'node:child_process';
import { mkdtempSync, openSync, readSync, rmSync, statSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { useSandbox } from '../../../helpers/liangxin';
import { finishedTaskAnswer } from '../../../helpers/sandboxTask';
import type { RssChildRequest } from './videoDownloadRss.child';

jest.setTimeout(120_000);

const MB = 1024 * 1024;
const VIDEO_BYTES = 300 * MB;
/** The whole video is 300 MB: a download held in memory, even once, would pass this bound several times over. */
const PEAK_GROWTH_BOUND_MB = 64;
const ROOT = join(__dirname, '../../../..');
const CHILD = join(__dirname, 'videoDownloadRss.child.ts');

const sandbox = useSandbox({ durationScale: 1 / 1000 });

/** Runs the download in a process of its own, so that its peak memory is the download's alone. */
async function storeInChild(request: RssChildRequest) {
	const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '-r', join(ROOT, 'test/helpers/register-ts.js'), CHILD, JSON.stringify(request)], {
		cwd: ROOT,
		maxBuffer: MB,
	}).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
	return JSON.parse(stdout) as { error?: string; crashed?: string; binary?: { id: string; mimeType: string; fileName: string; bytes: number }; peakGrowthMb: number };
}

/** The first and the last bytes of a file on disk. */
function endsOf(path: string, length: number) {
	const file = openSync(path, 'r');
	const head = Buffer.alloc(length);
	const tail = Buffer.alloc(length);
	readSync(file, head, 0, length, 0);
	readSync(file, tail, 0, length, statSync(path).size - length);
	closeSync(file);
	return { head, tail };
}

describe('a 300 MB video result', () => {
	let storagePath: string;
	beforeEach(() => (storagePath = mkdtempSync(join(tmpdir(), 'liangxin-rss-'))));
	afterEach(() => rmSync(storagePath, { recursive: true, force: true }));

	it(`streams through the real download path into n8n's filesystem binary storage: peak RSS grows < ${PEAK_GROWTH_BOUND_MB} MB`, async () => {
		const warmUpAnswer = (await finishedTaskAnswer(sandbox(), 'kling-v3-pro', 'a short clip')) as { data: { taskId: string } };
		sandbox().configure({ videoBytes: VIDEO_BYTES });
		const answer = (await finishedTaskAnswer(sandbox(), 'kling-v3-pro', 'a long clip')) as { data: { taskId: string } };
		const { taskId } = answer.data;

		const outcome = await storeInChild({ baseUrl: sandbox().baseUrl, storagePath, warmUpAnswer, answer, maxBytes: 500 * MB, accept: ['video'] });
		expect(outcome.crashed ?? outcome.error).toBeUndefined();
		expect(outcome.binary).toMatchObject({ mimeType: 'video/mp4', fileName: `${taskId}-1.mp4`, bytes: VIDEO_BYTES });

		// The file on disk is the video the sandbox served, whole: the 1-second video, then its padding to the end.
		const stored = join(storagePath, outcome.binary!.id.split(':')[1]);
		expect(statSync(stored).size).toBe(VIDEO_BYTES);
		const video = sandbox().videoBytes(warmUpAnswer.data.taskId);
		const { head, tail } = endsOf(stored, 4096);
		expect(head.subarray(0, video.length).equals(video)).toBe(true);
		expect(head.toString('latin1', video.length + 4, video.length + 8)).toBe('free');
		expect(tail.equals(Buffer.alloc(4096))).toBe(true);

		expect(outcome.peakGrowthMb).toBeLessThan(PEAK_GROWTH_BOUND_MB);
	});
});
