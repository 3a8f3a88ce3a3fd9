// @ts-check
'use strict';
// Outgoing POSTs to callBackUrl receivers (real callbacks and forged ones).
const http = require('node:http');
const https = require('node:https');
const { taskEnvelope } = require('./http-util');
const { recordInfoData } = require('./tasks');

const CALLBACK_TIMEOUT_MS = 10000;

/**
 * @typedef {import('./context').SandboxContext} SandboxContext
 * @typedef {import('./types').LogEntry} LogEntry
 * @typedef {import('./types').SandboxTask} SandboxTask
 */

/**
 * POSTs `body` (a string is sent as is, anything else as JSON) without keep-alive, so that no
 * socket outlives the delivery.
 * @param {string} url
 * @param {unknown} body
 * @param {{ signal: AbortSignal, headers?: Record<string, string> }} options
 * @returns {Promise<{ status: number, body: string }>}
 */
function postToUrl(url, body, { signal, headers = {} }) {
	const payload = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
	const target = new URL(url);
	const transport = target.protocol === 'https:' ? https : http;
	return new Promise((resolve, reject) => {
		const request = transport.request(
			target,
			{
				method: 'POST',
				agent: false,
				signal,
				timeout: CALLBACK_TIMEOUT_MS,
				headers: {
					'content-type': 'application/json',
					'user-agent': 'LiangXin-Sandbox-Callback/1.0',
					...headers,
					'content-length': payload.length,
					connection: 'close',
				},
			},
			(response) => {
				/** @type {Buffer[]} */
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
				response.on('error', reject);
			},
		);
		request.on('timeout', () => request.destroy(new Error(`callback receiver did not answer within ${CALLBACK_TIMEOUT_MS} ms`)));
		request.on('error', reject);
		request.end(payload);
	});
}

/**
 * Sends `body` and logs the delivery with the status the receiver answered. Deliveries cut short
 * by reset() or close() are not logged: they belong to a run that is over.
 * @param {SandboxContext} ctx
 * @param {string} url
 * @param {unknown} body
 * @param {Pick<LogEntry, 'route'> & Partial<LogEntry>} details route, taskId, delivery…
 * @param {Record<string, string>} [headers]
 * @returns {Promise<LogEntry>}
 */
async function deliverAndLog(ctx, url, body, details, headers) {
	const { signal } = ctx.callbackTimers;
	/** @type {LogEntry} */
	const entry = { at: Date.now(), method: 'POST', path: 'callback', query: {}, status: null, authorized: false, url, body, ...details };
	try {
		const answer = await postToUrl(url, body, { signal, headers });
		Object.assign(entry, { status: answer.status, response: answer.body, answeredAt: Date.now() });
	} catch (error) {
		if (signal.aborted) return entry;
		Object.assign(entry, { status: null, error: /** @type {Error} */ (error).message, answeredAt: Date.now() });
	}
	ctx.recordLog(entry);
	return entry;
}

/** @param {LogEntry} entry */
const answeredOk = (entry) => entry.status !== null && entry.status >= 200 && entry.status < 300;

/**
 * One delivery of a task's callback; one not answered 2xx is tried again after each of `retryDelaysMs`
 * in turn (LiangXin says delivery is "retried briefly": how often and how long is not documented).
 * @param {SandboxContext} ctx @param {SandboxTask} task @param {import('./types').TaskCallback} callback
 * @param {number} delivery @param {number} inMs @param {number} [attempt]
 */
function scheduleDelivery(ctx, task, callback, delivery, inMs, attempt = 1) {
	const { url, retryDelaysMs } = callback;
	ctx.callbackTimers.schedule(inMs, async () => {
		const { signal } = ctx.callbackTimers; // reset() swaps it: a retry must not outlive the run it belongs to
		const body = taskEnvelope(200, 'success', recordInfoData(task, Date.now()));
		const entry = await deliverAndLog(ctx, url, body, { route: 'callback', taskId: task.taskId, delivery, attempt });
		const retryInMs = retryDelaysMs[attempt - 1];
		if (!answeredOk(entry) && retryInMs !== undefined && !signal.aborted) {
			scheduleDelivery(ctx, task, callback, delivery, retryInMs, attempt + 1);
		}
	});
}

/**
 * The final recordInfo body goes to callBackUrl when the task ends, `repeats` times.
 * @param {SandboxContext} ctx @param {SandboxTask} task
 */
function scheduleCallbacks(ctx, task) {
	const { callback } = task;
	if (!callback) return;
	for (let delivery = 1; delivery <= callback.repeats; delivery++) {
		scheduleDelivery(ctx, task, callback, delivery, Math.max(0, task.completeAt - Date.now()) + (delivery - 1) * callback.delayMs);
	}
}

/**
 * POSTs an arbitrary body to a URL, e.g. a forged or malformed callback for trigger tests.
 * @param {SandboxContext} ctx @param {string} url @param {unknown} body @param {Record<string, string>} [headers]
 */
function forgeCallback(ctx, url, body, headers) {
	return deliverAndLog(ctx, url, body, { route: 'forgedCallback' }, headers);
}

module.exports = { scheduleCallbacks, forgeCallback };
