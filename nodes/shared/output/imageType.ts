interface ImageType {
	mimeType: string;
	extension: string;
}

/** How many leading bytes tell every supported image format apart. */
export const SIGNATURE_BYTES = 12;

const ascii = (head: Buffer, start: number, end: number) => head.subarray(start, end).toString('latin1');

const IMAGE_TYPES: Array<ImageType & { matches: (head: Buffer) => boolean }> = [
	{ mimeType: 'image/png', extension: 'png', matches: (head) => ascii(head, 0, 8) === '\x89PNG\r\n\x1a\n' },
	{ mimeType: 'image/jpeg', extension: 'jpg', matches: (head) => ascii(head, 0, 3) === '\xff\xd8\xff' },
	{ mimeType: 'image/webp', extension: 'webp', matches: (head) => ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 12) === 'WEBP' },
	{ mimeType: 'image/gif', extension: 'gif', matches: (head) => ['GIF87a', 'GIF89a'].includes(ascii(head, 0, 6)) },
];

/** Content types that say nothing about the bytes: the bytes alone decide. */
const UNSPECIFIC_CONTENT_TYPES = ['', 'application/octet-stream', 'binary/octet-stream'];

/**
 * The image type of a file from its first bytes, which must agree with the Content-Type the server
 * sent; a string says why the file is not taken as an image. It quotes nothing the server sent: a
 * result URL may point anywhere, and an error must not tell what answers there.
 */
export function imageTypeOf(head: Buffer, contentType: string): ImageType | string {
	const declared = contentType.split(';')[0].trim().toLowerCase().replace('image/jpg', 'image/jpeg');
	const type = head.length >= SIGNATURE_BYTES ? IMAGE_TYPES.find((candidate) => candidate.matches(head)) : undefined;
	if (!type) {
		const formats = IMAGE_TYPES.map((candidate) => candidate.extension.toUpperCase()).join(', ');
		return `its first bytes are not those of a ${formats} image`;
	}
	if (!UNSPECIFIC_CONTENT_TYPES.includes(declared) && declared !== type.mimeType) {
		return `its bytes are ${type.mimeType} but its Content-Type says otherwise`;
	}
	return { mimeType: type.mimeType, extension: type.extension };
}
