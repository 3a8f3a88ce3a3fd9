// @ts-check
'use strict';
// seedream-v4-5, https://docs.liangxin.ai/34591205e0 (and the S1 page https://docs.liangxin.ai/).
const { fitAspectRatio } = require('./geometry');
const { boolean, integer, oneOf, prompt } = require('./rules');

// The listed ratios "and Magnific aliases": only the aliases the docs show (the default
// square_1_1 and the example widescreen_16_9) are known.
const ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9', 'square_1_1', 'widescreen_16_9'];

/** @type {import('./index').SandboxModel} */
module.exports = {
	model: 'seedream-v4-5',
	checks: [prompt(), oneOf('aspect_ratio', ASPECT_RATIOS), integer('seed'), boolean('enable_safety_checker')],
	resultImage: (input) => ({ ...fitAspectRatio(input.aspect_ratio ?? 'square_1_1', 2048), format: 'png' }),
};
