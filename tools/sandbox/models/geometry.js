// @ts-check
'use strict';
// Pixel sizes of result images. LiangXin documents none: these are plausible sizes for each model,
// so that files have a realistic size class.

/**
 * @param {unknown} aspectRatio '16:9', or an alias that ends in the ratio, e.g. 'widescreen_16_9'
 * @param {number} longEdge
 * @returns {{ width: number, height: number }}
 */
function fitAspectRatio(aspectRatio, longEdge) {
	const match = /(\d+)[:_](\d+)$/.exec(typeof aspectRatio === 'string' ? aspectRatio : '');
	const [ratioWidth, ratioHeight] = match ? [Number(match[1]), Number(match[2])] : [1, 1];
	return ratioWidth >= ratioHeight
		? { width: longEdge, height: Math.round((longEdge * ratioHeight) / ratioWidth) }
		: { width: Math.round((longEdge * ratioWidth) / ratioHeight), height: longEdge };
}

module.exports = { fitAspectRatio };
