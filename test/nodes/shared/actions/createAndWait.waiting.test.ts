import { SCOUT_FIRST_POLL_MS } from '../../../../nodes/shared/tasks/pollSchedule';
import { MAX_PARALLEL_DOWNLOADS } from '../../../../nodes/shared/transport/resultFiles';
import { createAndWait, prompts, runNanoBanana, useSandbox } from '../../../helpers/liangxin';
import { POLL_TIME_SCALE } from '../../../helpers/pollTimeScale';

// About what the node outputs, not when it polls: its poll schedule runs on a faster clock.
jest.mock('../../../../nodes/shared/tasks/polling', () => jest.requireActual('../../../helpers/pollTimeScale').scaledPolling());

describe('Create & Wait: waiting, cancelling, concurrency', () => {
	const sandbox = useSandbox({ taskDurationMs: 300 });

	it('gives up after Max Wait, naming the task and how to fetch it later', async () => {
		const result = await runNanoBanana(sandbox(), { parameters: createAndWait('a [slow] one', { maxWaitMinutes: 0.05 }) });
		const taskId = sandbox().createCalls()[0].taskId!;
		expect(result.error?.message).toMatch(new RegExp(`^LiangXin task ${taskId} is still (waiting|queuing|generating) after 3 s`));
		expect((result.error as { description?: string }).description).toContain(`Get Generation and task ID ${taskId}`);
	});

	it('stops waiting when the execution is cancelled', async () => {
		const controller = new AbortController();
		const cancelled = sandbox().waitForLog((entry) => entry.route === 'createTask').then(() => controller.abort());
		const result = await runNanoBanana(sandbox(), { parameters: createAndWait('a [slow] one'), abortSignal: controller.signal });
		await cancelled;
		const callsAtEnd = sandbox().recordInfoCalls().length;
		expect(result.error?.message).toContain('cancelled');
		// Three first-poll delays of the schedule: a watcher still running would have asked meanwhile.
		await new Promise((resolve) => setTimeout(resolve, 3 * POLL_TIME_SCALE * SCOUT_FIRST_POLL_MS));
		expect(sandbox().recordInfoCalls()).toHaveLength(callsAtEnd);
	});

	it('keeps order and pairing of 20 items with at most 5 tasks in flight', async () => {
		const texts = Array.from({ length: 20 }, (_, index) => `picture number ${index}`);
		const result = await runNanoBanana(sandbox(), {
			parameters: createAndWait('={{ $json.prompt }}', { maxConcurrentTasks: 5, downloadImages: false }),
			items: prompts(...texts),
		});
		expect(result.error).toBeUndefined();
		expect(result.output.map((item) => (item.json.input as { prompt: string }).prompt)).toEqual(texts);
		expect(result.output.map((item) => item.pairedItem)).toEqual(texts.map((_, item) => ({ item })));

		// A task is in flight from its createTask call to the recordInfo call that saw it final.
		const spans = sandbox().createCalls().map((create) => {
			const polls = sandbox().recordInfoCalls().filter((poll) => poll.query.taskId === create.taskId);
			return { from: create.at, to: polls.at(-1)!.at };
		});
		const maxInFlight = Math.max(...spans.map(({ from }) => spans.filter((span) => span.from <= from && from <= span.to).length));
		expect(spans).toHaveLength(20);
		expect(maxInFlight).toBeLessThanOrEqual(5);
		expect(maxInFlight).toBeGreaterThanOrEqual(4);
	}, 60_000);

	it(`downloads at most ${MAX_PARALLEL_DOWNLOADS} images at once across a batch whose tasks finish together`, async () => {
		const answerMs = 400;
		sandbox().configure({ slowResponseMs: answerMs });
		const texts = Array.from({ length: 10 }, (_, index) => `two pictures [images=2] number ${index}`);
		const result = await runNanoBanana(sandbox(), { parameters: createAndWait(), items: prompts(...texts) });
		expect(result.error).toBeUndefined();
		expect(result.output.flatMap((item) => Object.keys(item.binary ?? {}))).toHaveLength(20);

		// A slot frees only once an answer, sent at least answerMs after its request arrived, was read.
		const arrivals = sandbox().imageCalls().map((call) => call.at);
		const mostAtOnce = Math.max(...arrivals.map((at) => arrivals.filter((other) => other <= at && other > at - answerMs).length));
		expect(arrivals).toHaveLength(20);
		expect(mostAtOnce).toBe(MAX_PARALLEL_DOWNLOADS);
	}, 60_000);

	describe('every item settles when LiangXin returns the same task for two items', () => {
		/** A real task of the sandbox, then both next creates answered with its ID. */
		async function twoCreatesAnsweredWith(prompt: string): Promise<string> {
			const created = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt } });
			const taskId = String(created.output[0].json.taskId);
			sandbox().queueFault({ path: 'createTask', status: 200, body: { code: 200, msg: 'success', data: { taskId } }, times: 2 });
			return taskId;
		}

		it('gives the task to one item and an error naming it to the other', async () => {
			const taskId = await twoCreatesAnsweredWith('the only real task');
			const result = await runNanoBanana(sandbox(), {
				parameters: createAndWait('={{ $json.prompt }}', { downloadImages: false }),
				items: prompts('first picture', 'second picture'),
				continueOnFail: true,
			});
			expect(result.error).toBeUndefined();
			const delivered = result.output.find((item) => !item.json.error);
			const refused = result.output.find((item) => item.json.error);
			expect(delivered?.json).toMatchObject({ taskId, status: 'success' });
			expect(String(refused?.json.error)).toMatch(
				new RegExp(`^LiangXin returned task ${taskId} for item [01], but had already returned it for item [01]$`),
			);
			expect(result.output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		}, 30_000);

		it('ends promptly when the execution is cancelled while the other item waits', async () => {
			const taskId = await twoCreatesAnsweredWith('a [slow] real task');
			const controller = new AbortController();
			let cancelledAt = 0;
			void sandbox()
				.waitForLog((entry) => entry.route === 'createTask' && entry.fault === 'queued', 2)
				.then(async () => {
					await new Promise((resolve) => setTimeout(resolve, 500));
					cancelledAt = Date.now();
					controller.abort();
				});
			const result = await runNanoBanana(sandbox(), {
				parameters: createAndWait(),
				items: prompts('first picture', 'second picture'),
				continueOnFail: true,
				abortSignal: controller.signal,
			});
			expect(cancelledAt).toBeGreaterThan(0);
			expect(Date.now() - cancelledAt).toBeLessThan(2000);
			expect(result.error?.message).toBe(
				'The execution was cancelled while LiangXin tasks were running. This run created 1 LiangXin task whose results are not delivered: get it with Get Generation (its task ID is in the details)',
			);
			expect((result.error as { undeliveredTaskIds?: string[] }).undeliveredTaskIds).toEqual([taskId]);
		}, 30_000);
	});
});
