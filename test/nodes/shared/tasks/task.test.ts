import { COPY_LIMITS } from '../../../../nodes/shared/util/boundedCopy';
import { MAX_TASK_ID_LENGTH } from '../../../../nodes/shared/platform/limits';
import { normalizeTask, statusOfState, taskShapeProblem } from '../../../../nodes/shared/tasks/task';

const documentedSuccess = {
	code: 200,
	msg: 'success',
	data: {
		taskId: 'task_nano-banana-pro_1777600000000',
		model: 'nano-banana-pro',
		state: 'success',
		param: '{"model":"nano-banana-pro","input":{"prompt":"a fox","aspect_ratio":"16:9"}}',
		resultJson: '{"resultUrls":["https://files.example.com/a.png","https://files.example.com/b.png"]}',
		failCode: '',
		failMsg: '',
		costTime: 15000,
		completeTime: 1777600015000,
		createTime: 1777600000000,
		updateTime: 1777600015000,
	},
};

describe('normalizeTask', () => {
	it('reads the inferred recordInfo shape', () => {
		expect(normalizeTask(documentedSuccess)).toEqual({
			taskId: 'task_nano-banana-pro_1777600000000',
			model: 'nano-banana-pro',
			state: 'success',
			status: 'success',
			imageUrls: ['https://files.example.com/a.png', 'https://files.example.com/b.png'],
			failCode: '',
			failMsg: '',
			costTime: 15000,
			createTime: 1777600000000,
			completeTime: 1777600015000,
			input: { prompt: 'a fox', aspect_ratio: '16:9' },
		});
	});

	it('keeps the raw body only when asked', () => {
		expect(normalizeTask(documentedSuccess)).not.toHaveProperty('raw');
		expect(normalizeTask(documentedSuccess, { includeRaw: true }).raw).toEqual(documentedSuccess);
	});

	it('accepts resultJson and param as objects, numbers as numeric strings, `message` instead of `msg`', () => {
		const task = normalizeTask({
			code: '200',
			message: 'success',
			data: {
				...documentedSuccess.data,
				resultJson: { resultUrls: ['https://files.example.com/c.png'] },
				param: { model: 'nano-banana-pro', input: { prompt: 'p' } },
				costTime: '1200',
				createTime: '1777600000000',
				completeTime: null,
			},
		});
		expect(task.imageUrls).toEqual(['https://files.example.com/c.png']);
		expect(task.input).toEqual({ prompt: 'p' });
		expect(task.costTime).toBe(1200);
		expect(task.createTime).toBe(1777600000000);
		expect(task.completeTime).toBeNull();
	});

	it('reads the result URLs of a video task from resultJson.resultUrls, as documented', () => {
		const data = { taskId: 'task_kling-v3-pro_1', model: 'kling-v3-pro', state: 'success', resultJson: '{"resultUrls":["https://files.example.com/v.mp4"]}' };
		expect(normalizeTask({ code: 200, data }).imageUrls).toEqual(['https://files.example.com/v.mp4']);
	});

	it('tolerates a videoUrls list in resultJson or beside it; the documented resultUrls wins when both are there', () => {
		const task = (fields: object) => normalizeTask({ data: { taskId: 't1', state: 'success', ...fields } });
		expect(task({ resultJson: '{"videoUrls":["https://files.example.com/a.mp4"]}' }).imageUrls).toEqual(['https://files.example.com/a.mp4']);
		expect(task({ resultJson: { videoUrls: 'https://files.example.com/b.mp4' } }).imageUrls).toEqual(['https://files.example.com/b.mp4']);
		expect(task({ videoUrls: ['https://files.example.com/c.mp4'] }).imageUrls).toEqual(['https://files.example.com/c.mp4']);
		const both = { resultUrls: ['https://files.example.com/documented.mp4'], videoUrls: ['https://files.example.com/other.mp4'] };
		expect(task({ resultJson: both }).imageUrls).toEqual(['https://files.example.com/documented.mp4']);
	});

	it('reports a failed task with its reason', () => {
		const task = normalizeTask({
			code: 200,
			data: { taskId: 't1', state: 'fail', failCode: 422, failMsg: 'prompt contains prohibited content', resultJson: '' },
		});
		expect(task).toMatchObject({ status: 'fail', failCode: '422', failMsg: 'prompt contains prohibited content', imageUrls: [] });
	});

	it('treats unknown states as pending and keeps the raw value', () => {
		expect(normalizeTask({ data: { taskId: 't1', state: 'upscaling' } })).toMatchObject({ state: 'upscaling', status: 'pending' });
	});

	it.each(['waiting', 'queuing', 'generating'])('treats %s as pending', (state) => {
		expect(statusOfState(state)).toBe('pending');
	});

	it('survives broken JSON strings', () => {
		const task = normalizeTask({ data: { taskId: 't1', state: 'success', param: '{oops', resultJson: 'not json' } });
		expect(task).toMatchObject({ input: null, imageUrls: [] });
	});

	it.each([
		['a string', 'upstream error', 'the body is not a JSON object'],
		['null', null, 'the body is not a JSON object'],
		['an envelope without a task', { code: 200, msg: 'success', data: null }, 'it has no task ID'],
	])('names the problem with %s', (_case, body, problem) => {
		expect(taskShapeProblem(body)).toBe(problem);
		expect(() => normalizeTask(body)).toThrow(problem);
	});
});

/** How many levels of objects and lists `value` has (0 for a string). */
function depthOf(value: unknown): number {
	let depth = 0;
	for (let level: unknown[] = [value]; level.length; depth++) {
		level = level.flatMap((node) => (typeof node === 'object' && node !== null ? Object.values(node) : []));
	}
	return depth - 1;
}

function nested(depth: number): unknown {
	let value: unknown = 'bottom';
	for (let level = 0; level < depth; level++) value = { deeper: value };
	return value;
}

describe('task IDs have a sane length', () => {
	it(`accepts a task ID of ${MAX_TASK_ID_LENGTH} characters and refuses a longer one`, () => {
		expect(taskShapeProblem({ data: { taskId: 't'.repeat(MAX_TASK_ID_LENGTH) } })).toBeUndefined();
		const problem = `its task ID is longer than ${MAX_TASK_ID_LENGTH} characters`;
		expect(taskShapeProblem({ data: { taskId: 't'.repeat(MAX_TASK_ID_LENGTH + 1) } })).toBe(problem);
		expect(() => normalizeTask({ data: { taskId: 't'.repeat(5_000_000) } })).toThrow(problem);
	});

	it('reads a task ID only from text or a number, not from an object', () => {
		expect(taskShapeProblem({ data: { taskId: { toString: 'x' } } })).toBe('it has no task ID');
		expect(normalizeTask({ data: { taskId: 42, state: 'success' } }).taskId).toBe('42');
	});
});

describe('what a task copies from a body is bounded', () => {
	const deep = { data: { taskId: 't1', state: 'success', param: { input: nested(5000) } } };

	it('cuts a deeply nested input and raw body, marks the cut, and stays serializable', () => {
		const task = normalizeTask(deep, { includeRaw: true });
		const marker = `[cut: deeper than ${COPY_LIMITS.maxDepth} levels]`;
		expect(depthOf(task.input)).toBe(COPY_LIMITS.maxDepth);
		expect(JSON.stringify(task.input)).toContain(marker);
		expect(depthOf(task.raw)).toBe(COPY_LIMITS.maxDepth);
		expect(JSON.stringify(task.raw)).toContain(marker);
		expect(JSON.parse(JSON.stringify(task))).toMatchObject({ taskId: 't1' });
	});

	it('cuts the same way when param arrives as a JSON string', () => {
		const param = `{"input":${'{"deeper":'.repeat(5000)}"bottom"${'}'.repeat(5000)}}`;
		expect(depthOf(normalizeTask({ data: { taskId: 't1', param } }).input)).toBe(COPY_LIMITS.maxDepth);
	});

	it('cuts long strings and too many values, and says how much was cut', () => {
		const input = { prompt: 'p'.repeat(COPY_LIMITS.maxStringLength + 5), images: Array.from({ length: 50_000 }, (_, index) => index) };
		const task = normalizeTask({ data: { taskId: 't1', param: { input } } });
		const copied = task.input as { prompt: string; images: unknown[] };
		expect(copied.prompt).toBe(`${'p'.repeat(COPY_LIMITS.maxStringLength)}[cut: 5 more characters]`);
		expect(copied.images.length).toBeLessThan(COPY_LIMITS.maxValues);
		expect(copied.images.at(-1)).toBe(`[cut: more than ${COPY_LIMITS.maxValues} values in all]`);
	});

	it('keeps an ordinary input whole', () => {
		const input = { prompt: 'a fox', image_input: ['https://files.example.com/a.png'], aspect_ratio: '1:1' };
		expect(normalizeTask({ data: { taskId: 't1', param: { model: 'nano-banana-pro', input } } }).input).toEqual(input);
	});

	it('keeps a `__proto__` key as a plain property, without changing the prototype of the copy', () => {
		const param = JSON.parse('{"input":{"__proto__":{"polluted":true},"prompt":"p"}}') as unknown;
		const input = normalizeTask({ data: { taskId: 't1', param } }).input!;
		expect(Object.getPrototypeOf(input)).toBe(Object.prototype);
		expect(Object.keys(input)).toEqual(['__proto__', 'prompt']);
		expect((input as { polluted?: boolean }).polluted).toBeUndefined();
	});
});

describe('the Secret Token of a callback URL is masked in what a task outputs', () => {
	const callBackUrl = 'https://n8n.example.com/webhook/abc/liangxin?token=s3cret-value&x=1';
	const request = { model: 'nano-banana-pro', callBackUrl, input: { prompt: 'a fox' } };

	it.each([
		['a JSON string', JSON.stringify(request)],
		['an object', request],
	])('in raw and input when param is %s', (_case, param) => {
		const task = normalizeTask({ data: { taskId: 't1', state: 'success', param } }, { includeRaw: true });
		expect(JSON.stringify(task)).not.toContain('s3cret-value');
		expect(JSON.stringify(task.raw)).toContain('token=***&x=***');
	});

	it('in input when param has no input of its own', () => {
		const task = normalizeTask({ data: { taskId: 't1', param: { callBackUrl } } });
		expect(task.input).toEqual({ callBackUrl: 'https://n8n.example.com/webhook/abc/liangxin?token=***&x=***' });
	});

	it('leaves result URLs alone, even with a token of their own', () => {
		const url = 'https://files.example.com/a.png?token=file-host-signature';
		const task = normalizeTask({ data: { taskId: 't1', resultJson: { resultUrls: [url] } } }, { includeRaw: true });
		expect(task.imageUrls).toEqual([url]);
		expect(JSON.stringify(task.raw)).toContain('file-host-signature');
	});
});
