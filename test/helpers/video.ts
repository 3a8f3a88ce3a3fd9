/**
 * Reads the top-level structure of a video file the way a demuxer starts to, from the container
 * specifications (ISO/IEC 14496-12 boxes; EBML, RFC 8794, for WebM), independently of the sandbox:
 * every byte of the file must belong to a well-formed top-level element.
 */

export interface Box {
	type: string;
	size: number;
}

/** The top-level boxes of an ISO BMFF file (MP4, MOV); throws when a box overruns the file. */
export function isoBmffBoxes(file: Buffer): Box[] {
	const boxes: Box[] = [];
	for (let offset = 0; offset < file.length; ) {
		const size32 = file.readUInt32BE(offset);
		const type = file.toString('latin1', offset + 4, offset + 8);
		const size = size32 === 1 ? Number(file.readBigUInt64BE(offset + 8)) : size32 === 0 ? file.length - offset : size32;
		if (size < 8 || offset + size > file.length) throw new Error(`box ${type} at ${offset} overruns the file`);
		boxes.push({ type, size });
		offset += size;
	}
	return boxes;
}

/** The major brand of an ISO BMFF file's `ftyp` box. */
export const majorBrand = (file: Buffer) => file.toString('latin1', 8, 12);

/** An EBML variable-size integer: its length in bytes and its value (marker bit removed). */
function vint(file: Buffer, offset: number, keepMarker = false): { length: number; value: number } {
	const first = file[offset];
	const length = Math.clz32(first) - 23;
	if (length < 1 || length > 8) throw new Error(`no EBML integer at ${offset}`);
	let value = keepMarker ? first : first & (0xff >> length);
	for (let index = 1; index < length; index++) value = value * 256 + file[offset + index];
	return { length, value };
}

export interface EbmlElement {
	id: number;
	size: number;
	data: Buffer;
}

/** The top-level elements of an EBML file (WebM); throws when an element overruns the file. */
export function ebmlElements(file: Buffer, from = 0, to = file.length): EbmlElement[] {
	const elements: EbmlElement[] = [];
	for (let offset = from; offset < to; ) {
		const id = vint(file, offset, true);
		const size = vint(file, offset + id.length);
		const start = offset + id.length + size.length;
		if (start + size.value > to) throw new Error(`EBML element 0x${id.value.toString(16)} at ${offset} overruns the file`);
		elements.push({ id: id.value, size: size.value, data: file.subarray(start, start + size.value) });
		offset = start + size.value;
	}
	return elements;
}

export const EBML_HEADER_ID = 0x1a45dfa3;
export const SEGMENT_ID = 0x18538067;
export const VOID_ID = 0xec;
const DOC_TYPE_ID = 0x4282;

/** The DocType an EBML file declares in its header (`webm`, `matroska`). */
export function ebmlDocType(file: Buffer): string {
	const [header] = ebmlElements(file, 0, vint(file, 4).length + 4 + vint(file, 4).value);
	if (header.id !== EBML_HEADER_ID) throw new Error('the file does not start with an EBML header');
	const docType = ebmlElements(header.data).find((element) => element.id === DOC_TYPE_ID);
	if (!docType) throw new Error('the EBML header has no DocType');
	return docType.data.toString('latin1');
}
