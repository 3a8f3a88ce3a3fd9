import type {
	IExecuteFunctions,
	INodeExecutionData,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { createTask } from '../../tasks/api';
import { CALLBACK_TIME_LIMIT_MS, CallbackAnswer, RETRY_LATER, VERIFY_BUDGET } from '../../tasks/callbackAnswer';
import { LiangXinClient } from '../../transport/client';
import { refusePauseInAiTool } from '../../parameters/aiTool';
import { readMaxWaitMs } from '../../parameters/fields';
import { setMaxWaitReachedItems } from './maxWaitReached';
import { isVersion1 } from '../../parameters/nodeVariant';
import { readBooleanOption } from '../../parameters/options';
import { readOutputSettings } from '../../parameters/outputSettings';
import type { Pause, PausedItem } from './pausedTasks';
import { finalTasks, loadPause, newPauseId, outputItems, savePausedItems, settledItems } from './pausedTasks';
import { namedItem, waitsWithoutTurn } from './namedTask';
import type { GatedCallback } from './resumeGate';
import { ResumeGate } from './resumeGate';
import type { RequestParameters } from '../../parameters/request';
import { prepareCreate, withBinaryImages } from '../../parameters/request';
import { connectForCreates } from '../connect';
import { runItems } from '../runItems';
import type { TaskMedia } from '../taskMedia';
import { checkResumeUrl } from './resumeUrl';
import { allowLocalCallbackOption, VERSION_1_PAUSE_OUTPUT } from './waitMode';

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

/**
 * The items on the node's outputs: all on the one output, or for a version 1 node Max Wait Reached
 * for tasks still running past their item's Max Wait and Results for the rest.
 */
function toOutputs(context: IExecuteFunctions | IWebhookFunctions, items: INodeExecutionData[]): INodeExecutionData[][] {
	if (!isVersion1(context)) return [items];
	const outputs: INodeExecutionData[][] = [[], []];
	for (const item of items) {
		outputs[item.json.maxWaitReached === true ? VERSION_1_PAUSE_OUTPUT.maxWaitReached : VERSION_1_PAUSE_OUTPUT.results].push(item);
	}
	return outputs;
}

/**
 * This execution's resume URL with the webhook's path appended; its signature stays in the query. One
 * URL for the whole execution, so Allow Local Callback URL is read from the first item.
 */
function callbackUrlOf(context: IExecuteFunctions): string {
	const resumeUrl = String(context.evaluateExpression('{{ $execution.resumeUrl }}', 0) ?? '');
	const allowLocal = readBooleanOption(context, 0, allowLocalCallbackOption);
	const url = checkResumeUrl(context, resumeUrl, allowLocal);
	url.pathname = `${url.pathname.replace(/\/$/, '')}/${resumeWebhook.path}`;
	return url.toString();
}

interface PausedCreates {
	client: LiangXinClient;
	parameters: RequestParameters;
	media: TaskMedia;
	callBackUrl: string;
}

/**
 * Creates a task per item, each with the item's output settings and Max Wait: all of them read and
 * checked for every item before the first create. With Continue On Fail, an item that failed is its error item.
 */
async function createPausedItems(
	context: IExecuteFunctions,
	{ client, parameters, media, callBackUrl }: PausedCreates,
): Promise<PausedItem[]> {
	const paused: PausedItem[] = [];
	const created = await runItems(context, {
		concurrency: CREATE_CONCURRENCY,
		prepare: async (itemIndex) => ({
			create: await prepareCreate(context, itemIndex, parameters, false),
			settings: readOutputSettings(context, itemIndex, media.results),
			maxWaitMs: readMaxWaitMs(context, itemIndex, media.maxWait),
		}),
		run: async (itemIndex, { create, settings, maxWaitMs }, abortSignal, createdTasks) => {
			const request = { ...(await withBinaryImages(context, itemIndex, create)), callBackUrl };
			const { taskId } = await createTask(client, request, { itemIndex, abortSignal });
			createdTasks.add(taskId, itemIndex);
			paused[itemIndex] = { taskId, deadline: Date.now() + maxWaitMs, ...settings };
			return { json: { taskId } };
		},
	});
	return created.map(({ json }, itemIndex) => paused[itemIndex] ?? { errorItem: json, download: false, includeRaw: false });
}

/**
 * Whatever is done already, read just before the pause: a callback that arrives before the pause is
 * saved is refused by n8n. If the check fails, the tasks are not known to be final: the pause goes
 * ahead, and the callbacks or Max Wait settle them.
 */
async function settledBeforePause(
	context: IExecuteFunctions,
	client: LiangXinClient,
	{ pauseId, items }: Pause,
): Promise<INodeExecutionData[] | undefined> {
	try {
		// What it finds serves the callbacks this process handles: they do not ask about those tasks again.
		return await settledItems(context, client, items, ResumeGate.of(pauseId).known);
	} catch (error) {
		context.logger.warn(`LiangXin could not be asked whether the tasks are done; pausing all the same: ${(error as Error).message}`);
		return undefined;
	}
}

/** When the pause ends: at the latest item's Max Wait. */
const pauseDeadline = (items: PausedItem[]) => items.reduce((latest, item) => Math.max(latest, item.deadline ?? 0), Date.now());

/**
 * Pause mode of Create & Wait: creates a task per item with a callback to this execution, keeps the
 * task IDs in the execution, and pauses it until the latest item's Max Wait. Nothing runs while it
 * waits. No created task is lost: a failed create throws naming every task created, and once all
 * creates are done the node pauses or outputs the results.
 */
export async function pauseUntilCallback(this: IExecuteFunctions, parameters: RequestParameters, media: TaskMedia): Promise<INodeExecutionData[][]> {
	refusePauseInAiTool(this, media.tool);
	const callBackUrl = callbackUrlOf(this);
	const client = await connectForCreates(this);
	const pausedItems = await createPausedItems(this, { client, parameters, media, callBackUrl });
	const pause = { pauseId: newPauseId(), items: pausedItems };
	const settled = await settledBeforePause(this, client, pause);
	if (settled) return toOutputs(this, settled);
	savePausedItems(this, pause);
	setMaxWaitReachedItems(this, pausedItems);
	await this.putExecutionToWait(new Date(pauseDeadline(pausedItems)));
	return toOutputs(this, []);
}

/**
 * A callback is only a hint: of its body only the task ID is read, to ask about that task first. The node asks LiangXin about the
 * execution's tasks and resumes, once, when all are final. It never throws: an error thrown here
 * would end the paused execution as failed and drop its data, so it answers 503 and keeps waiting.
 *
 * It answers within CALLBACK_TIME_LIMIT_MS whatever LiangXin does, its turn in the gate included.
 * A check still running then (a large batch, a slow LiangXin, the downloads of a resume) is answered
 * 503, so LiangXin delivers again, and goes on: stopping it would lose its work, and the check that
 * finds the last task final could never finish for a batch larger than the time limit allows.
 */
export async function resumeOnCallback(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const answer = new CallbackAnswer(this);
	const deadline = AbortSignal.timeout(CALLBACK_TIME_LIMIT_MS);
	const answerLate = () => answer.keepWaiting(RETRY_LATER, 'the check takes longer than the time limit; it goes on, and the execution waits');
	const answerLateFromNow = () => {
		if (deadline.aborted) answerLate();
		else deadline.addEventListener('abort', answerLate, { once: true });
	};
	try {
		const pause = loadPause(this);
		if (!pause) return answer.keepWaiting(409, 'nothing is waiting here');
		const gate = ResumeGate.of(pause.pauseId);
		const hint = namedItem(this, pause.items);
		if (hint !== undefined) {
			answerLateFromNow();
			if (await waitsWithoutTurn(this, pause, gate, hint)) return answer.keepWaiting(200, 'tasks are still running');
			deadline.removeEventListener('abort', answerLate);
		}
		const callback: GatedCallback<IWebhookResponseData> = {
			handle: async () => {
				answerLateFromNow();
				const client = await LiangXinClient.connect(this);
				const tasks = await finalTasks(client, pause.items, gate.known, { hint, trustRunning: hint !== undefined, budget: VERIFY_BUDGET });
				if (!tasks) return answer.keepWaiting(200, 'tasks are still running');
				return answer.resume(toOutputs(this, await outputItems(this, client, pause.items, tasks)));
			},
			resumed: (response) => response.workflowData !== undefined,
			alreadyResumed: () => answer.keepWaiting(200, 'another callback resumed this execution'),
			retryLater: (reason) => answer.keepWaiting(RETRY_LATER, `not checked: ${reason}; the execution keeps waiting`),
		};
		return await gate.handle(callback, deadline);
	} catch (error) {
		this.logger.warn(`A LiangXin callback could not be handled; the execution keeps waiting: ${(error as Error).message}`);
		return answer.keepWaiting(RETRY_LATER, 'LiangXin could not be asked; the execution keeps waiting');
	} finally {
		deadline.removeEventListener('abort', answerLate);
	}
}
