import type {
	IDataObject,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { getTask } from '../shared/api';
import { downloadTaskImages } from '../shared/images';
import type { OutputOptions } from '../shared/outputOptions';
import { binaryPropertyPrefixOption, downloadImagesOption, includeRawOption, maxFileSizeOption } from '../shared/outputOptions';
import { normalizeTask, taskShapeProblem } from '../shared/task';
import { LiangXinClient } from '../shared/transport';
import { claimDelivery, parseCallbackBody, recordDelivery, releaseDelivery, tokensMatch, wantedEvent } from './callback';
import { webhookLifecycle } from './webhookLifecycle';

export class LiangXinTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LiangXin Trigger',
		name: 'liangXinTrigger',
		icon: { light: 'file:../LiangXinNanoBananaPro/liangxin.svg', dark: 'file:../LiangXinNanoBananaPro/liangxin.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
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
					"Paste this node's Production URL into the Callback URL of the LiangXin Nano Banana Pro node (in another workflow), adding ?token=YOUR_SECRET_TOKEN when a Secret Token is set. LiangXin needs a public HTTPS URL: behind a tunnel or proxy, set n8n's WEBHOOK_URL.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: [
					{ name: 'Task Succeeded', value: 'success' },
					{ name: 'Task Failed', value: 'fail' },
				],
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
			{
				displayName: 'Verify With the API',
				name: 'verifyWithApi',
				type: 'boolean',
				default: false,
				description:
					"Whether to confirm each callback with LiangXin (Get Task) and emit the API's answer instead of the posted body, so a forged callback cannot inject results",
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{ ...downloadImagesOption, default: false },
					binaryPropertyPrefixOption,
					maxFileSizeOption,
					{ ...includeRawOption, description: 'Whether to add the body received (or the API answer when verifying) under `raw`' },
				],
			},
		],
	};

	webhookMethods = { default: webhookLifecycle };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const reply = (status: number, body: IDataObject): IWebhookResponseData => {
			this.getResponseObject().status(status).json(body);
			return { noWebhookResponse: true };
		};

		const token = this.getNodeParameter('token', '') as string;
		if (token && !tokensMatch((this.getQueryData() as IDataObject).token, token)) {
			return reply(401, { error: 'missing or wrong token' });
		}

		const body = parseCallbackBody(this.getBodyData(), this.getRequestObject().rawBody);
		const problem = taskShapeProblem(body);
		if (problem) return reply(400, { error: `not a LiangXin task callback: ${problem}` });

		const options = this.getNodeParameter('options', {}) as OutputOptions;
		const posted = normalizeTask(body, { includeRaw: options.includeRaw });
		const staticData = this.getWorkflowStaticData('node');
		const delivery = `${this.getWorkflow().id}/${this.getNode().id}/${posted.taskId}:${posted.status}`;
		if (!claimDelivery(staticData, delivery)) {
			return reply(200, { received: true, started: false, reason: 'duplicate delivery' });
		}
		let emitted = false;
		try {
			const verify = this.getNodeParameter('verifyWithApi', false) as boolean;
			const client = verify ? await LiangXinClient.connect(this) : LiangXinClient.forDownloads(this);
			const task = verify
				? await getTask(client, posted.taskId, { itemIndex: 0, includeRaw: options.includeRaw })
				: posted;
			const events = this.getNodeParameter('events', []) as string[];
			if (!wantedEvent(task.status, events)) {
				return reply(200, { received: true, started: false, reason: `task is ${task.state}` });
			}
			const binary = options.downloadImages
				? await downloadTaskImages(this, client, task, { itemIndex: 0, binaryPropertyPrefix: options.binaryPropertyPrefix })
				: undefined;
			recordDelivery(staticData, delivery);
			emitted = true;
			return { workflowData: [[{ json: task, ...(binary ? { binary } : {}) }]] };
		} finally {
			// A delivery that started nothing (filtered, or an error) must not block a later copy.
			if (!emitted) releaseDelivery(delivery);
		}
	}
}
