import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { EBML_HEAD_BYTES, headBytesNeeded, mediaTypeOf, SIGNATURE_BYTES } from '../../../../nodes/shared/output/mediaType';

const VIDEOS = join(__dirname, '../../../../tools/sandbox/videos');
const MP4 = readFileSync(join(VIDEOS, 'result.mp4'));
const WEBM = readFileSync(join(VIDEOS, 'result.webm'));
/** The first bytes ffmpeg writes for a QuickTime file (`-f mov`) and for a Matroska one (`-f matroska`). */
const MOV = Buffer.from('000000146674797071742020000002007174202000000008776964650000', 'hex');
const MKV = Buffer.concat([
	Buffer.from('1a45dfa3a34286810142f7810142f2810442f381084282886d617472' + '6f736b614287810442858102185380670100000000000000', 'hex'),
	Buffer.alloc(32),
]);
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const JPEG = Buffer.from('ffd8ffe000104a4649460001', 'hex');
const WEBP = Buffer.from('524946462400000057454250', 'hex');
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00', 'latin1');
const HTML = Buffer.from('<!doctype html><html><body>Sign in</body></html>');
/** An `ftyp` box whose brand is that of a still image (AVIF) or of audio (M4A). */
const ftypOf = (brand: string) => Buffer.concat([Buffer.from('00000018', 'hex'), Buffer.from(`ftyp${brand}`, 'latin1'), Buffer.alloc(12)]);

const head = (file: Buffer) => file.subarray(0, headBytesNeeded(file.subarray(0, SIGNATURE_BYTES)));
const video = ['video'] as const;

describe('media types told by the first bytes', () => {
	it.each([
		['PNG', PNG, 'image/png', 'png'],
		['JPEG', JPEG, 'image/jpeg', 'jpg'],
		['WebP', WEBP, 'image/webp', 'webp'],
		['GIF', GIF, 'image/gif', 'gif'],
	])('takes a %s as an image (the default kind)', (_name, bytes, mimeType, extension) => {
		expect(mediaTypeOf(bytes, '')).toEqual({ kind: 'image', mimeType, extension });
	});

	it.each([
		['an MP4 (ftyp brand isom)', MP4, 'video/mp4', 'mp4', 'video/mp4'],
		['a MOV (ftyp brand "qt  ")', MOV, 'video/quicktime', 'mov', 'video/quicktime'],
		['a WebM (EBML, doctype webm)', WEBM, 'video/webm', 'webm', 'video/webm'],
	])('takes %s as a video when videos are accepted', (_name, bytes, mimeType, extension, contentType) => {
		expect(mediaTypeOf(head(bytes), contentType, video)).toEqual({ kind: 'video', mimeType, extension });
		expect(mediaTypeOf(head(bytes), 'application/octet-stream', video)).toEqual({ kind: 'video', mimeType, extension });
	});

	it('reads 12 bytes of any file, and 64 of an EBML one to find its doctype', () => {
		expect(headBytesNeeded(MP4.subarray(0, SIGNATURE_BYTES))).toBe(SIGNATURE_BYTES);
		expect(headBytesNeeded(WEBM.subarray(0, SIGNATURE_BYTES))).toBe(EBML_HEAD_BYTES);
		// Cut before its doctype, a WebM is not told from other EBML files.
		expect(mediaTypeOf(WEBM.subarray(0, SIGNATURE_BYTES), 'video/webm', video)).toEqual({ reason: 'its first bytes are not those of an MP4, MOV, WEBM video' });
	});

	it('accepts an ISO BMFF file under any of the container\'s content types, whichever its brand', () => {
		expect(mediaTypeOf(head(MP4), 'video/quicktime', video)).toMatchObject({ mimeType: 'video/mp4' });
		expect(mediaTypeOf(head(MOV), 'video/mp4; codecs="avc1"', video)).toMatchObject({ mimeType: 'video/quicktime' });
	});
});

describe('what is refused, in words that quote nothing the server sent', () => {
	it('an HTML page: not an image, not a video, not both', () => {
		expect(mediaTypeOf(HTML, 'text/html')).toEqual({ reason: 'its first bytes are not those of a PNG, JPG, WEBP, GIF image' });
		expect(mediaTypeOf(HTML, 'text/html', video)).toEqual({ reason: 'its first bytes are not those of an MP4, MOV, WEBM video' });
		expect(mediaTypeOf(HTML, 'text/html', ['image', 'video'])).toEqual({
			reason: 'its first bytes are not those of a PNG, JPG, WEBP, GIF image or an MP4, MOV, WEBM video',
		});
	});

	it('a video where images are expected, and an image where videos are', () => {
		expect(mediaTypeOf(head(MP4), 'video/mp4')).toEqual({
			reason: 'its first bytes are those of a video (MP4), not of a PNG, JPG, WEBP, GIF image',
			otherKind: 'video',
		});
		expect(mediaTypeOf(PNG, 'image/png', video)).toEqual({
			reason: 'its first bytes are those of an image (PNG), not of an MP4, MOV, WEBM video',
			otherKind: 'image',
		});
	});

	it('an ftyp box of a still image or of audio, and an EBML file that is Matroska, not WebM', () => {
		const refusal = { reason: 'its first bytes are not those of an MP4, MOV, WEBM video' };
		expect(mediaTypeOf(ftypOf('avif'), 'image/avif', video)).toEqual(refusal);
		expect(mediaTypeOf(ftypOf('heic'), '', video)).toEqual(refusal);
		expect(mediaTypeOf(ftypOf('M4A '), 'audio/mp4', video)).toEqual(refusal);
		expect(mediaTypeOf(MKV, 'video/x-matroska', video)).toEqual(refusal);
	});

	it('a video whose Content-Type names another type', () => {
		expect(mediaTypeOf(head(MP4), 'video/webm', video)).toEqual({ reason: 'its bytes are video/mp4 but its Content-Type says otherwise' });
		expect(mediaTypeOf(head(WEBM), 'video/mp4', video)).toEqual({ reason: 'its bytes are video/webm but its Content-Type says otherwise' });
		expect(mediaTypeOf(head(MP4), 'text/html', video)).toEqual({ reason: 'its bytes are video/mp4 but its Content-Type says otherwise' });
	});

	it('a file shorter than its signature', () => {
		expect(mediaTypeOf(MP4.subarray(0, 11), 'video/mp4', video)).toEqual({ reason: 'its first bytes are not those of an MP4, MOV, WEBM video' });
	});
});
