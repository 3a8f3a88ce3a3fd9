/**
 * Reads a baseline JPEG the way a decoder does (ITU-T T.81): its segments, its frame size and its
 * Huffman tables, then decodes every block of the entropy-coded scan. Written from the standard,
 * independently of the sandbox's encoder, so a file it accepts is one a JPEG decoder can read.
 * Supports what a greyscale baseline file holds: one component, one scan.
 */
export interface DecodedJpeg {
	width: number;
	height: number;
	components: number;
	blocks: number;
}

type HuffmanTable = Map<string, number>;

function tableFrom(segment: Buffer): { id: number; table: HuffmanTable; bytes: number } {
	const counts = [...segment.subarray(1, 17)];
	const symbols = segment.subarray(17, 17 + counts.reduce((sum, count) => sum + count, 0));
	const table: HuffmanTable = new Map();
	let code = 0;
	let index = 0;
	counts.forEach((count, lengthIndex) => {
		for (let n = 0; n < count; n++, code++) {
			table.set(code.toString(2).padStart(lengthIndex + 1, '0'), symbols[index++]);
		}
		code <<= 1;
	});
	return { id: segment[0], table, bytes: 17 + symbols.length };
}

/** The scan's bytes with stuffed zero bytes removed, and where the marker after it starts. */
function scanBytes(file: Buffer, start: number): { bytes: Buffer; end: number } {
	const bytes = Buffer.alloc(file.length);
	let length = 0;
	let offset = start;
	for (; !(file[offset] === 0xff && file[offset + 1] !== 0x00); offset++) {
		if (offset >= file.length) throw new Error('no marker after the scan');
		bytes[length++] = file[offset];
		if (file[offset] === 0xff) offset++;
	}
	return { bytes: bytes.subarray(0, length), end: offset };
}

export function decodeJpeg(file: Buffer): DecodedJpeg {
	if (file.readUInt16BE(0) !== 0xffd8) throw new Error('no SOI marker');
	const tables = new Map<number, HuffmanTable>();
	let frame: { width: number; height: number; components: number } | undefined;
	let offset = 2;
	for (;;) {
		const marker = file.readUInt16BE(offset);
		const length = file.readUInt16BE(offset + 2);
		const segment = file.subarray(offset + 4, offset + 2 + length);
		offset += 2 + length;
		if (marker === 0xffc0) {
			frame = { height: segment.readUInt16BE(1), width: segment.readUInt16BE(3), components: segment[5] };
		} else if (marker === 0xffc4) {
			for (let at = 0; at < segment.length; ) {
				const { id, table, bytes } = tableFrom(segment.subarray(at));
				tables.set(id, table);
				at += bytes;
			}
		} else if (marker === 0xffda) {
			break;
		} else if ((marker & 0xfff0) !== 0xffe0 && marker !== 0xffdb) {
			throw new Error(`unexpected marker ${marker.toString(16)}`);
		}
	}
	if (!frame || frame.components !== 1) throw new Error('not a one-component baseline frame');
	const dcTable = tables.get(0x00);
	const acTable = tables.get(0x10);
	if (!dcTable || !acTable) throw new Error('missing Huffman tables');

	const scan = scanBytes(file, offset);
	let bitOffset = 0;
	const nextBit = () => {
		if (bitOffset >= scan.bytes.length * 8) throw new Error('scan ended inside a block');
		const bit = (scan.bytes[bitOffset >> 3] >> (7 - (bitOffset & 7))) & 1;
		bitOffset++;
		return bit;
	};
	const decodeSymbol = (table: HuffmanTable) => {
		let code = '';
		while (code.length < 16) {
			code += nextBit();
			const symbol = table.get(code);
			if (symbol !== undefined) return symbol;
		}
		throw new Error(`no Huffman code ${code}`);
	};
	const skipBits = (count: number) => {
		for (let n = 0; n < count; n++) nextBit();
	};

	const blocks = Math.ceil(frame.width / 8) * Math.ceil(frame.height / 8);
	for (let block = 0; block < blocks; block++) {
		skipBits(decodeSymbol(dcTable));
		for (let k = 1; k < 64; ) {
			const symbol = decodeSymbol(acTable);
			const [run, size] = [symbol >> 4, symbol & 0x0f];
			if (size === 0 && run !== 15) break;
			k += run + 1;
			if (k > 64) throw new Error('a block with more than 64 coefficients');
			skipBits(size);
		}
	}
	const padding = scan.bytes.length * 8 - bitOffset;
	for (let n = 0; n < padding; n++) {
		if (padding > 7 || nextBit() !== 1) throw new Error('data after the last block');
	}
	if (file.readUInt16BE(scan.end) !== 0xffd9 || scan.end + 2 !== file.length) throw new Error('no EOI at the end');
	return { ...frame, blocks };
}
