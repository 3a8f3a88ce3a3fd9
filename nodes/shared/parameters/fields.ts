import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FieldDescriptor, ModelContract } from '../models';
import { PROMPT_LABEL } from '../models/prompt';
import { REPORTED_CREATE_LIMIT } from '../platform/limits';
import { TOOL_MAX_WAIT_MINUTES } from './aiTool';
import { FROM_VERSION_1_1, IN_VERSION_1, isAiTool, isVersion1 } from './nodeVariant';
import type { NumberOptionRule } from './numberOption';
import { readNumberOption } from './numberOption';
import { readTextOption } from './options';

/** The parameters the image nodes' operations share. */

const callbackUrl: INodeProperties = {
	displayName: 'Callback URL',
	name: 'callbackUrl',
	type: 'string',
	default: '',
	placeholder: 'https://n8n.example.com/webhook/liangxin',
	description:
		"Where LiangXin sends each task's final result: the Production URL of a LiangXin Trigger in another workflow, which then starts when each image or video is ready. LiangXin needs a public HTTPS URL.",
};

/** Callback URL on the panel, where version 1 nodes have it. */
export const callbackUrlField: INodeProperties = { ...callbackUrl, displayOptions: { show: IN_VERSION_1 } };

/** Callback URL among the Options, from version 1.1. */
export const callbackUrlOption: INodeProperties = { ...callbackUrl, displayOptions: { show: FROM_VERSION_1_1 } };

export const readCallbackUrl = (context: IExecuteFunctions, itemIndex: number) =>
	(isVersion1(context)
		? String(context.getNodeParameter(callbackUrl.name, itemIndex, ''))
		: readTextOption(context, itemIndex, callbackUrlOption)
	).trim();

export const createRateLimitLabel = `Max Creates per ${REPORTED_CREATE_LIMIT.windowMs / 1000} Seconds`;

/** The longest Max Wait: 7 days, in minutes. A pause lasts until its latest item's Max Wait. */
export const MAX_WAIT_LIMIT_MINUTES = 7 * 24 * 60;

const atMost = `At most ${MAX_WAIT_LIMIT_MINUTES} (7 days).`;

/** Max Wait, and its default when an AI agent runs the node as a tool. */
export interface MaxWaitRule extends NumberOptionRule {
	toolFallback: number;
}

/** Max Wait of a node that waits `fallback` minutes for a task by default, `toolFallback` as a tool. */
export const maxWaitRuleOf = (fallback: number, toolFallback: number): MaxWaitRule => ({
	name: 'maxWaitMinutes',
	label: 'Max Wait (Minutes)',
	min: 0.05,
	max: MAX_WAIT_LIMIT_MINUTES,
	decimals: 2,
	fallback,
	toolFallback,
	description: `How long to wait for each task before giving up on it: a task still running then fails its item, and may still finish later. ${atMost} When unset: ${fallback}, or ${toolFallback} when an AI agent uses this node as a tool.`,
});

/** Per item, in Generate Image (both wait modes) and in Get Generation's Wait Until Done. */
export const maxWaitRule = maxWaitRuleOf(10, TOOL_MAX_WAIT_MINUTES);

/** What Max Wait bounds in a pause: the pause itself, which lasts until the latest item's. */
export const pauseMaxWaitDescription = `How long the pause may wait for each item's task. The pause ends when every task has called back, or at the latest item's Max Wait: items whose task has not called back then leave with maxWaitReached: true. ${atMost}`;

/** The item's Max Wait in milliseconds, checked; `rule` is the node's. */
export function readMaxWaitMs(context: IExecuteFunctions, itemIndex: number, rule: MaxWaitRule = maxWaitRule): number {
	return readNumberOption(context, itemIndex, isAiTool(context) ? { ...rule, fallback: rule.toolFallback } : rule) * 60_000;
}

/** Execution-wide: read from the first item. */
export const createRateLimitRule: NumberOptionRule = {
	name: 'maxCreatesPerWindow',
	label: createRateLimitLabel,
	min: 0,
	fallback: REPORTED_CREATE_LIMIT.tasks,
	description: `Paces the tasks this node creates so that a batch spends no calls on LiangXin's rate limit, which users report as ${REPORTED_CREATE_LIMIT.tasks} new tasks per ${REPORTED_CREATE_LIMIT.windowMs / 1000} s per account. Raise it if your account allows more; 0 sends creates without pacing. A refused create (429) is retried either way.`,
};

/** The Options collection of an operation. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options };
}

/** A model's prompt field. */
export const promptOf = (contract: ModelContract): FieldDescriptor => contract.fields.find((field) => field.name === 'prompt')!;

/** The Prompt parameter of every image node; `description` states the model's length rule. */
export const promptField = (description: string): INodeProperties => ({
	displayName: PROMPT_LABEL,
	name: 'prompt',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. A watercolor fox reading a newspaper in a Kyoto café',
	description,
	typeOptions: { rows: 4 },
});

/** Images from earlier nodes, sent as data URIs beside the image URLs. */
export const binaryImagePropertiesField: INodeProperties = {
	displayName: 'Input Binary Fields',
	name: 'binaryImageProperties',
	type: 'string',
	default: '',
	placeholder: 'e.g. data',
	description: "Binary fields of the input item holding images to send with the prompt, comma-separated: PNG, JPEG or WebP. They count towards the model's image limit.",
	hint: 'The name of each input field containing an image, e.g. data',
};
