import type { IExecuteFunctions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ModelContract } from '../models';
import { jsonInputModel } from '../models';
import { invalidItem } from './invalidItem';

/** The parts of a Model parameter that every node with a model list shares: Other, its model value, Model Settings (JSON). */

/** The Model option for a model value typed by the user (one LiangXin added later, or one the node does not list). */
export const OTHER = 'other';

const valuesOf = (contracts: readonly ModelContract[]) => contracts.map((contract) => contract.model);

/** The Model parameter: `contracts` by their product names, the first one the default, then Other. */
export function modelProperty(contracts: readonly ModelContract[], otherDescription: string, kind: 'image' | 'video'): INodeProperties {
	const models: INodePropertyOptions[] = contracts.map(({ name, model, purpose }) => ({ name, value: model, description: `${purpose}. Model value: ${model}.` }));
	const defaultModel = contracts[0].model;
	return {
		displayName: 'Model',
		name: 'model',
		type: 'options',
		options: [...models, { name: 'Other', value: OTHER, description: otherDescription }],
		default: defaultModel,
		description: `The LiangXin ${kind} model that runs the task`,
	};
}

/** The node's subtitle names the model: its product name, or the value typed in Other. */
export const subtitleModelOf = (contracts: readonly ModelContract[]) =>
	`(${JSON.stringify(Object.fromEntries(contracts.map(({ model, name }) => [model, name])))}[$parameter["model"]] || $parameter["otherModel"])`;

export const otherModelProperty: INodeProperties = {
	displayName: 'Model Value',
	name: 'otherModel',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. seedream-v5-lite-edit',
	description: "The model value as LiangXin's documentation writes it",
	displayOptions: { show: { model: [OTHER] } },
};

export const inputFieldsJsonProperty: INodeProperties = {
	displayName: 'Model Settings (JSON)',
	name: 'inputFields',
	type: 'json',
	default: '{}',
	description: "The model's settings as a JSON object, sent as given next to the prompt",
	hint: 'Names as on the model\'s LiangXin page, e.g. {"aspect_ratio": "16:9"}',
};

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The contract of the item's Model: one of `contracts`, or for Other the typed value, checked like a JSON-input model. */
export function selectedContract(context: IExecuteFunctions, itemIndex: number, contracts: readonly ModelContract[]): ModelContract {
	const selected = String(context.getNodeParameter('model', itemIndex, ''));
	if (selected === OTHER) {
		const model = String(context.getNodeParameter(otherModelProperty.name, itemIndex, '')).trim();
		if (!model || /\s/.test(model)) {
			throw invalidItem(context, itemIndex, [`Model Value (model) must be a model value without spaces (got ${JSON.stringify(model)})`]);
		}
		return jsonInputModel({ model, name: model, purpose: 'A model value typed by the user', source: 'the user' });
	}
	const contract = contracts.find((candidate) => candidate.model === selected);
	if (!contract) {
		throw invalidItem(context, itemIndex, [`Model (model) must be one of ${valuesOf(contracts).join(', ')} or Other (got ${JSON.stringify(selected)})`]);
	}
	return contract;
}

/** Model Settings (JSON), as given: the contract checks only that it is an object. */
export function jsonInput(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
	const value = context.getNodeParameter(inputFieldsJsonProperty.name, itemIndex, {}) as unknown;
	let parsed = value;
	if (typeof value === 'string') {
		try {
			parsed = value.trim() ? JSON.parse(value) : {};
		} catch (error) {
			throw invalidItem(context, itemIndex, [`${inputFieldsJsonProperty.displayName} (input) is not valid JSON: ${(error as Error).message}`]);
		}
	}
	if (!isObject(parsed)) {
		const kind = Array.isArray(parsed) ? 'a list' : parsed === null ? 'null' : typeof parsed;
		throw invalidItem(context, itemIndex, [`${inputFieldsJsonProperty.displayName} (input) must be a JSON object (got ${kind})`]);
	}
	return parsed;
}
