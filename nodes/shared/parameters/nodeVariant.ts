import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

type NodeContext = IExecuteFunctions | IWebhookFunctions;

/**
 * The image nodes' versions. 1.1 has one output in both wait modes (version 1 had two in Pause
 * Until Callback: Max Wait Reached, Results), downloads Get Task's images by default, keeps Callback
 * URL (and the Nano Banana Pro node's Output Format) in Options, and shows the Nano Banana models'
 * Aspect Ratio and Resolution on top in the LiangXin Image node. n8n stores only parameters that
 * differ from their defaults, and each where the panel had it, so a saved node keeps its version and
 * what it did.
 */
export const IMAGE_NODE_VERSIONS = [1, 1.1];

/** Whether the node is a version 1 node, saved before 1.1. */
export const isVersion1 = (context: NodeContext) => context.getNode().typeVersion < 1.1;

/** Whether an AI agent runs the node as its tool: n8n names that variant of a node type `<type>Tool`. */
export const isAiTool = (context: NodeContext) => context.getNode().type.endsWith('Tool');

/** Display conditions of a parameter that 1.1 moved: where version 1 has it, and where 1.1 has it. */
export const IN_VERSION_1 = { '@version': [1] };
export const FROM_VERSION_1_1 = { '@version': [{ _cnd: { gte: 1.1 } }] };

/**
 * Whether a failed item goes to n8n's error output: with On Error "Continue (using error output)",
 * except in a version 1 node's pause mode. There failed items share the Results output (the second),
 * and n8n renumbers a resumed node's items per output (`pairedItem.input` 1), which its error routing
 * cannot follow: it throws. They stay on Results there, as they always did.
 *
 * n8n moves an item to the error output only when its JSON has no key but `error` (n8n 1.x also
 * allows `message`, 2.x `message` and `details`), or when `item.error` is set, and then it replaces
 * the item's JSON with `{ error: message }`, task ID and all (n8n-core's WorkflowExecute:
 * handleNodeErrorOutput, normalizeNodeErrors). Hence the shape of errorItem.ts.
 */
export function usesErrorOutput(context: NodeContext): boolean {
	const node = context.getNode();
	if (node.onError !== 'continueErrorOutput') return false;
	return !(isVersion1(context) && node.parameters.waitMode === 'pause');
}
