// @ts-check
'use strict';
// z-image, https://docs.liangxin.ai/34592180e0. image_size, aspect_ratio and output_format go to the
// upstream (Magnific) unchecked: LiangXin lists no values for them.
const { fitAspectRatio } = require('./geometry');
const { boolean, integer, prompt, string } = require('./rules');

/** @type {import('./index').SandboxModel} */
module.exports = {
	model: 'z-image',
	checks: [
		prompt(),
		string('image_size'),
		string('aspect_ratio'),
		integer('seed'),
		integer('num_inference_steps'),
		string('output_format'),
		boolean('enable_safety_checker'),
	],
	// image_size wins over aspect_ratio; square_hd (the default) is square.
	resultImage: (input) => ({
		...fitAspectRatio(input.image_size === undefined ? input.aspect_ratio : '1:1', 1024),
		format: 'png',
	}),
};
