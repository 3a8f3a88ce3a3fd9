/** A URL parsed leniently: undefined when it is not one. */
export function parseUrl(value: string, base?: string): URL | undefined {
	try {
		return new URL(value, base);
	} catch {
		return undefined;
	}
}

/** A URL as it may appear in an error: without user info, query or fragment, which may hold secrets. */
export function urlForDisplay(value: string): string {
	const url = parseUrl(value);
	return url ? `${url.origin}${url.pathname}` : '(not a URL)';
}

/**
 * Where a URL points, as an error may name it: scheme, host and port only. User info, path and query
 * may hold a password or a key (a Base URL typed as `https://user:password@host/...`).
 */
export function originForDisplay(value: string, base?: string): string {
	const origin = parseUrl(value, base)?.origin;
	return origin && origin !== 'null' ? origin : '(not a URL)';
}

/**
 * A query parameter's value in any text, also where JSON encoded the `&` as `\u0026` (Go does). Linear:
 * a name ends at the first `=`, and a value at the first separator, so no attempt reads past another.
 */
const QUERY_VALUE = /((?:[?&]|\\u0026)[^=?&#\s"\\]*=)[^&#\s"\\]+/g;

/**
 * `text` (a URL, or JSON or a sentence that holds URLs) with every query value replaced by `***`.
 * An echoed callback URL carries its secret there: n8n's resume URL `?signature=`, the Trigger's `?token=`.
 */
export function maskQueryValues(text: string): string {
	return text.replace(QUERY_VALUE, '$1***');
}
