// @ts-check
'use strict';
// imagen4-ultra, https://docs.liangxin.ai/34592185e0.
const { fitAspectRatio } = require('./geometry');
const { boolean, integer, oneOf, prompt } = require('./rules');

const ASPECT_RATIOS = [
	...['square_1_1', 'social_story_9_16', 'widescreen_16_9', 'traditional_3_4', 'classic_4_3'],
	...['1:1', '9:16', '16:9', '3:4', '4:3'],
];
const JPEG_FORMATS = ['jpeg', 'jpg', 'image/jpeg'];

/** @type {import('./index').SandboxModel} */
module.exports = {
	model: 'imagen4-ultra',
	checks: [
		prompt(),
		oneOf('aspect_ratio', ASPECT_RATIOS),
		oneOf('person_generation', ['dont_allow', 'allow_adult', 'allow_all']),
		oneOf('safety_settings', ['block_low_and_above', 'block_medium_and_above', 'block_only_high', 'block_none']),
		integer('seed', { min: 1 }),
		boolean('enhance_prompt'),
		oneOf('language', ['auto', 'en', 'zh', 'zh-CN', 'hi', 'ja', 'ko', 'pt', 'es']),
		oneOf('output_format', ['png', ...JPEG_FORMATS, 'image/png']),
		integer('compression_quality', { min: 1, max: 100 }),
	],
	resultImage: (input) => ({
		...fitAspectRatio(input.aspect_ratio ?? 'square_1_1', 2048),
		format: JPEG_FORMATS.includes(/** @type {string} */ (input.output_format)) ? 'jpeg' : 'png',
	}),
};
