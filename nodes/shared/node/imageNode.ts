import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { imageOperations } from '../actions/imageOperations';
import { operationProperties, operationRouter, operationSubtitle } from '../actions/operation';
import { resumeOnCallback, resumeWebhook } from '../actions/wait/pauseUntilCallback';
import { imageNodeOutputs } from '../actions/wait/waitMode';
import { IMAGE_NODE_DEFAULT_VERSION, IMAGE_NODE_VERSIONS } from '../parameters/nodeVariant';
import { usableAsImageTool } from '../parameters/aiTool';
import type { RequestParameters } from '../parameters/request';
import { CREDENTIAL_TYPE } from '../platform/apiAddress';
import { webhookLifecycle } from './webhookLifecycle';

/** What sets one image node apart: its names, its icon and the parameters that describe its requests. */
export interface ImageNodeSpec {
	displayName: string;
	name: string;
	description: string;
	icon: INodeTypeDescription['icon'];
	/** Which models it runs and how an item's request is read: a Model parameter, or one model's fields. */
	parameters: RequestParameters;
}

/**
 * An image node: Create & Wait (polling or paused until LiangXin calls back), Create Task and Get Task,
 * for the requests its parameters describe. A node class passes its spec and nothing else.
 */
export class ImageNode implements INodeType {
	description: INodeTypeDescription;

	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

	webhook = resumeOnCallback;

	webhookMethods = { default: webhookLifecycle };

	constructor({ displayName, name, description, icon, parameters }: ImageNodeSpec) {
		const operations = imageOperations(parameters);
		this.description = {
			displayName,
			name,
			icon,
			group: ['transform'],
			version: IMAGE_NODE_VERSIONS,
			defaultVersion: IMAGE_NODE_DEFAULT_VERSION,
			subtitle: operationSubtitle(operations, parameters.subtitleModel),
			description,
			defaults: { name: displayName },
			usableAsTool: usableAsImageTool(description),
			inputs: [NodeConnectionTypes.Main],
			outputs: imageNodeOutputs,
			webhooks: [resumeWebhook],
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			properties: operationProperties(operations),
		};
		this.execute = operationRouter(operations);
	}
}
