// @ts-check
'use strict';
// What a downloaded image is, read from its header: enough for the demo's summary and the tests.

/**
 * Format, width and height of a PNG or JPEG image, or undefined for anything else.
 * @param {Buffer} bytes
 * @returns {{ format: 'png' | 'jpeg', width: number, height: number } | undefined}
 */
function imageSize(bytes) {
	if (bytes.length >= 24 && bytes.subarray(0, 8).toString('hex') === '89504e470d0a1a0a') {
		return { format: 'png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
	}
	if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes);
	return undefined;
}

/**
 * Walks the JPEG segments up to the first start-of-frame marker, which holds the size.
 * @param {Buffer} bytes
 * @returns {{ format: 'jpeg', width: number, height: number } | undefined}
 */
function jpegSize(bytes) {
	let offset = 2;
	while (offset + 9 < bytes.length && bytes[offset] === 0xff) {
		const marker = bytes[offset + 1];
		const isStartOfFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
		if (isStartOfFrame) {
			return { format: 'jpeg', width: bytes.readUInt16BE(offset + 7), height: bytes.readUInt16BE(offset + 5) };
		}
		offset += 2 + bytes.readUInt16BE(offset + 2);
	}
	return undefined;
}

module.exports = { imageSize };
