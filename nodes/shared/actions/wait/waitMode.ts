import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isLocalHost } from '../../util/network';
import { parseUrl, urlForDisplay } from '../../util/urls';

export const WAIT_MODE = { poll: 'poll', pause: 'pause' } as const;

export const waitModeField: INodeProperties = {
	displayName: 'Wait Mode',
	name: 'waitMode',
	type: 'options',
	noDataExpression: true,
	default: 'poll',
	options: [
		{
			name: 'Poll',
			value: WAIT_MODE.poll,
			description: 'Keep the execution running and ask LiangXin until every task is done',
		},
		{
			name: 'Pause Until Callback',
			value: WAIT_MODE.pause,
			description:
				"Pause the execution until LiangXin calls back: nothing runs while images render, and a restart of n8n loses nothing. Needs n8n's webhook URL to be public HTTPS. If no callback resumes it by Max Wait, n8n ends the pause without results: one item per input item leaves on Max Wait Reached with its task ID and maxWaitReached: true. Connect it to LiangXin Get Task with Wait Until Done for the tasks' outcomes.",
		},
	],
};

export const allowLocalCallbackOption: INodeProperties = {
	displayName: 'Allow Local Callback URL (Testing)',
	name: 'allowLocalCallbackUrl',
	type: 'boolean',
	default: false,
	displayOptions: { show: { '/waitMode': [WAIT_MODE.pause] } },
	description:
		'Whether to pause even when n8n\'s webhook URL is local or plain HTTP, which LiangXin cannot reach. Only for tests against a local LiangXin stand-in.',
};

/** Where the items go in pause mode. An expired pause passes its saved input on, on the first output (see maxWaitReached.ts): it must not be the results. */
export const PAUSE_OUTPUT = { maxWaitReached: 0, results: 1 } as const;

/** The node's outputs: one, or in pause mode Max Wait Reached (n8n's pass-through at the deadline) and Results. */
export const imageNodeOutputs: `={{${string}}}` = `={{ $parameter.waitMode === '${WAIT_MODE.pause}' ? [{ type: 'main', displayName: 'Max Wait Reached' }, { type: 'main', displayName: 'Results' }] : ['main'] }}`;

/** Refuses a resume URL LiangXin cannot call back, unless the user allows it for testing. */
export function checkResumeUrl(context: IExecuteFunctions, resumeUrl: string, allowLocal: boolean): URL {
	const url = parseUrl(resumeUrl);
	if (!url) {
		throw new NodeOperationError(context.getNode(), 'Pause Until Callback needs the execution\'s resume URL, and n8n gave none', {
			description: 'Use Wait Mode Poll, or run the workflow in a production execution.',
		});
	}
	if (allowLocal) return url;
	const problem = url.protocol !== 'https:' ? 'is plain HTTP' : isLocalHost(url.hostname) ? 'is local or private' : undefined;
	if (problem) {
		throw new NodeOperationError(context.getNode(), `LiangXin cannot call back this n8n: its webhook URL ${urlForDisplay(`${url.origin}/`)} ${problem}`, {
			description:
				'Set WEBHOOK_URL on n8n to its public HTTPS address (e.g. https://n8n.example.com/), use Wait Mode Poll, or for tests against a local stand-in turn on Allow Local Callback URL (Testing).',
		});
	}
	return url;
}
