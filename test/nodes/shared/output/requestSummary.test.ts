import { summarizeRequest } from '../../../../nodes/shared/output/requestSummary';

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
