// @ts-check
'use strict';
// Checks of single `input` fields, in the words of LiangXin's docs. Each check takes the input
// object and returns what is wrong with it, or null.

/** @typedef {Record<string, unknown>} Input */
/** @typedef {(input: Input) => string | null} Check */

/** @param {unknown} value */
function isPlainObject(value) {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {unknown} value */
function isHttpUrl(value) {
	if (typeof value !== 'string') return false;
	try {
		const { protocol } = new URL(value);
		return protocol === 'http:' || protocol === 'https:';
	} catch {
		return false;
	}
}

/**
 * "Only model and input.prompt are required"; most models add "must not be empty".
 * Characters are Unicode code points: an emoji is one character, as a person counts it.
 * @param {{ min: number, max: number } | null} [length]
 * @returns {Check}
 */
function prompt(length = null) {
	return ({ prompt: value }) => {
		if (value === undefined || value === null) return 'input.prompt is required';
		if (typeof value !== 'string') return 'input.prompt must be a string';
		const characters = [...value].length;
		if (characters === 0) return 'input.prompt must not be empty';
		if (length && (characters < length.min || characters > length.max)) {
			return `input.prompt must be ${length.min} to ${length.max} characters (got ${characters})`;
		}
		return null;
	};
}

/**
 * @param {string} field
 * @param {readonly string[]} allowed
 * @returns {Check}
 */
function oneOf(field, allowed) {
	return (input) =>
		input[field] === undefined || allowed.includes(/** @type {string} */ (input[field]))
			? null
			: `input.${field} must be one of ${allowed.join(', ')}`;
}

/**
 * @param {string} field
 * @param {{ min?: number, max?: number }} [range]
 * @returns {Check}
 */
function integer(field, { min = -Infinity, max = Infinity } = {}) {
	return (input) => {
		const value = input[field];
		if (value === undefined) return null;
		if (!Number.isInteger(value)) return `input.${field} must be an integer`;
		const number = /** @type {number} */ (value);
		if (number < min || number > max) {
			const range = max === Infinity ? `>= ${min}` : `${min} to ${max}`;
			return `input.${field} must be ${range} (got ${number})`;
		}
		return null;
	};
}

/** @param {string} field @returns {Check} */
function boolean(field) {
	return (input) =>
		input[field] === undefined || typeof input[field] === 'boolean' ? null : `input.${field} must be a boolean`;
}

/** @param {string} field @returns {Check} */
function string(field) {
	return (input) =>
		input[field] === undefined || typeof input[field] === 'string' ? null : `input.${field} must be a string`;
}

/**
 * @param {string} field
 * @param {(value: unknown) => boolean} [isImage]
 * @param {string} [rule] what `isImage` accepts
 * @returns {Check}
 */
function imageList(field, isImage = (value) => typeof value === 'string', rule = 'a string') {
	return (input) => {
		const images = input[field];
		if (images === undefined) return null;
		if (!Array.isArray(images)) return `input.${field} must be an array of image URLs`;
		const invalidIndex = images.findIndex((image) => !isImage(image));
		return invalidIndex < 0 ? null : `input.${field}[${invalidIndex}] must be ${rule}`;
	};
}

/**
 * "Together with ..., at most N": named after the field whose documentation states the limit.
 * @param {string} namedField
 * @param {readonly string[]} fields
 * @param {number} max
 * @returns {Check}
 */
function atMostImages(namedField, fields, max) {
	return (input) => {
		let total = 0;
		for (const field of fields) {
			const value = input[field];
			total += Array.isArray(value) ? value.length : value === undefined ? 0 : 1;
		}
		if (total <= max) return null;
		const others = fields.filter((field) => field !== namedField).map((field) => `input.${field}`);
		return `input.${namedField} together with ${others.join(', ')} must hold at most ${max} images (got ${total})`;
	};
}

/**
 * @param {Input} input
 * @param {readonly Check[]} checks
 */
function firstProblem(input, checks) {
	for (const check of checks) {
		const problem = check(input);
		if (problem) return problem;
	}
	return null;
}

module.exports = { isPlainObject, isHttpUrl, prompt, oneOf, integer, boolean, string, imageList, atMostImages, firstProblem };
