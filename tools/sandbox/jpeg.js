// @ts-check
'use strict';
// Real baseline JPEG files (JFIF, 8-bit greyscale, Huffman coded) for models asked for jpeg output.
// Each 8x8 block gets a random-walk brightness and 14 random low-frequency coefficients, so files
// land in a real JPEG's size class (about 6 bytes per block: a 2048 x 2048 image is about 0.4 MB).
const { createRandom } = require('./random');

const QUANTIZER = 8;
const TEXTURE_COEFFICIENTS = 14;
const MAX_BRIGHTNESS_STEP = 7; // steps -7..7: magnitude categories 0..3
const BRIGHTNESS_LIMIT = 100;

/**
 * A Huffman table as JPEG's DHT segment stores it: how many codes of each length 1..16, then the
 * symbols in code order. Codes are assigned canonically (ITU-T T.81 Annex C).
 * @param {Record<number, number>} lengthOfSymbol symbol -> code length, for the symbols used
 */
function huffmanTable(lengthOfSymbol) {
	const symbols = Object.keys(lengthOfSymbol)
		.map(Number)
		.sort((a, b) => lengthOfSymbol[a] - lengthOfSymbol[b] || a - b);
	const counts = Array(16).fill(0);
	for (const symbol of symbols) counts[lengthOfSymbol[symbol] - 1]++;
	/** @type {Array<{ code: number, length: number }>} indexed by symbol */
	const codes = [];
	let code = 0;
	let index = 0;
	for (let length = 1; length <= 16; length++, code <<= 1) {
		for (let n = 0; n < counts[length - 1]; n++) codes[symbols[index++]] = { code: code++, length };
	}
	return { counts, symbols, codes };
}

// DC: magnitude categories 0..3. AC: end of block (0x00) and run 0 with 1 or 2 magnitude bits.
// No code is all ones, as T.81 requires.
const DC_TABLE = huffmanTable({ 0: 2, 1: 2, 2: 2, 3: 3 });
const AC_TABLE = huffmanTable({ 0x01: 1, 0x02: 2, 0x00: 3 });
const END_OF_BLOCK = 0x00;

/** @param {number} capacity bytes the scan can take at most */
function createBitWriter(capacity) {
	const bytes = Buffer.allocUnsafe(capacity);
	let length = 0;
	let accumulator = 0;
	let used = 0;
	/** @param {number} value @param {number} count at most 8 bits */
	function writeBits(value, count) {
		accumulator = (accumulator << count) | value;
		used += count;
		if (used >= 8) {
			used -= 8;
			const byte = (accumulator >> used) & 0xff;
			bytes[length++] = byte;
			if (byte === 0xff) bytes[length++] = 0x00; // byte stuffing
			accumulator &= (1 << used) - 1;
		}
	}
	return {
		writeBits,
		/** Pads the last byte with 1 bits. */
		finish() {
			if (used > 0) writeBits((1 << (8 - used)) - 1, 8 - used);
			return bytes.subarray(0, length);
		},
	};
}

/** Magnitude category and the bits that follow it, for a coefficient value (T.81 F.1.2.1). */
function magnitude(/** @type {number} */ value) {
	const size = value === 0 ? 0 : Math.floor(Math.log2(Math.abs(value))) + 1;
	return { size, bits: value >= 0 ? value : value + (1 << size) - 1 };
}

// Hot loops look values up instead of calling Math (slow where the sandbox runs inside Jest's VM).
const BRIGHTNESS_STEPS = Array.from({ length: 2 * MAX_BRIGHTNESS_STEP + 1 }, (_, n) => magnitude(n - MAX_BRIGHTNESS_STEP));
const TEXTURE_VALUES = [1, -1, 2, -2].map(magnitude);

function segment(/** @type {number} */ marker, /** @type {number[]} */ payload) {
	return Buffer.from([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff, ...payload]);
}

const u16 = (/** @type {number} */ value) => [value >> 8, value & 0xff];

function headers(/** @type {number} */ width, /** @type {number} */ height) {
	const jfif = [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0];
	const quantization = [0x00, ...Array(64).fill(QUANTIZER)];
	const frame = [8, ...u16(height), ...u16(width), 1, 1, 0x11, 0];
	const dht = (/** @type {number} */ tableClass, /** @type {typeof DC_TABLE} */ table) =>
		segment(0xc4, [tableClass << 4, ...table.counts, ...table.symbols]);
	const scan = [1, 1, 0x00, 0, 63, 0];
	return Buffer.concat([
		Buffer.from([0xff, 0xd8]),
		segment(0xe0, jfif),
		segment(0xdb, quantization),
		segment(0xc0, frame),
		dht(0, DC_TABLE),
		dht(1, AC_TABLE),
		segment(0xda, scan),
	]);
}

/**
 * @param {number} width
 * @param {number} height
 * @param {number} seed same seed, same bytes
 * @returns {Promise<Buffer>}
 */
async function renderJpeg(width, height, seed) {
	const random = createRandom(seed);
	const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
	// A block takes at most 6 + 14 * 4 + 3 bits (8 bytes), twice that if every byte were stuffed.
	const writer = createBitWriter(blocks * 16 + 2);
	const write = (/** @type {typeof DC_TABLE} */ table, /** @type {number} */ symbol) => {
		const { code, length } = table.codes[symbol];
		writer.writeBits(code, length);
	};
	let brightness = 0;
	for (let block = 0; block < blocks; block++) {
		// 32 random bits: 4 for the brightness step, 2 for each texture coefficient.
		let bits = (random() * 4294967296) >>> 0;
		let step = ((bits >>> 28) % BRIGHTNESS_STEPS.length) - MAX_BRIGHTNESS_STEP;
		if (brightness + step > BRIGHTNESS_LIMIT || brightness + step < -BRIGHTNESS_LIMIT) step = -step;
		brightness += step;
		const dc = BRIGHTNESS_STEPS[step + MAX_BRIGHTNESS_STEP];
		write(DC_TABLE, dc.size);
		writer.writeBits(dc.bits, dc.size);
		for (let k = 0; k < TEXTURE_COEFFICIENTS; k++, bits >>>= 2) {
			const ac = TEXTURE_VALUES[bits & 3];
			write(AC_TABLE, ac.size);
			writer.writeBits(ac.bits, ac.size);
		}
		write(AC_TABLE, END_OF_BLOCK);
	}
	return Buffer.concat([headers(width, height), writer.finish(), Buffer.from([0xff, 0xd9])]);
}

module.exports = { renderJpeg };
