import type { INodeProperties } from 'n8n-workflow';

/** The wait modes of Create & Wait as the panel shows them, and the outputs each gives the node. */

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
			description: 'Keep the execution running and ask LiangXin until every result is ready; works everywhere',
		},
		{
			name: 'Pause Until Callback',
			value: WAIT_MODE.pause,
			description: 'Pause the execution until LiangXin calls back; needs n8n at a public HTTPS address',
		},
	],
};

/** What Pause Until Callback does and needs, shown while it is selected. */
export const pauseNotice: INodeProperties = {
	displayName:
		"The execution pauses until LiangXin calls back: nothing runs while LiangXin renders, and a restart of n8n keeps the pause. LiangXin must reach n8n: set WEBHOOK_URL to n8n's public HTTPS address. Items whose task has not called back by Max Wait leave with maxWaitReached: true and their task ID: get their results with Get Generation and Wait Until Done.",
	name: 'pauseNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { waitMode: [WAIT_MODE.pause] } },
};

/** What a node saved before version 1.1 does in pause mode, and how to leave it. */
export const version1PauseNotice: INodeProperties = {
	displayName:
		'This node is version 1: in Pause Until Callback its results leave on a second output, Results, and failed items stay there whatever On Error says; on n8n 1.x Results stays empty after a callback. Add the node anew for one output in both modes, with failed items on the error output.',
	name: 'version1PauseNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { '@version': [1], waitMode: [WAIT_MODE.pause] } },
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

/**
 * Where version 1 puts the items in pause mode. An expired pause passes its saved input on, on the
 * first output (see maxWaitReached.ts): it must not be the results. Version 1.1 has one output in both
 * modes, so switching Wait Mode never reroutes a workflow; its Max Wait items are flagged instead.
 */
export const VERSION_1_PAUSE_OUTPUT = { maxWaitReached: 0, results: 1 } as const;

/** A task node's outputs: one, or for a version 1 node in pause mode Max Wait Reached (n8n's pass-through at the deadline) and Results. */
export const taskNodeOutputs: `={{${string}}}` = `={{ $nodeVersion < 1.1 && $parameter.waitMode === '${WAIT_MODE.pause}' ? [{ type: 'main', displayName: 'Max Wait Reached' }, { type: 'main', displayName: 'Results' }] : ['main'] }}`;
