import { toUrlList } from '../../../../nodes/shared/parameters/urlList';
import { fastestRunMs } from '../../../helpers/timing';

describe('toUrlList reads the lists users type', () => {
	it.each([
		['', []],
		['https://a.io/1.png', ['https://a.io/1.png']],
		['https://a.io/1.png, https://a.io/2.png', ['https://a.io/1.png', 'https://a.io/2.png']],
		['https://a.io/1.png\n\n  https://a.io/2.png  \n', ['https://a.io/1.png', 'https://a.io/2.png']],
		['data:image/png;base64,AAAA,https://a.io/2.png', ['data:image/png;base64,AAAA', 'https://a.io/2.png']],
		['https://a.io/1.png ,  HTTP://a.io/2.png,data:image/png;base64,AA', ['https://a.io/1.png', 'HTTP://a.io/2.png', 'data:image/png;base64,AA']],
		['https://a.io/1.png\r\nhttps://a.io/2.png\rhttps://a.io/3.png', ['https://a.io/1.png', 'https://a.io/2.png', 'https://a.io/3.png']],
		['not a url , still one entry', ['not a url , still one entry']],
		[',https://a.io/1.png', ['https://a.io/1.png']],
	])('%j', (typed, expected) => {
		expect(toUrlList(typed)).toEqual(expected);
	});

	it('accepts an array from an expression, nested or not', () => {
		expect(toUrlList(['https://a.io/1.png', ['https://a.io/2.png']])).toEqual(['https://a.io/1.png', 'https://a.io/2.png']);
	});

	it('keeps a data URI whole although it contains a comma', () => {
		expect(toUrlList('data:image/webp;base64,UklGRg==')).toEqual(['data:image/webp;base64,UklGRg==']);
	});
});

describe('splitting a list takes linear time', () => {
	const length = 100_000;
	it.each([
		['a long run of spaces', `https://a.io/1.png${' '.repeat(length)}x`],
		['a long run of commas', ','.repeat(length)],
		['commas and spaces', ', '.repeat(length / 2)],
		['a data URI with many commas', `data:image/png;base64,${'A,'.repeat(length / 2)}`],
	])('splits %s of 100k characters in well under 200 ms', (_case, typed) => {
		expect(fastestRunMs(() => toUrlList(typed))).toBeLessThan(200);
	});
});
