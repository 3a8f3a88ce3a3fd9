import type { CaseTable } from './case';
import { bodiesOf, CALLBACK_URL, golden, invalid, valid } from './case';

// https://docs.liangxin.ai/34591205e0 (table) and https://docs.liangxin.ai/ (the S1 example)
const body = bodiesOf('seedream-v4-5');
const PROMPT = 'A cinematic product photo of a premium tea bottle';
const LISTED_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9'];

export const seedreamV45: CaseTable = {
	model: 'seedream-v4-5',
	cases: [
		golden('the minimal example: model and prompt', body({ prompt: PROMPT })),
		golden('the S1 example: a Magnific alias and a callback URL', body({ prompt: PROMPT, aspect_ratio: 'widescreen_16_9' }, { callBackUrl: CALLBACK_URL })),
		golden('every documented field', body({ prompt: PROMPT, aspect_ratio: '21:9', seed: 42, enable_safety_checker: false })),
		...LISTED_RATIOS.map((aspect_ratio) => valid(`aspect ratio ${aspect_ratio}`, body({ prompt: PROMPT, aspect_ratio }))),
		valid('the documented default square_1_1', body({ prompt: PROMPT, aspect_ratio: 'square_1_1' })),
		valid('a one-character prompt', body({ prompt: 'x' })),
		valid('a negative seed (no range is documented)', body({ prompt: PROMPT, seed: -1 })),

		invalid('no prompt', body({}), 'input.prompt'),
		invalid('an empty prompt', body({ prompt: '' }), 'input.prompt'),
		invalid('an aspect ratio not listed', body({ prompt: PROMPT, aspect_ratio: '5:4' }), 'input.aspect_ratio'),
		invalid('a Magnific alias the docs do not show', body({ prompt: PROMPT, aspect_ratio: 'portrait_3_4' }), 'input.aspect_ratio'),
		invalid('a fractional seed', body({ prompt: PROMPT, seed: 1.5 }), 'input.seed'),
		invalid('a seed as text', body({ prompt: PROMPT, seed: '42' }), 'input.seed'),
		invalid('the safety checker as text', body({ prompt: PROMPT, enable_safety_checker: 'false' }), 'input.enable_safety_checker'),
	],
};
