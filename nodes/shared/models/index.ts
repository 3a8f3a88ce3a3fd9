import type { ModelContract } from './contract';
import { flux2Pro } from './flux2Pro';
import { imagen4Ultra } from './imagen4Ultra';
import { jsonInputModel } from './jsonInput';
import { nanoBananaPro } from './nanoBananaPro';
import { nanoBananaProFlash } from './nanoBananaProFlash';
import { seedreamV45 } from './seedreamV45';
import { zImage } from './zImage';

/** Every image model of LiangXin's market, in the order the Model parameter lists them. */
export const MODEL_CONTRACTS: readonly ModelContract[] = [
	nanoBananaPro,
	nanoBananaProFlash,
	seedreamV45,
	jsonInputModel(
		'seedream-v4-5-edit',
		'Seedream 4.5: edit guided by text and up to 5 reference images',
		'https://docs.liangxin.ai/market/seedream/4-5-edit-image',
	),
	jsonInputModel(
		'seedream-v5-lite',
		'Seedream 5.0 Lite: fast text to image',
		'https://docs.liangxin.ai/market/seedream/v5-lite-text-to-image',
	),
	zImage,
	jsonInputModel(
		'gemini-2.5-flash-image-preview',
		'Gemini 2.5 Flash Image: generate and edit images',
		'https://docs.liangxin.ai/market/google/gemini-2-5-flash-image-preview',
	),
	jsonInputModel('imagen4-fast', 'Imagen 4 Fast: quick text to image', 'https://docs.liangxin.ai/34591206e0'),
	imagen4Ultra,
	flux2Pro,
];

export function contractOf(model: string): ModelContract | undefined {
	return MODEL_CONTRACTS.find((contract) => contract.model === model);
}

export type { FieldDescriptor, ModelContract } from './contract';
export { describeIssues, labelsOf, requestSchemaOf } from './contract';
export { jsonInputModel } from './jsonInput';
