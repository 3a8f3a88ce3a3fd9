import { startSandbox, type Sandbox, type SandboxOptions } from '../../../tools/sandbox';
import { ebmlDocType, ebmlElements, EBML_HEADER_ID, isoBmffBoxes, majorBrand, SEGMENT_ID, VOID_ID } from '../../helpers/video';

jest.setTimeout(20000);

const MB = 1024 * 1024;
/** Video jobs of 1-6 minutes run in 0.06-0.36 s. */
const FAST: Partial<SandboxOptions> = { durationScale: 1 / 1000 };

let sandbox: Sandbox;

beforeAll(async () => {
	sandbox = await startSandbox();
});
afterEach(() => sandbox.reset(true));
afterAll(() => sandbox.close());

const headers = () => ({ authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' });

async function createTask(prompt: string, model = 'kling-v3-pro') {
	const response = await fetch(`${sandbox.baseUrl}/api/v1/jobs/createTask`, { method: 'POST', headers: headers(), body: JSON.stringify({ model, input: { prompt } }) });
	return { status: response.status, envelope: (await response.json()) as { code: number; msg: string; data: { taskId: string } | null } };
}

async function finishedTask(prompt: string) {
	const { envelope } = await createTask(prompt);
	const taskId = envelope.data!.taskId;
	for (;;) {
		const answer = (await (await fetch(`${sandbox.baseUrl}/api/v1/jobs/recordInfo?taskId=${taskId}`, { headers: headers() })).json()) as { data: Record<string, string> };
		if (['success', 'fail'].includes(answer.data.state)) return { taskId, data: answer.data, result: answer.data.resultJson ? JSON.parse(answer.data.resultJson) : null };
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

async function download(url: string) {
	const response = await fetch(url);
	return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}

describe('video tasks (kling-v3-pro)', () => {
	it('end with an MP4 at resultJson.resultUrls: ISO BMFF whose boxes cover the file, served without auth', async () => {
		sandbox.configure(FAST);
		const { taskId, data, result } = await finishedTask('A cinematic coffee commercial');
		expect(data).toMatchObject({ model: 'kling-v3-pro', state: 'success' });
		expect(result).toEqual({ resultUrls: [`${sandbox.baseUrl}/files/${taskId}/0.mp4`] });

		const { response, bytes } = await download(result.resultUrls[0]);
		expect(response.headers.get('content-type')).toBe('video/mp4');
		expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
		expect(bytes.length).toBeLessThan(8 * 1024);
		expect(isoBmffBoxes(bytes).map((box) => box.type)).toEqual(['ftyp', 'moov', 'free', 'mdat']);
		expect(majorBrand(bytes)).toBe('isom');
		expect(bytes.equals(sandbox.videoBytes(taskId))).toBe(true);
	});

	it('end with a WebM (EBML, doctype webm) for a [webm] prompt or the videoFormat option', async () => {
		sandbox.configure(FAST);
		const byPrompt = await finishedTask('a paper boat [webm]');
		expect(byPrompt.result.resultUrls[0]).toMatch(/\/0\.webm$/);
		sandbox.configure({ videoFormat: 'webm' });
		const byOption = await finishedTask('a paper boat');
		for (const { result, taskId } of [byPrompt, byOption]) {
			const { response, bytes } = await download(result.resultUrls[0]);
			expect(response.headers.get('content-type')).toBe('video/webm');
			expect(ebmlElements(bytes).map((element) => element.id)).toEqual([EBML_HEADER_ID, SEGMENT_ID]);
			expect(ebmlDocType(bytes)).toBe('webm');
			expect(bytes.equals(sandbox.videoBytes(taskId))).toBe(true);
		}
	});

	it('list their URLs under videoUrls instead with the videoResultKey option; image tasks keep resultUrls', async () => {
		sandbox.configure({ ...FAST, videoResultKey: 'videoUrls', taskDurationMs: 50 });
		const video = await finishedTask('a dialect');
		expect(Object.keys(video.result)).toEqual(['videoUrls']);
		expect(video.result.videoUrls[0]).toMatch(/\/0\.mp4$/);
		const { envelope } = await createTask('an image', 'nano-banana-pro');
		expect(sandbox.tasks.get(envelope.data!.taskId)!.resultKey).toBe('resultUrls');
	});

	it('fail like image tasks: [fail] with 422, failRatio with a video failure, and no file', async () => {
		sandbox.configure({ ...FAST, failRatio: 1 });
		const failed = await finishedTask('anything');
		expect(failed.data).toMatchObject({ state: 'fail', failCode: '500', failMsg: 'video generation failed upstream', resultJson: '' });
		expect((await fetch(`${sandbox.baseUrl}/files/${failed.taskId}/0.mp4`)).status).toBe(404);
		sandbox.configure({ failRatio: 0 });
		expect((await finishedTask('forbidden [fail]')).data).toMatchObject({ state: 'fail', failCode: '422' });
	});

	it('refuses a model value it does not know, as LiangXin documents for an unsupported model', async () => {
		const { status, envelope } = await createTask('a prompt', 'kling-v9-imaginary');
		expect(status).toBe(400);
		expect(envelope).toEqual({ code: 400, msg: 'model "kling-v9-imaginary" is not supported', data: null });
		expect(sandbox.tasks.size).toBe(0);
	});
});

describe('video task durations', () => {
	const durationsOf = async (count: number) => {
		const durations: number[] = [];
		for (let index = 0; index < count; index++) durations.push(sandbox.tasks.get((await createTask(`clip ${index}`)).envelope.data!.taskId)!.durationMs);
		return durations;
	};
	const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))];

	it('take 1 to 6 minutes, heavy-tailed: median about 2.6 min, p95 about 5 min', async () => {
		sandbox.configure({ seed: 23 });
		const durations = await durationsOf(600);
		expect(Math.min(...durations)).toBeGreaterThanOrEqual(60_000);
		expect(Math.max(...durations)).toBeLessThanOrEqual(360_000);
		expect(quantile(durations, 0.5)).toBeGreaterThan(140_000);
		expect(quantile(durations, 0.5)).toBeLessThan(175_000);
		expect(quantile(durations, 0.95)).toBeGreaterThan(260_000);
		expect(quantile(durations, 0.95)).toBeLessThan(340_000);
	});

	it('are scaled by durationScale, draw for draw, so a test runs the same jobs in a thousandth of the time', async () => {
		sandbox.configure({ seed: 5 });
		const real = await durationsOf(20);
		sandbox.reset(true);
		sandbox.configure({ seed: 5, durationScale: 1 / 1000 });
		expect(await durationsOf(20)).toEqual(real.map((duration) => Math.round(duration / 1000)));
	});

	it('follow the image durations when videoDurations is null', async () => {
		sandbox.configure({ videoDurations: null, taskDurationMs: 700 });
		expect(await durationsOf(2)).toEqual([700, 700]);
	});
});

describe('large videos (videoBytes)', () => {
	it('pads an MP4 with a trailing free box and a WebM with a trailing Void element: still well-formed', async () => {
		sandbox.configure({ ...FAST, videoBytes: 3 * MB + 7 });
		const mp4 = await download((await finishedTask('big')).result.resultUrls[0]);
		expect(mp4.bytes.length).toBe(3 * MB + 7);
		expect(isoBmffBoxes(mp4.bytes).map((box) => box.type)).toEqual(['ftyp', 'moov', 'free', 'mdat', 'free']);
		const webm = await download((await finishedTask('big [webm]')).result.resultUrls[0]);
		expect(webm.bytes.length).toBe(3 * MB + 7);
		expect(ebmlElements(webm.bytes).map((element) => element.id)).toEqual([EBML_HEADER_ID, SEGMENT_ID, VOID_ID]);
	});

	it('streams a 300 MB video as the client reads it: a client that stops after 1 MB gets little more', async () => {
		sandbox.configure({ ...FAST, videoBytes: 300 * MB });
		const { taskId, result } = await finishedTask('huge');
		const controller = new AbortController();
		const response = await fetch(result.resultUrls[0], { signal: controller.signal });
		expect(Number(response.headers.get('content-length'))).toBe(300 * MB);
		const reader = response.body!.getReader();
		let received = 0;
		while (received < MB) received += (await reader.read()).value!.length;
		controller.abort();
		const [entry] = await sandbox.waitForLog((logged) => logged.route === 'image' && logged.taskId === taskId);
		// What the sandbox produced before the client stopped: socket buffers' worth, not the file.
		expect(entry.responseBytes).toBeLessThan(32 * MB);
	});
});
