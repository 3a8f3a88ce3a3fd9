import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import * as createAndWait from './actions/createAndWait.operation';
import * as createTask from './actions/createTask.operation';
import * as getTask from './actions/getTask.operation';
import { router } from './actions/router';

export class LiangXinNanoBananaPro implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'LiangXin Nano Banana Pro',
		name: 'liangXinNanoBananaPro',
		icon: { light: 'file:liangxin.svg', dark: 'file:liangxin.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{ {createTask: "Create Task", getTask: "Get Task", createAndWait: "Create & Wait"}[$parameter["operation"]] }}',
		description: 'Generate images with Nano Banana Pro (Gemini 3 Pro Image) through LiangXin',
		defaults: { name: 'LiangXin Nano Banana Pro' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'liangXinApi', required: true }],
		properties: [
			{
				displayName: 'Operation',
				name: 'operation',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Create & Wait',
						value: 'createAndWait',
						action: 'Generate an image and wait for it',
						description: 'Create a task per item and wait for the images',
					},
					{
						name: 'Create Task',
						value: 'createTask',
						action: 'Create an image generation task',
						description: 'Create a task per item and return its task ID at once',
					},
					{
						name: 'Get Task',
						value: 'getTask',
						action: 'Get an image generation task',
						description: 'Get the state and the images of a task',
					},
				],
				default: 'createAndWait',
			},
			...createAndWait.description,
			...createTask.description,
			...getTask.description,
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
