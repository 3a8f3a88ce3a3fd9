import { Readable } from 'node:stream';

import type { IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

/** What the recorder answers for a URL it does not pass through: nothing is connected to. */
export interface ScriptedAnswer {
	status: number;
	headers?: Record<string, string>;
	body?: string | Buffer;
}

export interface HttpRecorder {
	/** Every URL the helper was asked for (and, like n8n's helper, every redirect it followed), in order. */
	requested: string[];
}

type HttpRequest = (options: IHttpRequestOptions) => Promise<unknown>;

/** n8n's helper follows at most this many redirects (axios' default) unless told not to. */
const HELPER_MAX_REDIRECTS = 21;

/**
 * Puts a recorder in place of a context's `helpers.httpRequest`, where every request of a node is
 * made. URLs on a `passThrough` origin (the test's own loopback servers) go to the real helper;
 * any other URL is recorded and answered from `answers` without any connection, or fails as an
 * unreachable network. Like n8n's helper, it follows a redirect itself unless the request sets
 * `disableFollowRedirect`, so code that leaves redirects to the helper is recorded going there.
 */
export function recordHttpRequests(
	context: { helpers: { httpRequest: HttpRequest } },
	{ passThrough = [], answers = {} }: { passThrough?: string[]; answers?: Record<string, ScriptedAnswer> } = {},
): HttpRecorder {
	const requested: string[] = [];
	const real = context.helpers.httpRequest;
	context.helpers.httpRequest = async (options: IHttpRequestOptions) => {
		let url = options.url;
		for (let redirects = 0; ; redirects++) {
			requested.push(url);
			if (passThrough.includes(new URL(url).origin)) return await real({ ...options, url });
			const answer = answers[url];
			if (!answer) throw Object.assign(new Error(`the recorder has no route to ${url}`), { code: 'ENETUNREACH' });
			const location = answer.headers?.location;
			if (location && options.disableFollowRedirect !== true && redirects < HELPER_MAX_REDIRECTS) {
				url = new URL(location, url).href;
				continue;
			}
			const response: IN8nHttpFullResponse = {
				statusCode: answer.status,
				headers: answer.headers ?? {},
				body: Readable.from([Buffer.from(answer.body ?? '')]),
			};
			return response;
		}
	};
	return { requested };
}
