import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { imageOperations } from '../shared/actions/imageOperations';
import { operationProperties, operationRouter, operationSubtitle } from '../shared/actions/operation';
import { resumeOnCallback, resumeWebhook } from '../shared/actions/wait/pauseUntilCallback';
import { imageNodeOutputs } from '../shared/actions/wait/waitMode';
import { webhookLifecycle } from '../shared/node/webhookLifecycle';
import { nanoBananaProParameters } from '../shared/parameters/nanoBananaPro';

const operations = imageOperations(nanoBananaProParameters);

export class LiangXinNanoBananaPro implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LiangXin Nano Banana Pro',
		name: 'liangXinNanoBananaPro',
		icon: { light: 'file:liangxin.svg', dark: 'file:liangxin.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description: 'Generate images with Nano Banana Pro (Gemini 3 Pro Image) through LiangXin',
		defaults: { name: 'LiangXin Nano Banana Pro' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: imageNodeOutputs,
		webhooks: [resumeWebhook],
		credentials: [{ name: 'liangXinApi', required: true }],
		properties: operationProperties(operations),
	};

	execute = operationRouter(operations);

	webhook = resumeOnCallback;

	webhookMethods = { default: webhookLifecycle };
}
