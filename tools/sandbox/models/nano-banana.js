// @ts-check
'use strict';
// nano-banana-pro (https://docs.liangxin.ai/34592182e0) and nano-banana-pro-flash
// (https://docs.liangxin.ai/34592183e0): the same fields, except Flash's 1K default and its
// use_google_search_tool.
const { fitAspectRatio } = require('./geometry');
const { atMostImages, boolean, imageList, isHttpUrl, oneOf, prompt } = require('./rules');

const ASPECT_RATIOS = ['1:1', '2:3', '3:2', '4:3', '3:4', '5:4', '4:5', '16:9', '9:16', '21:9'];
const LONG_EDGE_BY_RESOLUTION = /** @type {Record<string, number>} */ ({ '1K': 1024, '2K': 2048, '4K': 4096, low: 1024, medium: 2048, high: 4096 });
const RESOLUTIONS = Object.keys(LONG_EDGE_BY_RESOLUTION);
// "The URL must end in .png, .jpg, .jpeg or .webp": the URL as written, so a query string or a
// fragment after the extension means it does not end in it.
const IMAGE_URL_ENDING = /\.(png|jpg|jpeg|webp)$/i;
// "or a data URI of one of those types": image/png, image/jpeg, image/webp, base64 with its padding.
const IMAGE_DATA_URI = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/i;
const IMAGE_RULE = 'an image URL ending in .png, .jpg, .jpeg or .webp, or a data URI data:image/(png|jpeg|webp);base64,...';

/** @param {unknown} value */
function isReferenceImage(value) {
	if (typeof value !== 'string') return false;
	return value.startsWith('data:') ? IMAGE_DATA_URI.test(value) : isHttpUrl(value) && IMAGE_URL_ENDING.test(value);
}

const checks = [
	prompt({ min: 2, max: 3000 }),
	imageList('image_input', isReferenceImage, IMAGE_RULE),
	imageList('reference_images', isReferenceImage, IMAGE_RULE),
	atMostImages('image_input', ['image_input', 'reference_images'], 3),
	oneOf('aspect_ratio', ASPECT_RATIOS),
	oneOf('resolution', RESOLUTIONS),
	oneOf('output_format', ['png']),
];

/**
 * @param {string} defaultResolution
 * @returns {(input: Record<string, unknown>) => import('./index').ResultImage}
 */
const resultImage = (defaultResolution) => (input) => ({
	...fitAspectRatio(input.aspect_ratio ?? '1:1', LONG_EDGE_BY_RESOLUTION[String(input.resolution ?? defaultResolution)]),
	format: 'png',
});

/** @type {import('./index').SandboxModel} */
const nanoBananaPro = { model: 'nano-banana-pro', checks, resultImage: resultImage('2K') };

/** @type {import('./index').SandboxModel} */
const nanoBananaProFlash = {
	model: 'nano-banana-pro-flash',
	checks: [...checks, boolean('use_google_search_tool')],
	resultImage: resultImage('1K'),
};

module.exports = { nanoBananaPro, nanoBananaProFlash };
