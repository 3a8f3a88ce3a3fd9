import { adviceForStatus } from '../../../../nodes/shared/transport/apiErrors';
import { apiMessage } from '../../../../nodes/shared/transport/envelope';
import { normalizeBaseUrl } from '../../../../nodes/shared/platform/apiAddress';
import { DEFAULT_RETRY, retryDelayMs } from '../../../../nodes/shared/transport/retry';
import { fastestRunMs } from '../../../helpers/timing';

describe('normalizeBaseUrl', () => {
	it.each([
		['https://api.liangxin.example', 'https://api.liangxin.example'],
		['https://api.liangxin.example/', 'https://api.liangxin.example'],
		['https://api.liangxin.example/api/v1', 'https://api.liangxin.example'],
		['https://api.liangxin.example/api/v1/ ', 'https://api.liangxin.example'],
		[' https://host/prefix/API/V1//', 'https://host/prefix'],
	])('%s -> %s', (typed, normalized) => {
		expect(normalizeBaseUrl(typed)).toBe(normalized);
	});

	it('strips 100k trailing slashes in well under 200 ms (the Base URL is typed by a user)', () => {
		const typed = `https://a${'/'.repeat(100_000)}x${'/'.repeat(100_000)}`;
		expect(fastestRunMs(() => normalizeBaseUrl(typed))).toBeLessThan(200);
		expect(normalizeBaseUrl(typed)).toBe(`https://a${'/'.repeat(100_000)}x`);
	});
});

describe('apiMessage reads both envelopes', () => {
	it.each([
		['task layer msg', { code: 400, msg: 'input.prompt is required', data: null }, 'input.prompt is required'],
		['task layer message', { code: 500, message: 'upstream failed' }, 'upstream failed'],
		['platform', { error: { message: 'invalid token', type: 'new_api_error', code: '' } }, 'invalid token'],
		['plain text', 'Bad Gateway', 'Bad Gateway'],
		['nothing useful', { code: 500 }, undefined],
	])('%s', (_case, body, message) => {
		expect(apiMessage(body)).toBe(message);
	});
});

describe('adviceForStatus tells the user what to do', () => {
	it.each([
		[401, /API key/],
		[403, /quota/],
		[413, /URLs, or use smaller images/],
		[422, /upstream model rejected/],
		[429, /still refused after 8 retries/],
		[500, /try again later/],
		[503, /try again later/],
	])('HTTP %i', (status, advice) => {
		expect(adviceForStatus(status, 8)).toMatch(advice);
	});
});

describe('retryDelayMs', () => {
	it('grows exponentially with jitter between half and the full step, capped', () => {
		const settings = { ...DEFAULT_RETRY, baseDelayMs: 1000, maxDelayMs: 8000 };
		expect(retryDelayMs(0, settings, undefined, () => 0)).toBe(500);
		expect(retryDelayMs(0, settings, undefined, () => 1)).toBe(1000);
		expect(retryDelayMs(2, settings, undefined, () => 1)).toBe(4000);
		expect(retryDelayMs(10, settings, undefined, () => 1)).toBe(8000);
	});

	it('honours Retry-After (seconds), capped by the maximum delay', () => {
		expect(retryDelayMs(0, DEFAULT_RETRY, '3', () => 0)).toBe(3000);
		expect(retryDelayMs(0, DEFAULT_RETRY, '3600', () => 0)).toBe(DEFAULT_RETRY.maxDelayMs);
	});

	it('ignores a Retry-After that is not a number of seconds', () => {
		expect(retryDelayMs(0, DEFAULT_RETRY, 'soon', () => 1)).toBe(DEFAULT_RETRY.baseDelayMs);
	});
});
