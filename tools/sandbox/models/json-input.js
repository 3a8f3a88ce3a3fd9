// @ts-check
'use strict';
// Models whose field table could not be read: only what every model documents is checked, a prompt
// ("only model and input.prompt are required"). Every other field is accepted as sent.
const { prompt } = require('./rules');

/**
 * @param {string} model
 * @returns {import('./index').SandboxModel}
 */
const jsonInputModel = (model) => ({
	model,
	checks: [prompt()],
	resultImage: () => ({ width: 1024, height: 1024, format: 'png' }),
});

module.exports = { jsonInputModel };
