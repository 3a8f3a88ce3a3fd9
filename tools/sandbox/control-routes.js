// @ts-check
'use strict';
// /__sandbox/* endpoints: drive a sandbox that runs in another process (demo, benchmarks).
// No auth, never logged.
const { readBody, parseJson, sendJson } = require('./http-util');

const CONTROL_BODY_LIMIT_BYTES = 50 * 1024 * 1024;

/** @typedef {import('./types').Sandbox} Sandbox */

/** @type {Record<string, (sandbox: Sandbox, body: any) => unknown>} */
const CONTROL_ACTIONS = {
	'GET /__sandbox/log': (sandbox) => sandbox.snapshot(),
	'POST /__sandbox/configure': (sandbox, body) => sandbox.configure(body ?? {}),
	'POST /__sandbox/reset': (sandbox, body) => {
		sandbox.reset(body?.resetOptions === true);
		return sandbox.options;
	},
	'POST /__sandbox/fault': (sandbox, body) => {
		sandbox.queueFault(body);
		return { pendingFaults: sandbox.pendingFaults() };
	},
	'POST /__sandbox/forge-callback': (sandbox, body) => {
		if (typeof body?.url !== 'string') throw new Error('forge-callback needs { url, body, headers? }');
		return sandbox.forgeCallback(body.url, body.body, body.headers);
	},
};

/** @param {string} pathname */
function isControlPath(pathname) {
	return pathname.startsWith('/__sandbox/');
}

/**
 * @param {Sandbox} sandbox @param {import('node:http').IncomingMessage} request
 * @param {import('node:http').ServerResponse} response @param {URL} url
 */
async function handleControlRequest(sandbox, request, response, url) {
	const action = CONTROL_ACTIONS[`${request.method} ${url.pathname}`];
	const received = await readBody(request, CONTROL_BODY_LIMIT_BYTES);
	if (!action) return sendJson(response, 404, { error: `no control endpoint ${request.method} ${url.pathname}` });
	const parsed = received.text === '' ? { ok: true, value: undefined } : parseJson(received.text);
	if (!parsed.ok) return sendJson(response, 400, { error: 'body is not valid JSON' });
	try {
		return sendJson(response, 200, await action(sandbox, parsed.value));
	} catch (error) {
		return sendJson(response, 400, { error: /** @type {Error} */ (error).message });
	}
}

module.exports = { isControlPath, handleControlRequest };
