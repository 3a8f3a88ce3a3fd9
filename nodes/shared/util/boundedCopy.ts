/**
 * Limits on what an output copies from an answer or a callback body: both come from outside, and an
 * item too deep or too large for n8n to store would fail the whole execution.
 */
export const COPY_LIMITS = { maxDepth: 20, maxValues: 10_000, maxStringLength: 10_000 } as const;

export interface BoundedCopyOptions {
	/** Rewrites a string found under the property `key` (an array's items are under its key), e.g. to mask a secret. */
	mapString?: (text: string, key: string) => string;
}

function cutString(text: string): string {
	const { maxStringLength } = COPY_LIMITS;
	if (text.length <= maxStringLength) return text;
	return `${text.slice(0, maxStringLength)}[cut: ${text.length - maxStringLength} more characters]`;
}

/**
 * A copy of JSON data cut to COPY_LIMITS, each cut marked with a `[cut: ...]` string. Keys such as
 * `__proto__` stay plain properties of the copy.
 */
export function boundedCopy(value: unknown, { mapString = (text) => text }: BoundedCopyOptions = {}): unknown {
	const { maxDepth, maxValues } = COPY_LIMITS;
	let valuesLeft = maxValues;

	const copy = (current: unknown, key: string, depth: number): unknown => {
		if (typeof current === 'string') return cutString(mapString(current, key));
		if (typeof current !== 'object' || current === null) return current;
		if (depth >= maxDepth) return `[cut: deeper than ${maxDepth} levels]`;
		const entries: Array<[string, unknown]> = [];
		for (const [childKey, child] of Object.entries(current)) {
			if (valuesLeft-- <= 0) {
				entries.push(['[cut]', `[cut: more than ${maxValues} values in all]`]);
				break;
			}
			entries.push([cutString(childKey), copy(child, Array.isArray(current) ? key : childKey, depth + 1)]);
		}
		return Array.isArray(current) ? entries.map(([, child]) => child) : Object.fromEntries(entries);
	};
	return copy(value, '', 0);
}
