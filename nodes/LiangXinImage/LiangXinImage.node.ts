import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { imageOperations } from '../shared/actions/imageOperations';
import { operationProperties, operationRouter, operationSubtitle } from '../shared/actions/operation';
import { resumeOnCallback, resumeWebhook } from '../shared/actions/wait/pauseUntilCallback';
import { imageNodeOutputs } from '../shared/actions/wait/waitMode';
import { webhookLifecycle } from '../shared/node/webhookLifecycle';
import { imageParameters } from '../shared/parameters/imageModels';

const operations = imageOperations(imageParameters);

export class LiangXinImage implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LiangXin Image',
		name: 'liangXinImage',
		icon: { light: 'file:../LiangXinNanoBananaPro/liangxin.svg', dark: 'file:../LiangXinNanoBananaPro/liangxin.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: operationSubtitle(operations),
		description: 'Generate images with any LiangXin image model: Nano Banana, Seedream, Z-Image, Imagen 4, Flux 2 and more',
		defaults: { name: 'LiangXin Image' },
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
