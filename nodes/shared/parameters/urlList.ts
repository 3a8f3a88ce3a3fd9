/** Matches where an entry starts: a URL or a data URI, after optional spaces. Sticky, so it looks at one position. */
const ENTRY_START = /\s*(?:https?:\/\/|data:)/iy;

/** A line's entries: a comma separates only when the next entry starts a URL or a data URI. */
function splitLine(line: string): string[] {
	const entries: string[] = [];
	let start = 0;
	for (let comma = line.indexOf(','); comma !== -1; comma = line.indexOf(',', comma + 1)) {
		ENTRY_START.lastIndex = comma + 1;
		if (!ENTRY_START.test(line)) continue;
		entries.push(line.slice(start, comma));
		start = comma + 1;
	}
	entries.push(line.slice(start));
	return entries;
}

/**
 * Splits a list typed by a user: one per line or comma-separated. A comma only separates when the
 * next entry starts a URL, because data URIs contain commas themselves. Linear in the length: the
 * text can come from an expression, and a regex that backtracks over it can block the event loop.
 */
export function toUrlList(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(toUrlList);
	if (typeof value !== 'string') return value === undefined || value === null ? [] : [String(value)];
	return value
		.split(/\r\n|\r|\n/)
		.flatMap(splitLine)
		.map((entry) => entry.trim())
		.filter(Boolean);
}
