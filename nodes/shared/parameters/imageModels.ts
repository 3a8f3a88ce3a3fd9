import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { binaryImagePropertiesField, promptField, promptOf } from './fields';
import type { ItemRequest, RequestParameters } from './request';
import { toUrlList } from './urlList';
import { lengthInWords } from '../models/prompt';
import type { ModelContract } from '../models';
import { labelsOf, MODEL_CONTRACTS, requestSchemaOf } from '../models';
import { fieldValue, settingProperty, topFieldProperties } from './topFields';
import { inputFieldsJsonProperty, jsonInput, modelProperty, OTHER, otherModelProperty, selectedContract, subtitleModelOf } from './modelChoice';

const typedModels = MODEL_CONTRACTS.filter((contract) => contract.kind === 'typed');
const jsonModels = MODEL_CONTRACTS.filter((contract) => contract.kind === 'json');
const withImages = MODEL_CONTRACTS.filter((contract) => contract.referenceImages);
const valuesOf = (contracts: readonly ModelContract[]) => contracts.map((contract) => contract.model);

/** `flux-2-pro` -> `flux2ProFields`: the collection of one typed model's fields. */
export const fieldsParameterOf = (contract: ModelContract) =>
	`${contract.model.replace(/[^a-zA-Z0-9]+([a-zA-Z0-9])/g, (_match, next: string) => next.toUpperCase())}Fields`;

const imageModelProperty = modelProperty(MODEL_CONTRACTS, 'A model LiangXin added later: type its model value below', 'image');

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

const jsonSettingsProperty: INodeProperties = { ...inputFieldsJsonProperty, displayOptions: { show: { model: [...valuesOf(jsonModels), OTHER] } } };

const binaryImagesProperty: INodeProperties = {
	...binaryImagePropertiesField,
	displayOptions: { show: { model: valuesOf(withImages) } },
};

const properties: INodeProperties[] = [
	imageModelProperty,
	otherModelProperty,
	promptProperty,
	...topFieldProperties(typedModels),
	...typedModels.map(typedFieldsProperty),
	uncheckedNotice,
	jsonSettingsProperty,
	binaryImagesProperty,
];

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

/** Any LiangXin image model: typed models from their contract's fields, the others from Prompt and Model Settings (JSON). */
export const imageParameters: RequestParameters = {
	properties,
	subtitleModel: subtitleModelOf(MODEL_CONTRACTS),
	read: (context, itemIndex): ItemRequest => {
		const contract = selectedContract(context, itemIndex, MODEL_CONTRACTS);
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
