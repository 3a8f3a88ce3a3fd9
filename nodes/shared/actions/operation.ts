import type { IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

/** One operation of a node, registered once: the node's options, subtitle and router are built from a list of these. */
export interface Operation {
	option: INodePropertyOptions & { value: string; action: string; description: string };
	/** Its parameters, shown only when it is selected. */
	properties: INodeProperties[];
	/** Whether it runs a model the user picked, which the node's subtitle then names. */
	runsModel?: true;
	/** One list of items per node output. */
	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;
}

/** The Operation parameter (the first operation is the default) and every operation's parameters. */
export function operationProperties(operations: Operation[]): INodeProperties[] {
	const defaultOperation = operations[0].option.value;
	return [
		{
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			options: operations.map(({ option }) => option),
			default: defaultOperation,
		},
		...operations.flatMap(({ option, properties }) =>
			updateDisplayOptions({ show: { operation: [option.value] } }, properties),
		),
	];
}

/**
 * The node's subtitle, `operation: model` (e.g. `Generate Image: Flux 2 Pro`), or the operation alone
 * when it runs no model. `modelName` is an expression over `$parameter` that gives the model's name.
 */
export function operationSubtitle(operations: Operation[], modelName: string): string {
	const names = JSON.stringify(Object.fromEntries(operations.map(({ option }) => [option.value, option.name])));
	const withModel = JSON.stringify(operations.filter((operation) => operation.runsModel).map(({ option }) => option.value));
	return `={{ [${names}[$parameter["operation"]], ${withModel}.includes($parameter["operation"]) ? ${modelName} : ""].filter(Boolean).join(": ") }}`;
}

/** The node's `execute`: runs the selected operation over all items. */
export function operationRouter(operations: Operation[]) {
	return async function execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const selected = this.getNodeParameter('operation', 0) as string;
		const operation = operations.find(({ option }) => option.value === selected);
		if (!operation) {
			throw new NodeOperationError(this.getNode(), `The operation "${selected}" is not supported`);
		}
		return await operation.execute.call(this);
	};
}
