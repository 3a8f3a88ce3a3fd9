/** What a result file may be: the image nodes store images, the video node videos. */
export type MediaKind = 'image' | 'video';

export interface MediaType {
	kind: MediaKind;
	mimeType: string;
	extension: string;
}

/** Why a file is refused; `otherKind` when it is a file of a kind not accepted (a video where images are expected). */
export interface MediaRefusal {
	reason: string;
	otherKind?: MediaKind;
}

/** How many leading bytes tell every supported format apart, WebM's doctype aside (EBML_HEAD_BYTES). */
export const SIGNATURE_BYTES = 12;

/**
 * How many leading bytes hold a WebM's doctype: its EBML header is about 40 bytes long. A shorter
 * file is no WebM (and is refused, so no byte of it is lost to the peek at its head).
 */
export const EBML_HEAD_BYTES = 64;

const EBML_MAGIC = '\x1a\x45\xdf\xa3';
const EBML_DOC_TYPE_ID = 0x4282;
const QUICKTIME_BRAND = 'qt  ';
/** ISO BMFF brands of still images (HEIF, AVIF) and of audio (M4A): an `ftyp` box, but no video. */
const NOT_VIDEO_BRANDS = ['avif', 'avis', 'heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1', 'M4A ', 'M4B ', 'M4P '];
/** One container, whichever its brand: hosts type MP4 and MOV files by their name as often as by their bytes. */
const ISO_BMFF_CONTENT_TYPES = ['video/mp4', 'video/quicktime', 'application/mp4', 'video/x-m4v'];

const ascii = (head: Buffer, start: number, end: number) => head.subarray(start, end).toString('latin1');

/** The major brand of an ISO BMFF file (its `ftyp` box comes first), or undefined. */
const isoBmffBrand = (head: Buffer) => (ascii(head, 4, 8) === 'ftyp' ? ascii(head, 8, 12) : undefined);

/** An EBML variable-size integer at `offset` (RFC 8794): its length in bytes and its value, marker bit kept for IDs. */
function ebmlInteger(head: Buffer, offset: number, keepMarker: boolean): { length: number; value: number } | undefined {
	const first = head[offset] ?? 0;
	const length = first === 0 ? 9 : Math.clz32(first) - 23;
	if (length > 8 || offset + length > head.length) return undefined;
	let value = keepMarker ? first : first & (0xff >> length);
	for (let index = 1; index < length; index++) value = value * 256 + head[offset + index];
	return { length, value };
}

/** The DocType that an EBML header declares (`webm`, `matroska`), when the head holds it. */
function ebmlDocType(head: Buffer): string | undefined {
	if (head.length < EBML_HEAD_BYTES || ascii(head, 0, 4) !== EBML_MAGIC) return undefined;
	const headerSize = ebmlInteger(head, 4, false);
	if (!headerSize) return undefined;
	const end = Math.min(head.length, 4 + headerSize.length + headerSize.value);
	for (let offset = 4 + headerSize.length; offset < end; ) {
		const id = ebmlInteger(head, offset, true);
		const size = id && ebmlInteger(head, offset + id.length, false);
		if (!id || !size) return undefined;
		const data = offset + id.length + size.length;
		if (id.value === EBML_DOC_TYPE_ID) return ascii(head, data, Math.min(data + size.value, end));
		offset = data + size.value;
	}
	return undefined;
}

const KNOWN_TYPES: Array<MediaType & { matches: (head: Buffer) => boolean; declaredAs: string[] }> = [
	{ kind: 'image', mimeType: 'image/png', extension: 'png', matches: (head) => ascii(head, 0, 8) === '\x89PNG\r\n\x1a\n', declaredAs: ['image/png'] },
	{ kind: 'image', mimeType: 'image/jpeg', extension: 'jpg', matches: (head) => ascii(head, 0, 3) === '\xff\xd8\xff', declaredAs: ['image/jpeg', 'image/jpg'] },
	{ kind: 'image', mimeType: 'image/webp', extension: 'webp', matches: (head) => ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP', declaredAs: ['image/webp'] },
	{ kind: 'image', mimeType: 'image/gif', extension: 'gif', matches: (head) => ['GIF87a', 'GIF89a'].includes(ascii(head, 0, 6)), declaredAs: ['image/gif'] },
	{
		kind: 'video',
		mimeType: 'video/mp4',
		extension: 'mp4',
		matches: (head) => [undefined, QUICKTIME_BRAND, ...NOT_VIDEO_BRANDS].every((brand) => isoBmffBrand(head) !== brand),
		declaredAs: ISO_BMFF_CONTENT_TYPES,
	},
	{ kind: 'video', mimeType: 'video/quicktime', extension: 'mov', matches: (head) => isoBmffBrand(head) === QUICKTIME_BRAND, declaredAs: ISO_BMFF_CONTENT_TYPES },
	{ kind: 'video', mimeType: 'video/webm', extension: 'webm', matches: (head) => ebmlDocType(head) === 'webm', declaredAs: ['video/webm'] },
];

/** Content types that say nothing about the bytes: the bytes alone decide. */
const UNSPECIFIC_CONTENT_TYPES = ['', 'application/octet-stream', 'binary/octet-stream'];

/** How many leading bytes mediaTypeOf needs, seen the first SIGNATURE_BYTES of a file. */
export const headBytesNeeded = (head: Buffer) => (ascii(head, 0, 4) === EBML_MAGIC ? EBML_HEAD_BYTES : SIGNATURE_BYTES);

/** "an image", "a video", "an image or a video": what a file of the accepted kinds is called. */
export const mediaNoun = (accepted: readonly MediaKind[]) => accepted.map((kind) => (kind === 'image' ? 'an image' : 'a video')).join(' or ');

/** "a PNG, JPG, WEBP, GIF image or an MP4, MOV, WEBM video": the formats of the accepted kinds. */
function formatsOf(accepted: readonly MediaKind[]): string {
	return accepted
		.map((kind) => {
			const formats = KNOWN_TYPES.filter((type) => type.kind === kind).map((type) => type.extension.toUpperCase());
			return `${kind === 'image' ? 'a' : 'an'} ${formats.join(', ')} ${kind}`;
		})
		.join(' or ');
}

/**
 * The type of a file from its first bytes (headBytesNeeded of them), which must be of an accepted
 * kind and agree with the Content-Type the server sent; else why the file is refused. The reason
 * quotes nothing the server sent: a result URL may point anywhere, and an error must not tell what
 * answers there.
 */
export function mediaTypeOf(head: Buffer, contentType: string, accepted: readonly MediaKind[] = ['image']): MediaType | MediaRefusal {
	const declared = contentType.split(';')[0].trim().toLowerCase();
	const type = head.length >= SIGNATURE_BYTES ? KNOWN_TYPES.find((candidate) => candidate.matches(head)) : undefined;
	if (!type) return { reason: `its first bytes are not those of ${formatsOf(accepted)}` };
	if (!accepted.includes(type.kind)) {
		const reason = `its first bytes are those of ${mediaNoun([type.kind])} (${type.extension.toUpperCase()}), not of ${formatsOf(accepted)}`;
		return { reason, otherKind: type.kind };
	}
	if (!UNSPECIFIC_CONTENT_TYPES.includes(declared) && !type.declaredAs.includes(declared)) {
		return { reason: `its bytes are ${type.mimeType} but its Content-Type says otherwise` };
	}
	return { kind: type.kind, mimeType: type.mimeType, extension: type.extension };
}
