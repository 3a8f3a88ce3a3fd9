import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { binaryImagePropertiesField, promptField, promptOf } from './fields';
import { invalidItem } from './invalidItem';
import type { ItemRequest, RequestParameters } from './request';
import { toUrlList } from './urlList';
import { lengthInWords } from '../models/prompt';
import type { ModelContract } from '../models';
import { contractOf, jsonInputModel, labelsOf, MODEL_CONTRACTS, requestSchemaOf } from '../models';
import { fieldValue, settingProperty, topFieldProperties } from './topFields';

/** The Model option for a model value LiangXin added after this node: checked like a JSON-input model. */
export const OTHER = 'other';

const typedModels = MODEL_CONTRACTS.filter((contract) => contract.kind === 'typed');
const jsonModels = MODEL_CONTRACTS.filter((contract) => contract.kind === 'json');
const withImages = MODEL_CONTRACTS.filter((contract) => contract.referenceImages);
const valuesOf = (contracts: readonly ModelContract[]) => contracts.map((contract) => contract.model);

/** `flux-2-pro` -> `flux2ProFields`: the collection of one typed model's fields. */
export const fieldsParameterOf = (contract: ModelContract) =>
	`${contract.model.replace(/[^a-zA-Z0-9]+([a-zA-Z0-9])/g, (_match, next: string) => next.toUpperCase())}Fields`;

const defaultModel = MODEL_CONTRACTS[0].model;

const modelProperty: INodeProperties = {
	displayName: 'Model',
	name: 'model',
	type: 'options',
	options: [
		...MODEL_CONTRACTS.map(({ name, model, purpose }) => ({ name, value: model, description: `${purpose}. Model value: ${model}.` })),
		{ name: 'Other', value: OTHER, description: 'A model LiangXin added later: type its model value below' },
	],
	default: defaultModel,
	description: 'The LiangXin image model that runs the task',
};

const otherModelProperty: INodeProperties = {
	displayName: 'Model Value',
	name: 'otherModel',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. seedream-v5-lite-edit',
	description: "The model value as LiangXin's documentation writes it",
	displayOptions: { show: { model: [OTHER] } },
};

/** `Nano Banana Pro and Nano Banana Pro Flash take 2 to 3000 characters`: the models whose prompt has a length rule, by rule. */
function promptRules(): string[] {
	const modelsByRule = new Map<string, string[]>();
	for (const contract of MODEL_CONTRACTS) {
		const { min = 1, max } = promptOf(contract);
		const rule = lengthInWords({ min, max });
		if (rule) modelsByRule.set(rule, [...(modelsByRule.get(rule) ?? []), contract.name]);
	}
	return [...modelsByRule].map(([rule, models]) => `${models.join(' and ')} take ${rule}`);
}

const promptProperty = promptField(`What to generate. ${[...promptRules(), 'the others any non-empty text'].join('; ')}.`);

/** Every documented field of a typed model but the prompt, added one by one: a field not added is not sent. */
const typedFieldsProperty = (contract: ModelContract): INodeProperties => ({
	displayName: 'Model Settings',
	name: fieldsParameterOf(contract),
	type: 'collection',
	placeholder: 'Add Setting',
	default: {},
	description: `The settings ${contract.name} documents, each checked before the request. A setting you do not add is not sent, and LiangXin uses its default.`,
	options: contract.fields.filter((field) => field.name !== 'prompt').map(settingProperty),
	displayOptions: { show: { model: [contract.model] } },
});

const uncheckedNotice: INodeProperties = {
	displayName:
		"LiangXin's page for this model lists no settings that could be read, so they go to LiangXin unchecked: only the prompt (not empty) and that the settings form a JSON object are checked. See the model's page on LiangXin for its settings.",
	name: 'uncheckedNotice',
	type: 'notice',
	default: '',
	displayOptions: { show: { model: [...valuesOf(jsonModels), OTHER] } },
};

const inputFieldsJsonProperty: INodeProperties = {
	displayName: 'Model Settings (JSON)',
	name: 'inputFields',
	type: 'json',
	default: '{}',
	description: "The model's settings as a JSON object, sent as given next to the prompt",
	hint: 'Names as on the model\'s LiangXin page, e.g. {"aspect_ratio": "16:9"}',
	displayOptions: { show: { model: [...valuesOf(jsonModels), OTHER] } },
};

const binaryImagesProperty: INodeProperties = {
	...binaryImagePropertiesField,
	displayOptions: { show: { model: valuesOf(withImages) } },
};

const properties: INodeProperties[] = [
	modelProperty,
	otherModelProperty,
	promptProperty,
	...topFieldProperties(typedModels),
	...typedModels.map(typedFieldsProperty),
	uncheckedNotice,
	inputFieldsJsonProperty,
	binaryImagesProperty,
];

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

function selectedContract(context: IExecuteFunctions, itemIndex: number): ModelContract {
	const selected = String(context.getNodeParameter('model', itemIndex, ''));
	if (selected === OTHER) {
		const model = String(context.getNodeParameter('otherModel', itemIndex, '')).trim();
		if (!model || /\s/.test(model)) {
			throw invalidItem(context, itemIndex, [`Model Value (model) must be a model value without spaces (got ${JSON.stringify(model)})`]);
		}
		return jsonInputModel({ model, name: model, purpose: 'A model value typed by the user', source: 'the user' });
	}
	const contract = contractOf(selected);
	if (!contract) {
		throw invalidItem(context, itemIndex, [
			`Model (model) must be one of ${valuesOf(MODEL_CONTRACTS).join(', ')} or Other (got ${JSON.stringify(selected)})`,
		]);
	}
	return contract;
}

/** The set fields of a typed model, in the documentation's order; an empty field (no number, no text, no choice, no URL) is not sent. */
function typedInput(context: IExecuteFunctions, itemIndex: number, contract: ModelContract) {
	const settings = context.getNodeParameter(fieldsParameterOf(contract), itemIndex, {}) as IDataObject;
	const input: Record<string, unknown> = {};
	for (const field of contract.fields) {
		const given = field.name === 'prompt' ? undefined : fieldValue(context, itemIndex, field, settings);
		if (given === undefined) continue;
		const value = field.type === 'imageUrls' ? toUrlList(given) : given;
		if (value === '' || value === null || (Array.isArray(value) && value.length === 0)) continue;
		input[field.name] = value;
	}
	return input;
}

/** Model Settings (JSON), as given: the contract checks only that it is an object. */
function jsonInput(context: IExecuteFunctions, itemIndex: number): Record<string, unknown> {
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

/** Any LiangXin image model: typed models from their contract's fields, the others from Prompt and Model Settings (JSON). */
export const imageParameters: RequestParameters = {
	properties,
	subtitleModel: `(${JSON.stringify(Object.fromEntries(MODEL_CONTRACTS.map(({ model, name }) => [model, name])))}[$parameter["model"]] || $parameter["otherModel"])`,
	read: (context, itemIndex): ItemRequest => {
		const contract = selectedContract(context, itemIndex);
		const prompt = context.getNodeParameter(promptProperty.name, itemIndex, '') as unknown;
		const input =
			contract.kind === 'json'
				? { ...jsonInput(context, itemIndex), prompt }
				: { prompt, ...typedInput(context, itemIndex, contract) };
		return {
			model: contract.model,
			input,
			check: {
				schema: requestSchemaOf(contract),
				labels: labelsOf(contract),
				binaryField: contract.referenceImages?.binaryField,
			},
		};
	},
};
