import { optionsInWords } from '../../../../nodes/shared/parameters/optionNames';

const named = (field: string, values: readonly string[]) => optionsInWords(field, values).map(({ name, value }) => `${name} = ${value}`);

describe('a documented choice in words, its values as LiangXin documents them', () => {
	it('names a ratio by the shape it gives', () => {
		expect(named('aspect_ratio', ['1:1', '2:3', '16:9', '9:16', '21:9'])).toEqual([
			'Square (1:1) = 1:1',
			'Portrait (2:3) = 2:3',
			'Widescreen (16:9) = 16:9',
			'Portrait (9:16) = 9:16',
			'Ultrawide (21:9) = 21:9',
		]);
	});

	it('gives a named ratio the plain name, and its other spelling says how it is sent, next to it', () => {
		expect(named('aspect_ratio', ['1:1', '16:9', '4:3', 'square_1_1', 'widescreen_16_9'])).toEqual([
			'Square (1:1) = square_1_1',
			'Square (Sent as 1:1) = 1:1',
			'Widescreen (16:9) = widescreen_16_9',
			'Widescreen (Sent as 16:9) = 16:9',
			'Landscape (4:3) = 4:3',
		]);
	});

	it('words the other documented choices', () => {
		expect(named('person_generation', ['dont_allow', 'allow_adult', 'allow_all'])).toEqual([
			"Don't Allow = dont_allow",
			'Allow Adults = allow_adult',
			'Allow All = allow_all',
		]);
		expect(named('resolution', ['1K', 'low'])).toEqual(['1K = 1K', 'Low = low']);
		expect(named('output_format', ['png', 'jpeg', 'jpg', 'image/png'])).toEqual([
			'PNG = png',
			'PNG (Sent as image/png) = image/png',
			'JPEG = jpeg',
			'JPEG (Sent as jpg) = jpg',
		]);
	});

	it('keeps every documented value exactly once, so saved choices stay valid', () => {
		const values = ['square_1_1', 'social_story_9_16', 'widescreen_16_9', 'traditional_3_4', 'classic_4_3', '1:1', '9:16', '16:9', '3:4', '4:3'];
		expect(optionsInWords('aspect_ratio', values).map((option) => option.value).sort()).toEqual([...values].sort());
	});
});
