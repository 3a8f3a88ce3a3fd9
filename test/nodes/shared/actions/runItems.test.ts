import type { IExecuteFunctions, INode } from 'n8n-workflow';

import { runItems } from '../../../../nodes/shared/actions/runItems';

const node = { name: 'LiangXin', type: 'liangXinNanoBananaPro', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

/** The parts of n8n's execution context that runItems reads. */
function executionContext(itemCount: number, cancelSignal: AbortSignal, continueOnFail = false) {
	return {
		getInputData: () => Array.from({ length: itemCount }, () => ({ json: {} })),
		continueOnFail: () => continueOnFail,
		getExecutionCancelSignal: () => cancelSignal,
		getNode: () => node,
	} as unknown as IExecuteFunctions;
}

describe('a cancelled execution always ends', () => {
	it('ends at once, naming the created tasks, even when an item\'s work never notices the cancellation', async () => {
		const cancel = new AbortController();
		const running = runItems(executionContext(2, cancel.signal, true), {
			concurrency: 2,
			prepare: async () => undefined,
			run: async (itemIndex, _prepared, _abortSignal, createdTasks) => {
				createdTasks.add(`task-${itemIndex}`, itemIndex);
				return await new Promise<never>(() => {});
			},
		});
		const outcome = running.catch((error: Error & { undeliveredTaskIds?: string[] }) => error);
		await new Promise((resolve) => setImmediate(resolve));
		cancel.abort();
		let watchdog: NodeJS.Timeout | undefined;
		const error = await Promise.race([outcome, new Promise((resolve) => (watchdog = setTimeout(() => resolve('still running'), 1000)))]);
		clearTimeout(watchdog);
		expect(error).toBeInstanceOf(Error);
		// On Error would not have helped: the message only says where the tasks are.
		expect((error as Error).message).toBe(
			'The execution was cancelled while LiangXin tasks were running. This run created 2 LiangXin tasks whose results are not delivered: get them with Get Generation (their task IDs are in the details)',
		);
		expect((error as { undeliveredTaskIds?: string[] }).undeliveredTaskIds).toEqual(['task-0', 'task-1']);
	});
});
