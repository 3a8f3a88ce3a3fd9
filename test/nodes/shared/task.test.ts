import { normalizeTask, statusOfState, taskShapeProblem } from '../../../nodes/shared/task';

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
		expect(normalizeTask(documentedSuccess, { includeRaw: true }).raw).toBe(documentedSuccess);
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
