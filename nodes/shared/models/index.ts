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
	jsonInputModel({
		model: 'seedream-v4-5-edit',
		name: 'Seedream 4.5 Edit',
		purpose: 'Edit guided by text and up to 5 reference images',
		source: 'https://docs.liangxin.ai/market/seedream/4-5-edit-image',
	}),
	jsonInputModel({
		model: 'seedream-v5-lite',
		name: 'Seedream 5.0 Lite',
		purpose: 'Fast text to image',
		source: 'https://docs.liangxin.ai/market/seedream/v5-lite-text-to-image',
	}),
	zImage,
	jsonInputModel({
		model: 'gemini-2.5-flash-image-preview',
		name: 'Gemini 2.5 Flash Image Preview',
		purpose: 'Generate and edit images',
		source: 'https://docs.liangxin.ai/market/google/gemini-2-5-flash-image-preview',
	}),
	jsonInputModel({ model: 'imagen4-fast', name: 'Imagen 4 Fast', purpose: 'Quick text to image', source: 'https://docs.liangxin.ai/34591206e0' }),
	imagen4Ultra,
	flux2Pro,
];

/**
 * The video models whose model value LiangXin's pages show: only Kling 3 Pro's could be read, and no
 * video page's field table, so each is a JSON-input model (a non-empty prompt, other fields unchecked).
 */
export const VIDEO_MODEL_CONTRACTS: readonly ModelContract[] = [
	jsonInputModel({
		model: 'kling-v3-pro',
		name: 'Kling 3 Pro',
		purpose: 'Text to video, image to video and multi-shot video',
		source: 'https://docs.liangxin.ai/market/kling/v3-pro-generate-video',
	}),
];

export function contractOf(model: string): ModelContract | undefined {
	return MODEL_CONTRACTS.find((contract) => contract.model === model);
}

export type { FieldDescriptor, ModelContract } from './contract';
export { describeIssues, labelsOf, requestSchemaOf } from './contract';
export { jsonInputModel } from './jsonInput';
