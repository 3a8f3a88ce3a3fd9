/** Where LiangXin's API answers, as the credential gives it. */

/** The credential type of every LiangXin node. */
export const CREDENTIAL_TYPE = 'liangXinApi';

/** The path every API call goes below. */
export const API_PATH = '/api/v1';

/**
 * normalizeBaseUrl as an n8n expression over the credential's Base URL, for the credential's own test
 * request, which n8n builds from an expression and cannot call a function for (test/credentials checks
 * that both agree). A trailing run of slashes is matched from its first slash only: linear time.
 */
export const NORMALIZED_BASE_URL_EXPRESSION = String.raw`$credentials.baseUrl.trim().replace(/(?<!\/)\/+$/, "").replace(/\/api\/v1$/i, "").replace(/(?<!\/)\/+$/, "")`;

/** The base URL as typed by the user, without a trailing slash or `/api/v1`. */
export function normalizeBaseUrl(baseUrl: string): string {
	return withoutTrailingSlashes(withoutTrailingSlashes(baseUrl.trim()).replace(/\/api\/v1$/i, ''));
}

/** A loop, not `/\/+$/`: that regex is quadratic on a long run of slashes, and the value is typed by a user. */
function withoutTrailingSlashes(text: string): string {
	let end = text.length;
	while (end > 0 && text[end - 1] === '/') end--;
	return text.slice(0, end);
}
