// @ts-check
'use strict';
// Every model value LiangXin's docs show, with the sandbox's reading of its rules. Any other model
// value is refused (400 "model ... is not supported"), as LiangXin documents for an unsupported model.
const flux2Pro = require('./flux-2-pro');
const imagen4Ultra = require('./imagen4-ultra');
const { jsonInputModel } = require('./json-input');
const { nanoBananaPro, nanoBananaProFlash } = require('./nano-banana');
const seedreamV45 = require('./seedream-v4-5');
const { videoModel } = require('./video');
const zImage = require('./z-image');

/**
 * @typedef {{ width: number, height: number, format: 'png' | 'jpeg' }} ResultImage full-size pixels
 * @typedef {{ model: string, checks: import('./rules').Check[],
 *   resultImage: (input: Record<string, unknown>) => ResultImage }} ImageModel
 * @typedef {{ model: string, checks: import('./rules').Check[], makes: 'video' }} VideoModel one video per task
 * @typedef {ImageModel | VideoModel} SandboxModel
 */

/** @type {Map<string, SandboxModel>} */
const SANDBOX_MODELS = new Map(
	[
		nanoBananaPro,
		nanoBananaProFlash,
		seedreamV45,
		jsonInputModel('seedream-v4-5-edit'),
		jsonInputModel('seedream-v5-lite'),
		zImage,
		jsonInputModel('gemini-2.5-flash-image-preview'),
		jsonInputModel('imagen4-fast'),
		imagen4Ultra,
		flux2Pro,
		videoModel('kling-v3-pro'),
	].map((entry) => [entry.model, entry]),
);

/**
 * The result image of a valid createTask body, at full size.
 * @param {{ model: string, input: Record<string, unknown> }} body
 * @returns {ResultImage}
 */
function resultImageOf(body) {
	const model = SANDBOX_MODELS.get(body.model);
	if (!model || !('resultImage' in model)) throw new Error(`model ${body.model} makes no images`);
	return model.resultImage(body.input);
}

/** @param {string} model */
function isVideoModel(model) {
	const entry = SANDBOX_MODELS.get(model);
	return entry !== undefined && 'makes' in entry;
}

module.exports = { SANDBOX_MODELS, resultImageOf, isVideoModel };
