import type { CaseTable, ContractCase } from './case';
import { bodiesOf, CALLBACK_URL, golden, invalid, JPEG_URL, PNG_DATA_URI, PNG_URL, valid } from './case';

// https://docs.liangxin.ai/34592182e0 and https://docs.liangxin.ai/34592183e0
const ASPECT_RATIOS = ['1:1', '2:3', '3:2', '4:3', '3:4', '5:4', '4:5', '16:9', '9:16', '21:9'];
const RESOLUTIONS = ['1K', '2K', '4K', 'low', 'medium', 'high'];
const FOX = '🦊'; // one character, two UTF-16 code units

/** The rules both Nano Banana models share, with `prompt` filled in unless a case sets it. */
function sharedCases(model: string): ContractCase[] {
	const bodyOf = bodiesOf(model);
	const body = (input: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
		bodyOf({ prompt: 'a red fox in the snow', ...input }, extra);
	return [
		valid('a prompt of exactly 2 characters', body({ prompt: 'ab' })),
		valid('a prompt of exactly 3000 characters', body({ prompt: 'x'.repeat(3000) })),
		valid('a prompt of 2 emoji (2 characters)', body({ prompt: FOX.repeat(2) })),
		valid('a prompt of 3000 emoji (3000 characters, 6000 UTF-16 units)', body({ prompt: FOX.repeat(3000) })),
		invalid('a prompt of 1 emoji (1 character, 2 UTF-16 units)', body({ prompt: FOX }), 'input.prompt'),
		...ASPECT_RATIOS.map((aspect_ratio) => valid(`aspect ratio ${aspect_ratio}`, body({ aspect_ratio }))),
		...RESOLUTIONS.map((resolution) => valid(`resolution ${resolution}`, body({ resolution }))),
		valid('3 reference images across both lists', body({ image_input: [PNG_URL, PNG_DATA_URI], reference_images: [JPEG_URL] })),
		valid('an extension in capitals', body({ image_input: ['https://cdn.example.com/A.JPEG'] })),
		valid('a URL whose text ends in .png, even in its query', body({ image_input: ['https://cdn.example.com/img?f=a.png'] })),
		valid('a webp data URI', body({ reference_images: ['data:image/webp;base64,UklGRg=='] })),

		invalid('no prompt', bodyOf({}), 'input.prompt'),
		invalid('a 1-character prompt', body({ prompt: 'x' }), 'input.prompt'),
		invalid('a 3001-character prompt', body({ prompt: 'x'.repeat(3001) }), 'input.prompt'),
		invalid('a prompt that is not text', body({ prompt: 42 }), 'input.prompt'),
		invalid('4 reference images across both lists', body({ image_input: [PNG_URL, PNG_URL], reference_images: [PNG_URL, PNG_URL] }), 'input.image_input'),
		invalid('image_input that is not a list', body({ image_input: PNG_URL }), 'input.image_input'),
		invalid('a GIF URL', body({ image_input: ['https://cdn.example.com/a.gif'] }), 'input.image_input'),
		invalid('a query string after the extension', body({ reference_images: ['https://cdn.example.com/a.png?sig=1'] }), 'input.reference_images'),
		invalid('a fragment after the extension', body({ image_input: ['https://cdn.example.com/a.png#top'] }), 'input.image_input'),
		invalid('an ftp URL', body({ image_input: ['ftp://cdn.example.com/a.png'] }), 'input.image_input'),
		invalid('a GIF data URI', body({ image_input: ['data:image/gif;base64,R0lGOD=='] }), 'input.image_input'),
		invalid('a data URI of image/jpg, which is not a MIME type', body({ image_input: ['data:image/jpg;base64,/9j/4A=='] }), 'input.image_input'),
		invalid('a data URI with three padding characters', body({ image_input: ['data:image/png;base64,iVBORw==='] }), 'input.image_input'),
		invalid('an aspect ratio not listed', body({ aspect_ratio: '7:3' }), 'input.aspect_ratio'),
		invalid('an alias not listed', body({ aspect_ratio: 'square_1_1' }), 'input.aspect_ratio'),
		invalid('resolution 8K', body({ resolution: '8K' }), 'input.resolution'),
		invalid('output format jpeg (only png)', body({ output_format: 'jpeg' }), 'input.output_format'),
		invalid('a callback URL that is not a URL', body({}, { callBackUrl: 'hook' }), 'callBackUrl'),
		invalid('input that is a list', { model, input: ['a red fox'] }, 'input'),
	];
}

const nanoBananaProBody = bodiesOf('nano-banana-pro');
export const nanoBananaPro: CaseTable = {
	model: 'nano-banana-pro',
	cases: [
		golden('the minimal request: model and prompt', nanoBananaProBody({ prompt: 'A watercolor fox' })),
		golden(
			"the market page's example: a callback URL and a prompt",
			nanoBananaProBody(
				{ prompt: 'A cinematic product photo of a compact espresso machine on a marble counter' },
				{ callBackUrl: CALLBACK_URL },
			),
		),
		golden(
			'every documented field',
			nanoBananaProBody({
				prompt: 'Combine these into one poster',
				image_input: [PNG_URL, PNG_DATA_URI],
				reference_images: [JPEG_URL],
				aspect_ratio: '16:9',
				resolution: '2K',
				output_format: 'png',
			}),
		),
		...sharedCases('nano-banana-pro'),
	],
};

const flashBody = bodiesOf('nano-banana-pro-flash');
export const nanoBananaProFlash: CaseTable = {
	model: 'nano-banana-pro-flash',
	cases: [
		golden('the minimal request: model and prompt', flashBody({ prompt: 'A watercolor fox' })),
		golden("the market page's example prompt", flashBody({ prompt: 'A clean app icon for an AI video editor, vivid but minimal' })),
		golden(
			'every documented field',
			flashBody({
				prompt: 'A clean app icon for an AI video editor, vivid but minimal',
				image_input: [PNG_URL],
				reference_images: [JPEG_URL, PNG_DATA_URI],
				aspect_ratio: '1:1',
				resolution: '1K',
				output_format: 'png',
				use_google_search_tool: true,
			}),
		),
		valid('Google Search off', flashBody({ prompt: 'a fox', use_google_search_tool: false })),
		invalid('Google Search as text', flashBody({ prompt: 'a fox', use_google_search_tool: 'yes' }), 'input.use_google_search_tool'),
		...sharedCases('nano-banana-pro-flash'),
	],
};
