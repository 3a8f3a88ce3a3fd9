import type { IExecuteFunctions, INodeProperties, UsableAsToolDescription } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isAiTool } from './nodeVariant';

/** An AI agent waits for its tool's answer, so the tool gives up sooner unless Max Wait is set. */
export const TOOL_MAX_WAIT_MINUTES = 5;

const TOOL_BEHAVIOUR = `As an AI agent's tool it waits by polling, up to ${TOOL_MAX_WAIT_MINUTES} minutes per image unless Max Wait is set, and returns image URLs unless Download Images is on.`;

/** `usableAsTool` of an image node: the tool's description says how it behaves as a tool. */
export const usableAsImageTool = (description: string): UsableAsToolDescription => ({
	replacements: { description: `${description}. ${TOOL_BEHAVIOUR}` },
});

/** Shown in the panel only when the node is an AI agent's tool. */
export const aiToolNotice: INodeProperties = {
	displayName: `${TOOL_BEHAVIOUR} Pause Until Callback is refused: an agent cannot wait for a callback.`,
	name: 'aiToolNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { '@tool': [true] } },
};

/** An agent waits for the tool's answer within its own run: a pause would never give it one. */
export function refusePauseInAiTool(context: IExecuteFunctions) {
	if (!isAiTool(context)) return;
	throw new NodeOperationError(context.getNode(), 'Pause Until Callback cannot be used when an AI agent runs this node as a tool', {
		description: `An agent waits for the tool's answer and cannot wait for a callback, so nothing was created. Set Wait Mode to Poll: the tool then waits up to Max Wait (${TOOL_MAX_WAIT_MINUTES} minutes unless set).`,
	});
}
