// @ts-check
'use strict';
// Real PNG files for result URLs: RGB 8-bit, one IDAT, correct CRCs. Pixel content is a
// deterministic random walk, so files compress only to ~22% of their raw size
// (a real-size 4K image is about 5 to 11 MB).
const { promisify } = require('node:util');
const zlib = require('node:zlib');
const { createRandom } = require('./random');

const deflate = promisify(zlib.deflate);

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const BYTES_PER_PIXEL = 3;
const FILTER_SUB = 1;
// Random deltas come from a noise tile much larger than deflate's 32 KiB window: copying rows
// out of it is fast, and deflate still cannot find repeats. A small image draws a tile of its own
// size, not a whole one: most test images are a few KB.
const NOISE_TILE_BYTES = 1 << 20;

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** @param {Buffer[]} buffers */
function crc32(buffers) {
	let crc = 0xffffffff;
	for (const buffer of buffers) {
		for (let i = 0; i < buffer.length; i++) crc = CRC_TABLE[(crc ^ buffer[i]) & 0xff] ^ (crc >>> 8);
	}
	return (crc ^ 0xffffffff) >>> 0;
}

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
	const typeBytes = Buffer.from(type, 'ascii');
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32([typeBytes, data]));
	return [length, typeBytes, data, crc];
}

/** @param {() => number} random @param {number} bytes how many the image needs at most */
function noiseTile(random, bytes) {
	// Deltas 0, 0, +1, -1: a gentle walk (about 1.5 bits of entropy per byte).
	const deltas = [0, 0, 1, 255];
	const tile = Buffer.allocUnsafe(Math.min(NOISE_TILE_BYTES, Math.ceil(bytes / 16) * 16));
	for (let i = 0; i < tile.length; i += 16) {
		let bits = Math.floor(random() * 4294967296);
		for (let j = 0; j < 16; j++, bits >>>= 2) tile[i + j] = deltas[bits & 3];
	}
	return tile;
}

/**
 * Scanlines already filtered with the Sub filter, so the walk deltas are written directly.
 * @param {number} width @param {number} height @param {() => number} random
 */
function filteredScanlines(width, height, random) {
	const rowBytes = width * BYTES_PER_PIXEL;
	const deltaBytes = rowBytes - BYTES_PER_PIXEL;
	const tile = noiseTile(random, deltaBytes * height);
	const hueShift = Math.floor(random() * 256);
	const scanlines = Buffer.allocUnsafe((rowBytes + 1) * height);
	for (let y = 0, offset = 0; y < height; y++) {
		// Stay clear of 0 and 255 so the walk rarely wraps around into stray colours.
		const gradient = 48 + Math.floor((y * 160) / height);
		scanlines[offset++] = FILTER_SUB;
		scanlines[offset++] = (gradient + hueShift) & 0xff;
		scanlines[offset++] = (128 + hueShift) & 0xff;
		scanlines[offset++] = (256 - gradient + hueShift) & 0xff;
		let remaining = deltaBytes;
		while (remaining > 0) {
			const length = Math.min(remaining, tile.length);
			const start = Math.floor(random() * (tile.length - length + 1));
			offset += tile.copy(scanlines, offset, start, start + length);
			remaining -= length;
		}
	}
	return scanlines;
}

/**
 * @param {number} width
 * @param {number} height
 * @param {number} seed same seed, same bytes
 * @returns {Promise<Buffer>}
 */
async function renderPng(width, height, seed) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // colour type RGB
	// bytes 10..12: compression 0, filter method 0, no interlace
	const scanlines = filteredScanlines(width, height, createRandom(seed));
	// The noise has no repeats for LZ77 to find: Huffman coding alone compresses as well, faster.
	const compressed = await deflate(scanlines, { strategy: zlib.constants.Z_HUFFMAN_ONLY });
	return Buffer.concat([
		PNG_SIGNATURE,
		...chunk('IHDR', header),
		...chunk('IDAT', compressed),
		...chunk('IEND', Buffer.alloc(0)),
	]);
}

module.exports = { renderPng, crc32 };
