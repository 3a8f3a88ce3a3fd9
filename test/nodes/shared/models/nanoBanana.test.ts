import { labelsOf, requestSchemaOf } from '../../../../nodes/shared/models';
import { ASPECT_RATIOS, isAcceptedReferenceImage, MODEL, RESOLUTIONS } from '../../../../nodes/shared/models/nanoBanana';
import { nanoBananaPro } from '../../../../nodes/shared/models/nanoBananaPro';
import { describeIssues } from '../../../../nodes/shared/util/zodRules';

/** What both nodes check a Nano Banana Pro request with. */
const createTaskRequestSchema = requestSchemaOf(nanoBananaPro);
import { fastestRunMs } from '../../../helpers/timing';

const request = (input: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
	model: MODEL,
	...extra,
	input: { prompt: 'a red fox', ...input },
});

function problems(candidate: unknown): string[] {
	const parsed = createTaskRequestSchema.safeParse(candidate);
	return parsed.success ? [] : describeIssues(labelsOf(nanoBananaPro), parsed.error);
}

describe('the nano-banana-pro contract', () => {
	it('accepts the minimal documented request', () => {
		expect(problems({ model: 'nano-banana-pro', input: { prompt: 'hi' } })).toEqual([]);
	});

	it('accepts every documented aspect ratio and resolution, and png output', () => {
		for (const aspect_ratio of ASPECT_RATIOS) expect(problems(request({ aspect_ratio }))).toEqual([]);
		for (const resolution of RESOLUTIONS) expect(problems(request({ resolution }))).toEqual([]);
		expect(problems(request({ output_format: 'png' }))).toEqual([]);
	});

	it.each([
		['x', 1],
		['x'.repeat(3001), 3001],
	])('rejects a prompt of %#: length %p', (prompt, length) => {
		expect(problems(request({ prompt }))).toEqual([
			`Prompt (input.prompt) must be 2 to 3000 characters (got ${length})`,
		]);
	});

	it('accepts prompts of exactly 2 and 3000 characters', () => {
		expect(problems(request({ prompt: 'ab' }))).toEqual([]);
		expect(problems(request({ prompt: 'a'.repeat(3000) }))).toEqual([]);
	});

	it('rejects a missing prompt', () => {
		expect(problems({ model: MODEL, input: {} })).toEqual(['Prompt (input.prompt) is required']);
	});

	it('rejects more than 3 reference images across both lists', () => {
		const url = 'https://cdn.example.com/a.png';
		expect(problems(request({ image_input: [url, url], reference_images: [url, url] }))).toEqual([
			'Images to Edit (URLs) (input.image_input) together with reference images must hold at most 3 images (got 4)',
		]);
		expect(problems(request({ image_input: [url], reference_images: [url, url] }))).toEqual([]);
	});

	it('names the offending image, quotes it and suggests binary for a .gif URL', () => {
		const [message] = problems(request({ reference_images: ['https://x.io/a.png', 'https://x.io/b.gif'] }));
		expect(message).toContain('Reference Images (URLs) #2 (input.reference_images[1]) must be a URL ending in .png, .jpg, .jpeg, .webp');
		expect(message).toContain('"https://x.io/b.gif"');
		expect(message).toContain('Input Binary Fields');
	});

	it('rejects a data:image/gif URI and abbreviates it in the message', () => {
		const gif = `data:image/gif;base64,${'R0lGODlh'.repeat(50)}`;
		const [message] = problems(request({ image_input: [gif] }));
		expect(message).toContain('Images to Edit (URLs) #1 (input.image_input[0])');
		expect(message).toContain(`(${gif.length} characters)`);
		expect(message).not.toContain(gif);
	});

	it.each([
		['https://x.io/photo.PNG', true],
		['https://x.io/photo.jpeg', true],
		['http://x.io/a/b/photo.webp', true],
		['https://x.io/photo.png?token=1', false],
		['https://x.io/photo', false],
		['ftp://x.io/photo.png', false],
		['data:image/png;base64,iVBORw0KGgo=', true],
		['data:image/jpeg;base64,/9j/4AAQ', true],
		['data:image/webp;base64,UklGRg==', true],
		['data:image/svg+xml;base64,PHN2Zz4=', false],
		['data:image/png,rawbytes', false],
	])('reference image rule: %s -> %p', (value, accepted) => {
		expect(isAcceptedReferenceImage(value)).toBe(accepted);
	});

	it.each([
		['aspect_ratio', '7:3', 'Aspect Ratio (input.aspect_ratio) must be one of 1:1, 2:3, 3:2, 4:3, 3:4, 5:4, 4:5, 16:9, 9:16, 21:9 (got "7:3")'],
		['resolution', '8K', 'Resolution (input.resolution) must be one of 1K, 2K, 4K, low, medium, high (got "8K")'],
		['output_format', 'jpeg', 'Output Format (input.output_format) must be one of png (got "jpeg")'],
	])('rejects an unknown %s', (field, value, expected) => {
		expect(problems(request({ [field]: value }))).toEqual([expected]);
	});

	it('rejects a callback URL that is not http(s)', () => {
		expect(problems(request({}, { callBackUrl: 'ftp://n8n.example.com/hook' }))).toEqual([
			'Callback URL (callBackUrl) must be an http(s) URL (got "ftp://n8n.example.com/hook")',
		]);
		expect(problems(request({}, { callBackUrl: 'https://n8n.example.com/webhook/x' }))).toEqual([]);
	});

	it('reports every problem of a request at once', () => {
		expect(problems(request({ prompt: 'x', resolution: '8K' }))).toHaveLength(2);
	});
});

describe('every rule checks a long value in linear time', () => {
	const length = 100_000;
	it.each([
		['a callback URL followed by a space', 'callBackUrl', `http://${'a'.repeat(length)} `],
		['a callback URL of slashes', 'callBackUrl', `https://a${'/'.repeat(length)} `],
		['an image URL of dots', 'image_input', `https://${'a.'.repeat(length / 2)} `],
		['an image URL of extensions', 'image_input', `https://${'.png'.repeat(length / 4)}!`],
		['a data URI with a bad last character', 'image_input', `data:image/png;base64,${'A'.repeat(length)}!`],
		['a data URI of padding', 'image_input', `data:image/png;base64,${'A='.repeat(length / 2)}`],
	])('validates %s of 100k characters in well under 200 ms', (_case, field, value) => {
		const candidate = field === 'callBackUrl' ? request({}, { callBackUrl: value }) : request({ image_input: [value] });
		expect(fastestRunMs(() => createTaskRequestSchema.safeParse(candidate))).toBeLessThan(200);
		expect(problems(candidate)).toHaveLength(1);
	});

	it('still reads a callback URL as before', () => {
		expect(problems(request({}, { callBackUrl: 'https:///path' }))).toHaveLength(1);
		expect(problems(request({}, { callBackUrl: 'https://host/a b' }))).toHaveLength(1);
		expect(problems(request({}, { callBackUrl: 'HTTP://host' }))).toEqual([]);
	});
});
