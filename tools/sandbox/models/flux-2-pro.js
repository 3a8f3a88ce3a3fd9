// @ts-check
'use strict';
// flux-2-pro, https://docs.liangxin.ai/34592186e0.
const { fitAspectRatio } = require('./geometry');
const { atMostImages, boolean, imageList, integer, oneOf, prompt, string } = require('./rules');

const SIDE = { min: 256, max: 1440 };
const SINGLE_IMAGES = ['input_image', 'input_image_2', 'input_image_3', 'input_image_4'];

/**
 * "Sending only one of width or height returns HTTP 400."
 * @param {Record<string, unknown>} input
 */
function bothSidesOrNeither({ width, height }) {
	if ((width === undefined) === (height === undefined)) return null;
	return width === undefined ? 'input.width is required with input.height' : 'input.height is required with input.width';
}

/** @type {import('./index').SandboxModel} */
module.exports = {
	model: 'flux-2-pro',
	checks: [
		prompt(),
		integer('width', SIDE),
		integer('height', SIDE),
		bothSidesOrNeither,
		oneOf('aspect_ratio', ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9']),
		...SINGLE_IMAGES.map((field) => string(field)),
		imageList('reference_images'),
		atMostImages('reference_images', [...SINGLE_IMAGES, 'reference_images'], 4),
		integer('seed'),
		boolean('prompt_upsampling'),
	],
	// 1024 x 768 when both sides are left out; which wins over the other, sides or aspect_ratio, is
	// not documented: here the sides do.
	resultImage: ({ width, height, aspect_ratio: aspectRatio }) => ({
		...(typeof width === 'number' && typeof height === 'number'
			? { width, height }
			: aspectRatio === undefined
				? { width: 1024, height: 768 }
				: fitAspectRatio(aspectRatio, 1440)),
		format: 'png',
	}),
};
