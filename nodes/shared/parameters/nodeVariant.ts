import type { IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

type NodeContext = IExecuteFunctions | IWebhookFunctions;

/**
 * The image nodes' versions. 1.1 has one output in both wait modes (version 1 had two in Pause
 * Until Callback: Max Wait Reached, Results) and downloads Get Task's images by default. n8n stores
 * only parameters that differ from their defaults, so a saved node keeps its version and what it did.
 */
export const IMAGE_NODE_VERSIONS = [1, 1.1];
export const IMAGE_NODE_DEFAULT_VERSION = 1.1;

/** Whether the node is a version 1 node, saved before 1.1. */
export const isVersion1 = (context: NodeContext) => context.getNode().typeVersion < 1.1;
