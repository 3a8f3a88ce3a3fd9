/** Reading LiangXin's two answer envelopes: task layer `{code,msg,data}` and platform `{error:{message}}`. */

/** The API's own message from either envelope. */
export function apiMessage(body: unknown): string | undefined {
	if (typeof body === 'string') return body.trim() ? body.trim().slice(0, 300) : undefined;
	if (!body || typeof body !== 'object') return undefined;
	const envelope = body as { msg?: unknown; message?: unknown; error?: { message?: unknown } | string };
	const platformError = typeof envelope.error === 'object' ? envelope.error?.message : envelope.error;
	const message = envelope.msg ?? envelope.message ?? platformError;
	return typeof message === 'string' && message ? message : undefined;
}

/** The status an answer stands for: the task-layer envelope may report an error inside an HTTP 200. */
export function envelopeStatus(httpStatus: number, body: unknown): number {
	if (httpStatus < 200 || httpStatus > 299 || !body || typeof body !== 'object') return httpStatus;
	const code = Number((body as { code?: unknown }).code);
	return Number.isInteger(code) && code >= 400 ? code : httpStatus;
}

/** An answer's bytes as JSON when they are JSON, else as text: what n8n makes of the answer to a JSON request. */
export function parseAnswer(bytes: Buffer): unknown {
	const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}
