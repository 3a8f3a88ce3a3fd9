// @ts-check
'use strict';
// Result videos: the committed fixtures (videos/README.md says how they were made), or, with the
// videoBytes option, the fixture padded to that size by a trailing element that players skip. A
// padded video is produced chunk by chunk as the client reads it: a video of hundreds of MB never
// sits in the sandbox's memory.
const fs = require('node:fs');
const path = require('node:path');

/** @typedef {'mp4' | 'webm'} VideoFormat */

const VIDEO_FORMATS = /** @type {const} */ (['mp4', 'webm']);
const FIXTURES = {
	mp4: fs.readFileSync(path.join(__dirname, 'videos', 'result.mp4')),
	webm: fs.readFileSync(path.join(__dirname, 'videos', 'result.webm')),
};
const CONTENT_TYPES = { mp4: 'video/mp4', webm: 'video/webm' };
/** The largest padded video: an MP4 `free` box states its size in 32 bits. */
const MAX_VIDEO_BYTES = 2 ** 32 - 1;
const ZEROS = Buffer.alloc(1024 * 1024);

/**
 * The header of a padding element of `bytes` bytes in all, header included.
 * @type {Record<VideoFormat, { length: number, header: (bytes: number) => Buffer }>}
 */
const PADDING = {
	// ISO BMFF box: 32-bit size, type `free`. After the media data, so no chunk offset moves.
	mp4: {
		length: 8,
		header: (bytes) => {
			const header = Buffer.alloc(8);
			header.writeUInt32BE(bytes, 0);
			header.write('free', 4, 'latin1');
			return header;
		},
	},
	// EBML Void element: ID 0xEC, then its data size as an 8-byte variable-size integer (0x01 + 7 bytes).
	webm: {
		length: 9,
		header: (bytes) => {
			const header = Buffer.alloc(9);
			header[0] = 0xec;
			header[1] = 0x01;
			header.writeUIntBE(bytes - 9, 3, 6);
			return header;
		},
	},
};

/**
 * The video served for a task: its type, its length and its bytes as a sequence of chunks.
 * @param {VideoFormat} format
 * @param {number | null} targetBytes null, or too small to pad: the fixture as it is
 */
function videoFile(format, targetBytes) {
	const fixture = FIXTURES[format];
	const padding = targetBytes === null ? 0 : targetBytes - fixture.length;
	const padded = padding >= PADDING[format].length;
	return {
		contentType: CONTENT_TYPES[format],
		length: padded ? fixture.length + padding : fixture.length,
		/** @returns {Generator<Buffer>} */
		*chunks() {
			yield fixture;
			if (!padded) return;
			yield PADDING[format].header(padding);
			for (let left = padding - PADDING[format].length; left > 0; left -= ZEROS.length) {
				yield left >= ZEROS.length ? ZEROS : ZEROS.subarray(0, left);
			}
		},
	};
}

/**
 * The whole video in memory (for tests that compare what was stored with what was served).
 * @param {VideoFormat} format @param {number | null} targetBytes
 */
function videoBuffer(format, targetBytes) {
	return Buffer.concat([...videoFile(format, targetBytes).chunks()]);
}

module.exports = { VIDEO_FORMATS, MAX_VIDEO_BYTES, videoFile, videoBuffer };
