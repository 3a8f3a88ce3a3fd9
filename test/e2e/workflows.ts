// Small builders for the workflows the e2e suite imports into n8n.
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const NODE_TYPE = 'n8n-nodes-liangxin.liangXinNanoBananaPro';
export const TRIGGER = 'Start';

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position?: [number, number];
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	[setting: string]: unknown;
}

export interface Workflow {
	id?: string;
	name: string;
	nodes: WorkflowNode[];
	connections: Record<string, { main: Array<Array<{ node: string; type: 'main'; index: number }>> }>;
	settings: Record<string, unknown>;
	[key: string]: unknown;
}

export function manualTrigger(name = TRIGGER): WorkflowNode {
	return { name, type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, parameters: {} };
}

/** A Set node emitting `{ items }` and a Split Out node turning it into one n8n item per entry. */
export function itemsNodes(name: string, items: object[]): WorkflowNode[] {
	return [
		{
			name: `${name} (list)`,
			type: 'n8n-nodes-base.set',
			typeVersion: 3.4,
			parameters: { mode: 'raw', jsonOutput: JSON.stringify({ items }), options: {} },
		},
		{
			name,
			type: 'n8n-nodes-base.splitOut',
			typeVersion: 1,
			parameters: { fieldToSplitOut: 'items', options: {} },
		},
	];
}

export function liangXinNode(
	name: string,
	parameters: Record<string, unknown>,
	credential: { id: string; name: string },
	settings: Record<string, unknown> = {},
): WorkflowNode {
	return {
		name,
		type: NODE_TYPE,
		typeVersion: 1,
		parameters,
		credentials: { liangXinApi: { id: credential.id, name: credential.name } },
		...settings,
	};
}

/** A workflow whose nodes run one after the other, in the given order. */
export function chain(name: string, nodes: WorkflowNode[]): Workflow {
	const connections: Workflow['connections'] = {};
	nodes.forEach((node, index) => {
		node.id ??= randomUUID();
		node.position ??= [index * 220, 0];
		const next = nodes[index + 1];
		if (next) connections[node.name] = { main: [[{ node: next.name, type: 'main', index: 0 }]] };
	});
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

/** An example from examples/, with its credential placeholder pointing at `credential`. */
export function example(fileName: string, credential: { id: string; name: string }): Workflow {
	const file = path.join(__dirname, '..', '..', 'examples', fileName);
	const workflow = JSON.parse(fs.readFileSync(file, 'utf8')) as Workflow;
	for (const node of workflow.nodes) {
		if (node.credentials?.liangXinApi) node.credentials.liangXinApi = { id: credential.id, name: credential.name };
	}
	return workflow;
}

export function nodeNamed(workflow: Workflow, name: string): WorkflowNode {
	const node = workflow.nodes.find((candidate) => candidate.name === name);
	if (!node) throw new Error(`no node "${name}" in ${workflow.name}`);
	return node;
}
