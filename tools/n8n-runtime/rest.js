// @ts-check
'use strict';
// The REST API of a started n8n, as its editor uses it: the owner's login cookie, then JSON requests.

/** @param {string} text */
function parseJsonOr(text) {
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

/**
 * The `n8n-auth` cookie a response sets, if any.
 * @param {Response} response
 */
function authCookie(response) {
	const cookies = response.headers.getSetCookie?.() ?? [];
	const auth = cookies.find((cookie) => cookie.startsWith('n8n-auth='));
	return auth?.split(';')[0];
}

/**
 * REST client of a started n8n; keeps the `n8n-auth` cookie (no browser-id: n8n then skips that check).
 * @param {() => string | undefined} getBaseUrl undefined while n8n is not started
 */
function createRestClient(getBaseUrl) {
	const rest = {
		/** @type {string | undefined} */
		cookie: undefined,
		owner: { email: 'owner@example.com', firstName: 'Test', lastName: 'Owner', password: 'Passw0rd-e2e!' },

		/**
		 * Sends a request; returns `{ status, body }` (body parsed when JSON), never throws on HTTP errors.
		 * @param {string} method @param {string} pathname @param {unknown} [body]
		 * @param {{ headers?: Record<string, string> }} [options]
		 * @returns {Promise<{ status: number, body: any }>}
		 */
		async request(method, pathname, body, { headers = {} } = {}) {
			const baseUrl = getBaseUrl();
			if (!baseUrl) throw new Error('n8n is not started');
			const response = await fetch(baseUrl + pathname, {
				method,
				headers: {
					...(body === undefined ? {} : { 'content-type': 'application/json' }),
					...(rest.cookie ? { cookie: rest.cookie } : {}),
					...headers,
				},
				body: body === undefined ? undefined : JSON.stringify(body),
			});
			rest.cookie = authCookie(response) ?? rest.cookie;
			return { status: response.status, body: parseJsonOr(await response.text()) };
		},

		/**
		 * Like request, but throws unless the status is 2xx; returns the body.
		 * @param {string} method @param {string} pathname @param {unknown} [body]
		 * @returns {Promise<any>}
		 */
		async ok(method, pathname, body) {
			const { status, body: answer } = await rest.request(method, pathname, body);
			if (status >= 300) throw new Error(`${method} ${pathname} answered ${status}: ${JSON.stringify(answer)}`);
			return answer;
		},

		/** Creates the instance owner (first call only) and logs in as them; returns the auth cookie. */
		async setupOwnerAndLogin() {
			const setup = await rest.request('POST', '/rest/owner/setup', rest.owner);
			if (setup.status >= 300 && !/already/i.test(JSON.stringify(setup.body))) {
				throw new Error(`owner setup answered ${setup.status}: ${JSON.stringify(setup.body)}`);
			}
			await rest.ok('POST', '/rest/login', { emailOrLdapLoginId: rest.owner.email, password: rest.owner.password });
			return /** @type {string} */ (rest.cookie);
		},
	};
	return rest;
}

/** @typedef {ReturnType<typeof createRestClient>} RestClient */

module.exports = { createRestClient };
