import { summarizeRequest, toUrlList } from '../../../nodes/LiangXinNanoBananaPro/actions/request';

describe('toUrlList reads the lists users type', () => {
	it.each([
		['', []],
		['https://a.io/1.png', ['https://a.io/1.png']],
		['https://a.io/1.png, https://a.io/2.png', ['https://a.io/1.png', 'https://a.io/2.png']],
		['https://a.io/1.png\n\n  https://a.io/2.png  \n', ['https://a.io/1.png', 'https://a.io/2.png']],
		['data:image/png;base64,AAAA,https://a.io/2.png', ['data:image/png;base64,AAAA', 'https://a.io/2.png']],
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

describe('summarizeRequest', () => {
	it('shortens data URIs in the echoed request and keeps URLs', () => {
		const dataUri = `data:image/png;base64,${'A'.repeat(5000)}`;
		const summary = summarizeRequest({
			model: 'nano-banana-pro',
			input: { prompt: 'p', image_input: [dataUri, 'https://a.io/1.png'] },
		});
		expect(summary.input).toEqual({
			prompt: 'p',
			image_input: [`${dataUri.slice(0, 40)}… (${dataUri.length} characters)`, 'https://a.io/1.png'],
		});
	});
});
