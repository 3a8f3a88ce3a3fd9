import type {
	IDataObject,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getTask } from '../shared/tasks/api';
import { answerCallback, RETRY_LATER, VERIFY_BUDGET } from '../shared/tasks/callbackAnswer';
import { toOutputItem } from '../shared/output/outputItem';
import type { ResultOptions } from '../shared/output/outputOptions';
import {
	allowLocalResultUrlsOption,
	binaryPropertyPrefixOption,
	downloadImagesOption,
	includeRawOption,
	maxFileSizeOption,
} from '../shared/output/outputOptions';
import { readOutputSettings } from '../shared/parameters/outputSettings';
import { normalizeTask, taskShapeProblem } from '../shared/tasks/task';
import { LiangXinClient } from '../shared/transport/client';
import { Deliveries, parseCallbackBody, tokensMatch, wantedEvent } from './callback';
import { webhookLifecycle } from '../shared/node/webhookLifecycle';

const verifyWithApi: INodeProperties = {
	displayName: 'Verify With LiangXin',
	name: 'verifyWithApi',
	type: 'boolean',
	default: true,
	description:
		"Whether to confirm each callback with LiangXin and output LiangXin's own answer instead of the posted body, so a forged callback cannot inject results. Needed to download images.",
};

/** Downloads fetch only what LiangXin's own answer names, so they are offered only while callbacks are verified. */
const whileVerified = { show: { [`/${verifyWithApi.name}`]: [true] } };

/**
 * The trigger receives the callbacks of image and video tasks alike, of any model (a video model typed
 * in Other included): it stores images and videos, each told by its bytes. It downloads only when asked to.
 */
const triggerResults: ResultOptions = {
	accept: ['image', 'video'],
	download: {
		...downloadImagesOption,
		displayName: 'Download Images and Videos',
		default: false,
		description: "Whether to download the result images or videos into binary fields; only URLs from LiangXin's own answer are fetched, never those of a posted body",
	},
	maxFileSize: {
		...maxFileSizeOption,
		description: 'Largest result file to download; a larger one fails the item. A 4K PNG is usually 10 to 30 MB; raise it for videos (the LiangXin Video node allows 500 MB).',
	},
};

const EVENTS = [
	{ name: 'Task Succeeded', value: 'success' },
	{ name: 'Task Failed', value: 'fail' },
];

type Reply = (status: number, body: IDataObject) => IWebhookResponseData;

async function receiveCallback(context: IWebhookFunctions, reply: Reply): Promise<IWebhookResponseData> {
	const token = context.getNodeParameter('token', '') as string;
	if (token && !tokensMatch((context.getQueryData() as IDataObject).token, token)) {
		return reply(401, { error: 'missing or wrong token' });
	}

	const body = parseCallbackBody(context.getBodyData(), context.getRequestObject().rawBody);
	const problem = taskShapeProblem(body);
	if (problem) return reply(400, { error: `not a LiangXin task callback: ${problem}` });

	const settings = readOutputSettings(context, 0, triggerResults);
	const verify = context.getNodeParameter('verifyWithApi') as boolean;
	const posted = normalizeTask(body, { includeRaw: settings.includeRaw });
	const { taskId } = posted;
	const duplicate = () => reply(200, { received: true, started: false, reason: 'duplicate delivery' });
	const deliveries = new Deliveries(context.getWorkflowStaticData('node'), `${context.getWorkflow().id}/${context.getNode().id}`);
	// A final state never changes, so a delivery claiming one already emitted is a repeat, verified or not.
	if (deliveries.wasEmitted(taskId, posted.status)) return duplicate();
	if (!deliveries.claim(taskId)) {
		return reply(RETRY_LATER, { error: 'another delivery of this task is being handled: send it again later' });
	}
	try {
		const client = verify ? await LiangXinClient.connect(context) : undefined;
		const task = client ? await getTask(client, taskId, { itemIndex: 0, includeRaw: settings.includeRaw, ...VERIFY_BUDGET }) : posted;
		if (deliveries.wasEmitted(taskId, task.status)) return duplicate();
		if (!wantedEvent(task.status, context.getNodeParameter('events', []) as string[])) {
			return reply(200, { received: true, started: false, reason: `task is ${task.state}` });
		}
		// Only URLs from LiangXin's own answer are fetched: a posted body can name any address.
		const item = client ? await toOutputItem(context, client, task, { itemIndex: 0, settings }) : { json: task };
		deliveries.record(taskId, task.status);
		return { workflowData: [[item]] };
	} finally {
		deliveries.release(taskId);
	}
}

export class LiangXinTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LiangXin Trigger',
		name: 'liangXinTrigger',
		icon: { light: 'file:../LiangXinNanoBananaPro/liangxin.svg', dark: 'file:../LiangXinNanoBananaPro/liangxin.dark.svg' },
		group: ['trigger'],
		// 1.1 verifies callbacks with the API by default; version 1 keeps its stored default (off).
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: `={{ $parameter["events"].map((event) => (${JSON.stringify(Object.fromEntries(EVENTS.map(({ name, value }) => [value, name])))})[event]).join(", ") }}`,
		description: 'Starts the workflow when a LiangXin task succeeds or fails (the task callback)',
		defaults: { name: 'LiangXin Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'liangXinApi',
				required: true,
				displayOptions: { show: { verifyWithApi: [true] } },
			},
		],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'liangxin' }],
		properties: [
			{
				displayName:
					"Paste this node's Production URL into the Callback URL of Start Generation in a LiangXin Image, LiangXin Nano Banana Pro or LiangXin Video node, in another workflow, and publish this workflow; add ?token=YOUR_SECRET_TOKEN when a Secret Token is set. The Test URL receives only while the editor listens for a test event. LiangXin needs a public HTTPS URL: behind a tunnel or proxy, set n8n's WEBHOOK_URL.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: EVENTS,
				default: ['success', 'fail'],
				description: 'Which final states start the workflow; other callbacks are acknowledged and ignored',
			},
			{
				displayName: 'Secret Token',
				name: 'token',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'When set, callbacks must carry it as ?token=... in the URL; others get HTTP 401. LiangXin signs nothing, so this is what keeps strangers out.',
			},
			{ ...verifyWithApi, default: false, displayOptions: { show: { '@version': [1] } } },
			{ ...verifyWithApi, displayOptions: { show: { '@version': [{ _cnd: { gte: 1.1 } }] } } },
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					...[triggerResults.download, binaryPropertyPrefixOption, triggerResults.maxFileSize].map((option) => ({ ...option, displayOptions: whileVerified })),
					{ ...includeRawOption, description: "Whether to add the body received (or LiangXin's answer when verifying) under `raw`" },
					{ ...allowLocalResultUrlsOption, displayOptions: whileVerified },
				],
			},
		],
	};

	webhookMethods = { default: webhookLifecycle };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		// A delivery that could not be verified is answered 503, so LiangXin sends it again.
		const reply: Reply = (status, body) => answerCallback(this, status, body);
		try {
			return await receiveCallback(this, reply);
		} catch (error) {
			// Thrown, n8n would answer 500 with its own message; a 503 asks LiangXin to deliver again.
			this.logger.warn(`LiangXin Trigger could not handle a callback: ${error instanceof Error ? error.message : String(error)}`);
			return reply(RETRY_LATER, { error: 'the callback could not be handled now: send it again later' });
		}
	}
}
