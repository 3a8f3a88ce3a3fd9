import type { IExecuteFunctions, INodeProperties, UsableAsToolDescription } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isAiTool } from './nodeVariant';

/** An AI agent waits for its tool's answer, so the tool gives up sooner unless Max Wait is set. */
export const TOOL_MAX_WAIT_MINUTES = 5;

/** How a node behaves as an AI agent's tool: what it makes, its download option and its Max Wait as a tool. */
export interface ToolSpec {
	noun: string;
	download: string;
	maxWaitMinutes: number;
}

export const IMAGE_TOOL: ToolSpec = { noun: 'image', download: 'Download Images', maxWaitMinutes: TOOL_MAX_WAIT_MINUTES };

const toolBehaviour = ({ noun, download, maxWaitMinutes }: ToolSpec) =>
	`As an AI agent's tool it waits by polling, up to ${maxWaitMinutes} minutes per ${noun} unless Max Wait is set, and returns ${noun} URLs unless ${download} is on.`;

/** `usableAsTool` of a node: the tool's description says how it behaves as a tool. */
export const usableAsTool = (description: string, tool: ToolSpec): UsableAsToolDescription => ({
	replacements: { description: `${description}. ${toolBehaviour(tool)}` },
});

/** Shown in the panel only when the node is an AI agent's tool. */
export const aiToolNotice = (tool: ToolSpec): INodeProperties => ({
	displayName: `${toolBehaviour(tool)} Pause Until Callback is refused: an agent cannot wait for a callback.`,
	name: 'aiToolNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { '@tool': [true] } },
});

/** An agent waits for the tool's answer within its own run: a pause would never give it one. */
export function refusePauseInAiTool(context: IExecuteFunctions, tool: ToolSpec) {
	if (!isAiTool(context)) return;
	throw new NodeOperationError(context.getNode(), 'Pause Until Callback cannot be used when an AI agent runs this node as a tool', {
		description: `An agent waits for the tool's answer and cannot wait for a callback, so nothing was created. Set Wait Mode to Poll: the tool then waits up to Max Wait (${tool.maxWaitMinutes} minutes unless set).`,
	});
}
