import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { CreatedTasks } from './createdTasks';
import { errorJson, failureOf } from './errorItem';

interface ItemJob<Prepared> {
	/** Reads and validates an item; runs for every item before any request is sent. */
	prepare: (itemIndex: number) => Promise<Prepared>;
	/** Does the item's work; at most `concurrency` of these run at once. Each task it creates goes into `createdTasks`. */
	run: (
		itemIndex: number,
		prepared: Prepared,
		abortSignal: AbortSignal,
		createdTasks: CreatedTasks,
	) => Promise<INodeExecutionData>;
	concurrency: number;
}

/** A continue-on-fail item: an error that names its task (`taskId`) carries the ID. */
function errorItem(context: IExecuteFunctions, error: Error, itemIndex: number): INodeExecutionData {
	return { json: errorJson(context, failureOf(error)), pairedItem: { item: itemIndex } };
}

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeOperationError || error instanceof NodeApiError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

/** Resolves once the signal aborts; `dispose` drops the listener when it never does. */
function whenAborted(signal: AbortSignal) {
	let onAbort = () => {};
	const aborted = new Promise<void>((resolve) => {
		onAbort = resolve;
		if (signal.aborted) resolve();
		else signal.addEventListener('abort', onAbort, { once: true });
	});
	return { aborted, dispose: () => signal.removeEventListener('abort', onAbort) };
}

/**
 * Runs a job over every input item: validation first for all items, then the work with bounded
 * concurrency. Exactly one output per input, in input order, paired to it. With Continue On Fail
 * a failing item becomes an error item; without it the first failure stops the others and is thrown,
 * naming every task the execution created. A cancelled execution ends at once, even if some work
 * does not notice the cancellation.
 */
export async function runItems<Prepared>(
	context: IExecuteFunctions,
	{ prepare, run, concurrency }: ItemJob<Prepared>,
): Promise<INodeExecutionData[]> {
	const itemCount = context.getInputData().length;
	const continueOnFail = context.continueOnFail();
	const results: INodeExecutionData[] = new Array(itemCount);
	const prepared = new Map<number, Prepared>();

	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			prepared.set(itemIndex, await prepare(itemIndex));
		} catch (error) {
			if (!continueOnFail) throw asNodeError(context, error, itemIndex);
			results[itemIndex] = errorItem(context, error as Error, itemIndex);
		}
	}

	const stopOthers = new AbortController();
	const cancelSignal = context.getExecutionCancelSignal();
	const abortSignal = cancelSignal ? AbortSignal.any([cancelSignal, stopOthers.signal]) : stopOthers.signal;
	const queue = [...prepared.keys()];
	let firstFailure: { itemIndex: number; error: Error } | undefined;
	const createdTasks = new CreatedTasks(context.getNode());

	const worker = async () => {
		for (let itemIndex = queue.shift(); itemIndex !== undefined; itemIndex = queue.shift()) {
			if (abortSignal.aborted) return;
			try {
				const output = await run(itemIndex, prepared.get(itemIndex) as Prepared, abortSignal, createdTasks);
				results[itemIndex] = { ...output, pairedItem: { item: itemIndex } };
			} catch (error) {
				if (abortSignal.aborted) return;
				if (continueOnFail) {
					results[itemIndex] = errorItem(context, error as Error, itemIndex);
					continue;
				}
				firstFailure = { itemIndex, error: error as Error };
				stopOthers.abort();
				return;
			}
		}
	};
	const workers = Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker));
	const cancelled = cancelSignal && whenAborted(cancelSignal);
	await (cancelled ? Promise.race([workers, cancelled.aborted]) : workers);
	cancelled?.dispose();

	if (firstFailure) throw createdTasks.nameIn(asNodeError(context, firstFailure.error, firstFailure.itemIndex), { onErrorHelps: true });
	if (cancelSignal?.aborted) {
		throw createdTasks.nameIn(
			new NodeOperationError(context.getNode(), 'The execution was cancelled while LiangXin tasks were running', {
				description: 'Tasks that were already created may still finish on LiangXin.',
			}),
			{ onErrorHelps: false },
		);
	}
	return results;
}
