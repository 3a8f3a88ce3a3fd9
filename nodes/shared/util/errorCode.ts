/** The system error code of a failed request (`ECONNREFUSED`, ...), wherever the HTTP layer put it. */
export function errorCode(error: unknown): string | undefined {
	const candidates = [error, (error as { cause?: unknown })?.cause];
	for (const candidate of candidates) {
		const code = (candidate as { code?: unknown } | undefined)?.code;
		if (typeof code === 'string' && code) return code;
	}
	return undefined;
}
