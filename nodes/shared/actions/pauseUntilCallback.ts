import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { createTask } from '../api';
import type { OutputOptions } from '../outputOptions';
import { LiangXinClient } from '../transport';
import { setMaxWaitReachedItems } from './maxWaitReached';
import type { PausedItem } from './pausedTasks';
import { finalTasks, loadPause, outputItems, savePausedItems, settledItems } from './pausedTasks';
import { ResumeGate } from './resumeGate';
import type { RequestParameters } from './request';
import { connectForCreates, prepareCreate, withBinaryImages } from './request';
import { runItems } from './runItems';
import { checkResumeUrl, PAUSE_OUTPUT } from './waitMode';

/** Creates run concurrently, paced to the create rate limit option (as Create Task does). */
const CREATE_CONCURRENCY = 10;

/** The webhook LiangXin calls back: below the execution's resume URL, so n8n checks its signature. */
export const resumeWebhook: IWebhookDescription = {
	name: 'default',
	httpMethod: 'POST',
	responseMode: 'onReceived',
	// Without it n8n answers the resuming call with the literal `firstEntryJson`.
	responseData: '',
	path: 'callback',
	restartWebhook: true,
};

/** The items on the Results output, nothing on Max Wait Reached. */
function asResults(items: INodeExecutionData[]): INodeExecutionData[][] {
	const outputs: INodeExecutionData[][] = [[], []];
	outputs[PAUSE_OUTPUT.results] = items;
	return outputs;
}

/** This execution's resume URL with the webhook's path appended; its signature stays in the query. */
function callbackUrlOf(context: IExecuteFunctions): string {
	const resumeUrl = String(context.evaluateExpression('{{ $execution.resumeUrl }}', 0) ?? '');
	const allowLocal = context.getNodeParameter('options.allowLocalCallbackUrl', 0, false) as boolean;
	const url = checkResumeUrl(context, resumeUrl, allowLocal);
	url.pathname = `${url.pathname.replace(/\/$/, '')}/${resumeWebhook.path}`;
	return url.toString();
}

/**
 * Pause mode of Create & Wait: creates a task per item with a callback to this execution, keeps the
 * task IDs in the execution, and pauses it until `maxWaitMs` from now. Nothing runs while it waits.
 */
export async function pauseUntilCallback(
	this: IExecuteFunctions,
	parameters: RequestParameters,
	maxWaitMs: number,
): Promise<INodeExecutionData[][]> {
	const callBackUrl = callbackUrlOf(this);
	const client = await connectForCreates(this);
	const created = await runItems(this, {
		concurrency: CREATE_CONCURRENCY,
		prepare: async (itemIndex) => await prepareCreate(this, itemIndex, parameters),
		run: async (itemIndex, prepared, abortSignal, createdTasks) => {
			const request = { ...(await withBinaryImages(this, itemIndex, prepared)), callBackUrl };
			const { taskId } = await createTask(client, request, { itemIndex, abortSignal });
			createdTasks.add(taskId, itemIndex);
			return { json: { taskId } };
		},
	});
	const pausedItems = created.map(({ json }, itemIndex): PausedItem => {
		const options = this.getNodeParameter('options', itemIndex, {}) as OutputOptions;
		const settings = {
			download: options.downloadImages !== false,
			binaryPropertyPrefix: options.binaryPropertyPrefix,
			includeRaw: options.includeRaw === true,
		};
		return json.error ? { errorItem: json, ...settings } : { taskId: json.taskId as string, ...settings };
	});
	// A callback that arrives before the pause is saved is refused by n8n: whatever is done already is read now.
	const settled = await settledItems(this, client, pausedItems);
	if (settled) return asResults(settled);
	savePausedItems(this, pausedItems);
	setMaxWaitReachedItems(this, pausedItems);
	await this.putExecutionToWait(new Date(Date.now() + maxWaitMs));
	return [[], []];
}

/** The answer to a callback that leaves the execution waiting. */
function keepWaiting(context: IWebhookFunctions, status: number, body: IDataObject): IWebhookResponseData {
	context.getResponseObject().status(status).json(body);
	return { noWebhookResponse: true };
}

/**
 * A callback is only a hint: the posted body is never read. The node asks LiangXin about the
 * execution's tasks and resumes, once, when all are final. It never throws: an error thrown here
 * would end the paused execution as failed and drop its data, so it answers 503 and keeps waiting.
 */
export async function resumeOnCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	try {
		const pause = loadPause(this);
		if (!pause) return keepWaiting(this, 409, { resumed: false, reason: 'nothing is waiting here' });
		const gate = ResumeGate.of(pause.pauseId);
		return await gate.handle<IWebhookResponseData>({
			handle: async () => {
				const client = await LiangXinClient.connect(this);
				const tasks = await finalTasks(client, pause.items, {
					first: gate.runningItem,
					onRunning: (itemIndex) => (gate.runningItem = itemIndex),
				});
				if (!tasks) return keepWaiting(this, 200, { resumed: false, reason: 'tasks are still running' });
				return { workflowData: asResults(await outputItems(this, client, pause.items, tasks)) };
			},
			resumed: (response) => response.workflowData !== undefined,
			alreadyResumed: () => keepWaiting(this, 200, { resumed: false, reason: 'another callback resumed this execution' }),
		});
	} catch (error) {
		this.logger.warn(`A LiangXin callback could not be handled; the execution keeps waiting: ${(error as Error).message}`);
		return keepWaiting(this, 503, { resumed: false, reason: 'LiangXin could not be asked; the execution keeps waiting' });
	}
}
