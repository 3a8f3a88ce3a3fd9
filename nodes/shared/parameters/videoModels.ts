import type { INodeProperties } from 'n8n-workflow';

import { labelsOf, requestSchemaOf, VIDEO_MODEL_CONTRACTS } from '../models';
import { promptField } from './fields';
import { inputFieldsJsonProperty, jsonInput, modelProperty, otherModelProperty, selectedContract, subtitleModelOf } from './modelChoice';
import type { ItemRequest, RequestParameters } from './request';

/** The market's list of models, where each video model's page (and its settings) can be looked up. */
export const LIANGXIN_MARKET_URL = 'https://docs.liangxin.ai/market';

const videoModelProperty = modelProperty(
	VIDEO_MODEL_CONTRACTS.map((contract) => ({ ...contract, purpose: `${contract.purpose} (${contract.source})` })),
	"Any other video model of LiangXin's market: type its model value below",
	'video',
);

const uncheckedNotice: INodeProperties = {
	displayName: `LiangXin's video pages list no settings that could be read, so they go to LiangXin unchecked: only the prompt (not empty) and that the settings form a JSON object are checked. See the model's page in <a href="${LIANGXIN_MARKET_URL}" target="_blank">LiangXin's market</a> for its settings.`,
	name: 'uncheckedNotice',
	type: 'notice',
	default: '',
};

const properties: INodeProperties[] = [
	videoModelProperty,
	{ ...otherModelProperty, placeholder: "The model value as its page in LiangXin's market writes it" },
	{ ...promptField('What to generate: any non-empty text'), placeholder: 'e.g. A cinematic coffee commercial: a ceramic cup on a wooden table, morning light' },
	uncheckedNotice,
	{ ...inputFieldsJsonProperty, hint: "Names as on the model's LiangXin page" },
];

/** Any LiangXin video model: the prompt and Model Settings (JSON), sent as given. */
export const videoParameters: RequestParameters = {
	properties,
	subtitleModel: subtitleModelOf(VIDEO_MODEL_CONTRACTS),
	read: (context, itemIndex): ItemRequest => {
		const contract = selectedContract(context, itemIndex, VIDEO_MODEL_CONTRACTS);
		const prompt = context.getNodeParameter('prompt', itemIndex, '') as unknown;
		return {
			model: contract.model,
			input: { ...jsonInput(context, itemIndex), prompt },
			check: { schema: requestSchemaOf(contract), labels: labelsOf(contract) },
		};
	},
};
