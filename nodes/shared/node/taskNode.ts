import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { operationProperties, operationRouter, operationSubtitle } from '../actions/operation';
import type { TaskMedia } from '../actions/taskMedia';
import { IMAGE_TASKS } from '../actions/taskMedia';
import { taskOperations } from '../actions/taskOperations';
import { resumeOnCallback, resumeWebhook } from '../actions/wait/pauseUntilCallback';
import { taskNodeOutputs } from '../actions/wait/waitMode';
import { IMAGE_NODE_VERSIONS } from '../parameters/nodeVariant';
import { usableAsTool } from '../parameters/aiTool';
import type { RequestParameters } from '../parameters/request';
import { CREDENTIAL_TYPE } from '../platform/apiAddress';
import { webhookLifecycle } from './webhookLifecycle';

/** What sets one node apart: its names, its icon, the parameters that describe its requests and what its tasks make. */
export interface TaskNodeSpec {
	displayName: string;
	name: string;
	description: string;
	icon: INodeTypeDescription['icon'];
	/** Which models it runs and how an item's request is read: a Model parameter, or one model's fields. */
	parameters: RequestParameters;
	/** Images (the default) or videos. */
	media?: TaskMedia;
	/** Its versions, the newest the default: the image nodes' (1 and 1.1) unless given; a node added later starts at 1.1. */
	versions?: number[];
}

/**
 * A node of LiangXin tasks, image or video: Generate (polling or paused until LiangXin calls back),
 * Start Generation and Get Generation, for the requests its parameters describe. A node class passes
 * its spec and nothing else.
 */
export class TaskNode implements INodeType {
	description: INodeTypeDescription;

	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

	webhook = resumeOnCallback;

	webhookMethods = { default: webhookLifecycle };

	constructor({ displayName, name, description, icon, parameters, media = IMAGE_TASKS, versions = IMAGE_NODE_VERSIONS }: TaskNodeSpec) {
		const operations = taskOperations(parameters, media);
		this.description = {
			displayName,
			name,
			icon,
			group: ['transform'],
			version: versions,
			defaultVersion: Math.max(...versions),
			subtitle: operationSubtitle(operations, parameters.subtitleModel),
			description,
			defaults: { name: displayName },
			usableAsTool: usableAsTool(description, media.tool),
			inputs: [NodeConnectionTypes.Main],
			outputs: taskNodeOutputs,
			webhooks: [resumeWebhook],
			credentials: [{ name: CREDENTIAL_TYPE, required: true }],
			properties: operationProperties(operations),
		};
		this.execute = operationRouter(operations);
	}
}
