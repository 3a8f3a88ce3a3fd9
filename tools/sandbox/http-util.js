// @ts-check
'use strict';

/** Auth errors come from the platform layer, in its own envelope. */
const PLATFORM_INVALID_TOKEN = Object.freeze({
	error: { message: 'invalid token', type: 'new_api_error', code: '' },
});

/**
 * Every other error comes from the task layer.
 * @param {number} code @param {string} msg @param {unknown} [data]
 */
function taskEnvelope(code, msg, data = null) {
	return { code, msg, data };
}

/** @param {import('node:http').IncomingMessage} request @param {string} apiKey */
function isAuthorized(request, apiKey) {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '');
	return match !== null && match[1] === apiKey;
}

/**
 * Reads the whole body but keeps at most `maxBytes`: answering before the client has finished
 * sending would make it see a reset connection instead of the 413.
 * @param {import('node:http').IncomingMessage} request
 * @param {number} maxBytes
 * @returns {Promise<{ text: string, bytes: number, tooLarge: boolean }>}
 */
function readBody(request, maxBytes) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let bytes = 0;
		request.on('data', (/** @type {Buffer} */ chunk) => {
			bytes += chunk.length;
			if (bytes <= maxBytes) chunks.push(chunk);
		});
		request.on('end', () => {
			const tooLarge = bytes > maxBytes;
			resolve({ text: tooLarge ? '' : Buffer.concat(chunks).toString('utf8'), bytes, tooLarge });
		});
		request.on('error', reject);
	});
}

/**
 * @param {string} text
 * @returns {{ ok: true, value: any } | { ok: false }}
 */
function parseJson(text) {
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return { ok: false };
	}
}

/**
 * @param {import('node:http').ServerResponse} response
 * @param {number} status
 * @param {string | Buffer} body
 * @param {Record<string, string | number>} headers
 */
function send(response, status, body, headers) {
	response.writeHead(status, { ...headers, 'content-length': Buffer.byteLength(body) });
	response.end(body);
}

/** @param {import('node:http').ServerResponse} response @param {number} status @param {unknown} value */
function sendJson(response, status, value) {
	send(response, status, JSON.stringify(value), { 'content-type': 'application/json; charset=utf-8' });
}

module.exports = { PLATFORM_INVALID_TOKEN, taskEnvelope, isAuthorized, readBody, parseJson, send, sendJson };
