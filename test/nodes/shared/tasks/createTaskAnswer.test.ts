// The createTask answer comes from outside like any other: Create Task outputs a bounded copy of it,
// and a task ID longer than LiangXin's (about 40 characters) is refused as it is for recordInfo.
import type { INodeParameters } from 'n8n-workflow';

import { COPY_LIMITS } from '../../../../nodes/shared/util/boundedCopy';
import { MAX_TASK_ID_LENGTH } from '../../../../nodes/shared/platform/limits';
import { startFakeServer, type FakeServer } from '../../../helpers/fakeServer';
import { runNanoBanana, visibleText } from '../../../helpers/liangxin';

const TASK_ID = 'task_nano-banana-pro_1777600000007';

function nested(levels: number): unknown {
	let value: unknown = 'bottom';
	for (let level = 0; level < levels; level++) value = { deeper: value };
	return value;
}

function depthOf(value: unknown): number {
	if (typeof value !== 'object' || value === null) return 0;
	return 1 + Math.max(0, ...Object.values(value).map(depthOf));
}

describe('Create Task bounds what it copies from the create answer', () => {
	let api: FakeServer;
	let answer: unknown;

	beforeAll(async () => {
		api = await startFakeServer((_request, response) => {
			response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
		});
	});
	afterAll(async () => await api.close());
	beforeEach(() => (api.requests.length = 0));

	const createTask = async (options: INodeParameters = {}) =>
		await runNanoBanana({ apiKey: 'sk-test', baseUrl: api.url }, { parameters: { operation: 'createTask', prompt: 'a bounded answer', options } });

	it('Include Raw: a long string and deep nesting in the answer are cut and marked, like a recordInfo answer', async () => {
		const longText = 'x'.repeat(500_000);
		answer = { code: 200, msg: 'success', data: { taskId: TASK_ID, note: longText, deep: nested(30) } };
		const result = await createTask({ includeRaw: true });
		expect(result.error).toBeUndefined();
		const raw = result.output[0].json.raw as { data: { taskId: string; note: string; deep: unknown } };
		expect(raw.data.taskId).toBe(TASK_ID);
		expect(raw.data.note).toBe(`${'x'.repeat(COPY_LIMITS.maxStringLength)}[cut: ${longText.length - COPY_LIMITS.maxStringLength} more characters]`);
		expect(depthOf(raw)).toBe(COPY_LIMITS.maxDepth);
		expect(JSON.stringify(raw)).toContain(`[cut: deeper than ${COPY_LIMITS.maxDepth} levels]`);
	});

	it(`a task ID longer than ${MAX_TASK_ID_LENGTH} characters is refused, naming the rule, after one create`, async () => {
		answer = { code: 200, msg: 'success', data: { taskId: `task_${'7'.repeat(100_000)}` } };
		const result = await createTask();
		expect(result.output).toEqual([]);
		expect(result.error?.message).toBe(`Unexpected answer from LiangXin: its task ID is longer than ${MAX_TASK_ID_LENGTH} characters`);
		expect((result.error as { description?: string }).description).toMatch(/^LiangXin may have created \(and will bill\) a task for this item/);
		expect(visibleText(result).length).toBeLessThan(20_000);
		expect(api.requests).toHaveLength(1);
	});

	it(`a task ID of exactly ${MAX_TASK_ID_LENGTH} characters is accepted`, async () => {
		const taskId = `task_${'7'.repeat(MAX_TASK_ID_LENGTH - 5)}`;
		answer = { code: 200, msg: 'success', data: { taskId } };
		const result = await createTask();
		expect(result.output[0].json.taskId).toBe(taskId);
	});
});
