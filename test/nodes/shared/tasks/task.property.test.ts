import { MAX_TASK_ID_LENGTH } from '../../../../nodes/shared/platform/limits';
import { normalizeTask, taskShapeProblem, UnexpectedTaskShapeError } from '../../../../nodes/shared/tasks/task';
import { RandomJson } from '../../../helpers/randomJson';

describe('normalizeTask on random bodies (property)', () => {
	const random = new RandomJson(20_261_110);
	const bodies = Array.from({ length: 600 }, () => random.body());

	it('reads a task or throws UnexpectedTaskShapeError, never anything else', () => {
		const outcomes = { read: 0, refused: 0 };
		for (const text of bodies) {
			const body = JSON.parse(text) as unknown;
			const problem = taskShapeProblem(body);
			let task;
			try {
				task = normalizeTask(body, { includeRaw: true });
			} catch (error) {
				expect(error).toBeInstanceOf(UnexpectedTaskShapeError);
				expect((error as UnexpectedTaskShapeError).reason).toBe(problem);
				outcomes.refused++;
				continue;
			}
			expect(problem).toBeUndefined();
			expect(typeof task.taskId).toBe('string');
			expect(task.taskId.length).toBeGreaterThan(0);
			expect(task.taskId.length).toBeLessThanOrEqual(MAX_TASK_ID_LENGTH);
			expect(['pending', 'success', 'fail']).toContain(task.status);
			expect(task.imageUrls.every((url) => typeof url === 'string')).toBe(true);
			// What n8n does with an item: serialize it.
			expect(JSON.parse(JSON.stringify(task))).toMatchObject({ taskId: task.taskId });
			outcomes.read++;
		}
		// The generator must exercise both sides, or the property says little.
		expect(outcomes.read).toBeGreaterThan(100);
		expect(outcomes.refused).toBeGreaterThan(50);
	});

	it('changes no prototype', () => {
		for (const text of bodies) {
			try {
				normalizeTask(JSON.parse(text), { includeRaw: true });
			} catch {
				// refusals are checked above
			}
		}
		expect(Object.keys(Object.prototype)).toEqual([]);
		expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
	});
});
