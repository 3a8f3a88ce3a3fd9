// @ts-check
'use strict';
// createTask body rules: the envelope every model shares, then the model's own input rules.
const { SANDBOX_MODELS } = require('./models');
const { firstProblem, isHttpUrl, isPlainObject } = require('./models/rules');

/**
 * @param {unknown} body parsed JSON of a createTask request
 * @returns {string | null} what is wrong, or null when the body is valid
 */
function createTaskError(body) {
	if (!isPlainObject(body)) return 'request body must be a JSON object';
	const { model: value, callBackUrl, input } = /** @type {Record<string, unknown>} */ (body);
	if (value === undefined || value === null || value === '') return 'model is required';
	const model = SANDBOX_MODELS.get(/** @type {string} */ (value));
	if (!model) return `model ${JSON.stringify(value)} is not supported`;
	if (callBackUrl !== undefined && !isHttpUrl(callBackUrl)) return 'callBackUrl must be an http(s) URL';
	if (input === undefined || input === null) return 'input.prompt is required';
	if (!isPlainObject(input)) return 'input must be an object';
	return firstProblem(/** @type {Record<string, unknown>} */ (input), model.checks);
}

module.exports = { createTaskError };
