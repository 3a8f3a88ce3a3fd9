'use strict';
// createTask body rules, exactly as the LiangXin docs for nano-banana-pro state them.
const { LONG_EDGE_BY_RESOLUTION } = require('./png');

const SUPPORTED_MODELS = ['nano-banana-pro'];
const ASPECT_RATIOS = ['1:1', '2:3', '3:2', '4:3', '3:4', '5:4', '4:5', '16:9', '9:16', '21:9'];
const RESOLUTIONS = Object.keys(LONG_EDGE_BY_RESOLUTION);
const OUTPUT_FORMATS = ['png'];
const PROMPT_MIN_CHARS = 2;
const PROMPT_MAX_CHARS = 3000;
const MAX_REFERENCE_IMAGES = 3;
const REFERENCE_FIELDS = ['image_input', 'reference_images'];
const IMAGE_URL_PATH = /\.(png|jpe?g|webp)$/i;
const IMAGE_DATA_URI = /^data:image\/(png|jpe?g|webp);base64,[A-Za-z0-9+/]+={0,2}$/i;

function isPlainObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isHttpUrl(value) {
	try {
		const { protocol } = new URL(value);
		return protocol === 'http:' || protocol === 'https:';
	} catch {
		return false;
	}
}

function isReferenceImage(value) {
	if (typeof value !== 'string') return false;
	if (value.startsWith('data:')) return IMAGE_DATA_URI.test(value);
	return isHttpUrl(value) && IMAGE_URL_PATH.test(new URL(value).pathname);
}

function checkOneOf(input, field, allowed) {
	const value = input[field];
	if (value !== undefined && !allowed.includes(value)) {
		return `input.${field} must be one of ${allowed.join(', ')}`;
	}
	return null;
}

function checkReferenceImages(input) {
	let total = 0;
	for (const field of REFERENCE_FIELDS) {
		const images = input[field];
		if (images === undefined) continue;
		if (!Array.isArray(images)) return `input.${field} must be an array of image URLs`;
		const invalidIndex = images.findIndex((image) => !isReferenceImage(image));
		if (invalidIndex >= 0) {
			return (
				`input.${field}[${invalidIndex}] must be an image URL ending in .png, .jpg, .jpeg or .webp, ` +
				'or a data URI data:image/(png|jpeg|webp);base64,...'
			);
		}
		total += images.length;
	}
	if (total > MAX_REFERENCE_IMAGES) {
		return `input.image_input and input.reference_images accept at most ${MAX_REFERENCE_IMAGES} images in total (got ${total})`;
	}
	return null;
}

function checkPrompt(prompt) {
	if (prompt === undefined || prompt === null || prompt === '') return 'input.prompt is required';
	if (typeof prompt !== 'string') return 'input.prompt must be a string';
	const length = [...prompt].length;
	if (length < PROMPT_MIN_CHARS || length > PROMPT_MAX_CHARS) {
		return `input.prompt must be ${PROMPT_MIN_CHARS} to ${PROMPT_MAX_CHARS} characters (got ${length})`;
	}
	return null;
}

/**
 * @param {unknown} body parsed JSON of a createTask request
 * @returns {string | null} what is wrong, or null when the body is valid
 */
function createTaskError(body) {
	if (!isPlainObject(body)) return 'request body must be a JSON object';
	if (body.model === undefined || body.model === null || body.model === '') return 'model is required';
	if (!SUPPORTED_MODELS.includes(body.model)) return `model ${JSON.stringify(body.model)} is not supported`;
	if (body.callBackUrl !== undefined && !(typeof body.callBackUrl === 'string' && isHttpUrl(body.callBackUrl))) {
		return 'callBackUrl must be an http(s) URL';
	}
	if (body.input === undefined || body.input === null) return 'input.prompt is required';
	if (!isPlainObject(body.input)) return 'input must be an object';
	const { input } = body;
	return (
		checkPrompt(input.prompt) ??
		checkReferenceImages(input) ??
		checkOneOf(input, 'aspect_ratio', ASPECT_RATIOS) ??
		checkOneOf(input, 'resolution', RESOLUTIONS) ??
		checkOneOf(input, 'output_format', OUTPUT_FORMATS)
	);
}

module.exports = { createTaskError };
