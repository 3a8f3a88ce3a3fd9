// @ts-check
'use strict';
// The emulated LiangXin routes: createTask, recordInfo and the result files.
const { Readable, pipeline } = require('node:stream');
const { scheduleCallbacks } = require('./callbacks');
const { chance, malformedRecordInfoBody } = require('./faults');
const { PLATFORM_INVALID_TOKEN, taskEnvelope, isAuthorized, readBody, parseJson, send } = require('./http-util');
const { createTaskRecord, recordInfoData, taskState } = require('./tasks');
const { createTaskError } = require('./validation');
const { videoFile } = require('./video-files');

const FILE_PATH = /^\/files\/(task_[\w.-]+)\/(\d+)\.(png|jpg|mp4|webm)$/;
const FILE_CACHE_CONTROL = 'private, max-age=86400';
const CONTENT_TYPE = { png: 'image/png', jpeg: 'image/jpeg' };

/**
 * @typedef {import('./context').SandboxContext} SandboxContext
 * @typedef {import('./types').LogEntry} LogEntry
 * @typedef {import('./types').ApiRoute | 'unknown'} Route
 * @typedef {import('node:http').IncomingMessage} IncomingMessage
 * @typedef {import('node:http').ServerResponse} ServerResponse
 * @typedef {ReturnType<typeof createExchange>} Exchange
 * @typedef {{ ok: true, value: any } | { ok: false }} ParsedBody
 */

/** @param {string | undefined} method @param {string} pathname @returns {Route} */
function apiRouteOf(method, pathname) {
	if (method === 'POST' && pathname === '/api/v1/jobs/createTask') return 'createTask';
	if (method === 'GET' && pathname === '/api/v1/jobs/recordInfo') return 'recordInfo';
	if ((method === 'GET' || method === 'HEAD') && FILE_PATH.test(pathname)) return 'image';
	return 'unknown';
}

/**
 * One request/answer pair: answers and logs it exactly once. A drop can be armed to happen instead
 * of the answer, after the request was processed (e.g. after the task was created).
 * @param {SandboxContext} ctx @param {IncomingMessage} request @param {ServerResponse} response @param {LogEntry} entry
 */
function createExchange(ctx, request, response, entry) {
	let dropInsteadOfAnswer = false;

	/** @param {number | null} status @param {unknown} logged @param {number} bytes */
	function finish(status, logged, bytes) {
		entry.status = status;
		entry.response = logged;
		entry.responseBytes = bytes;
		ctx.recordLog(entry);
	}

	function drop() {
		if (entry.route === 'createTask') {
			entry.fault = entry.taskId ? 'drop-after-create' : 'drop-before-create';
			const task = entry.taskId ? ctx.tasks.get(entry.taskId) : undefined;
			if (task) task.fault = entry.fault;
		} else {
			entry.fault = 'drop';
		}
		request.socket.destroy();
		finish(null, null, 0);
	}

	return {
		entry,
		drop,
		dropAfterProcessing() {
			dropInsteadOfAnswer = true;
		},
		/** @param {number} status @param {unknown} body a string is sent as is, anything else as JSON @param {Record<string, string>} [headers] */
		answer(status, body, headers = {}) {
			if (dropInsteadOfAnswer) return drop();
			const isText = typeof body === 'string';
			const payload = isText ? body : JSON.stringify(body);
			const contentType = isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8';
			send(response, status, payload, { 'content-type': contentType, ...headers });
			finish(status, body, Buffer.byteLength(payload));
		},
		/** @param {Buffer} file @param {'png' | 'jpeg'} format */
		answerImage(file, format) {
			if (dropInsteadOfAnswer) return drop();
			send(response, 200, file, { 'content-type': CONTENT_TYPE[format], 'cache-control': FILE_CACHE_CONTROL });
			finish(200, null, file.length);
		},
		/**
		 * Streams a video as the client reads it; logged once it ended, with the bytes sent (fewer when the client stopped reading).
		 * @param {ReturnType<typeof videoFile>} video @param {boolean} headersOnly a HEAD request
		 */
		answerVideo(video, headersOnly) {
			if (dropInsteadOfAnswer) return drop();
			response.writeHead(200, { 'content-type': video.contentType, 'content-length': video.length, 'cache-control': FILE_CACHE_CONTROL });
			if (headersOnly) {
				response.end();
				return finish(200, null, 0);
			}
			let sent = 0;
			const chunks = Readable.from(video.chunks()).on('data', (/** @type {Buffer} */ chunk) => (sent += chunk.length));
			return void pipeline(chunks, response, () => finish(200, null, sent));
		},
	};
}

/**
 * @param {Exchange} exchange @param {import('./types').QueuedFault} fault
 * @returns {boolean} whether the exchange is finished
 */
function applyQueuedFault(exchange, fault) {
	exchange.entry.fault = 'queued';
	if (fault.drop === 'before') {
		exchange.drop();
		return true;
	}
	if (fault.drop === 'after') {
		exchange.dropAfterProcessing();
		return false;
	}
	// A fault without `drop` has a status: the fault queue refuses it otherwise.
	const status = /** @type {number} */ (fault.status);
	const defaultBody = status === 401 ? PLATFORM_INVALID_TOKEN : taskEnvelope(status, `scripted fault ${status}`);
	exchange.answer(status, fault.body ?? defaultBody, fault.headers);
	return true;
}

/** @param {SandboxContext} ctx @param {Exchange} exchange @param {ParsedBody} parsedBody */
function createTask(ctx, exchange, parsedBody) {
	const { options } = ctx;
	const { entry } = exchange;
	const now = Date.now();
	if (chance(ctx.random, options.create429Ratio)) {
		entry.fault = 'random-429';
		return exchange.answer(429, taskEnvelope(429, 'the current group is saturated, please retry later'));
	}
	const limit = options.createRateLimit;
	const retryAfterSeconds = limit ? ctx.rateLimiter.retryAfterSeconds(options.apiKey, limit, now) : 0;
	if (limit && retryAfterSeconds > 0) {
		const { max, windowMs } = limit;
		return exchange.answer(
			429,
			taskEnvelope(429, `rate limit exceeded: at most ${max} new tasks per ${windowMs / 1000} s`),
			{ 'retry-after': String(retryAfterSeconds) },
		);
	}
	if (!parsedBody.ok) return exchange.answer(400, taskEnvelope(400, 'request body is not valid JSON'));
	const error = createTaskError(parsedBody.value);
	if (error) return exchange.answer(400, taskEnvelope(400, error));

	const task = createTaskRecord({
		taskId: ctx.nextTaskId(parsedBody.value.model, now),
		body: parsedBody.value,
		now,
		options,
		random: ctx.random,
		durationRandom: ctx.durationRandom,
		baseUrl: ctx.baseUrl,
	});
	ctx.tasks.set(task.taskId, task);
	entry.taskId = task.taskId;
	if (limit) ctx.rateLimiter.record(options.apiKey, now);
	scheduleCallbacks(ctx, task);
	return exchange.answer(200, taskEnvelope(200, 'success', { taskId: task.taskId }));
}

/** @param {SandboxContext} ctx @param {Exchange} exchange */
function recordInfo(ctx, exchange) {
	const { entry } = exchange;
	if (chance(ctx.random, ctx.options.recordInfo5xxRatio)) {
		entry.fault = 'random-500';
		return exchange.answer(500, taskEnvelope(500, 'internal error, please retry'));
	}
	if (chance(ctx.random, ctx.options.malformedRatio)) {
		entry.fault = 'malformed';
		return exchange.answer(200, malformedRecordInfoBody(ctx.random), { 'content-type': 'application/json' });
	}
	const taskId = entry.query.taskId;
	if (!taskId) return exchange.answer(400, taskEnvelope(400, 'taskId is required'));
	entry.taskId = taskId;
	const task = ctx.tasks.get(taskId);
	if (!task) return exchange.answer(400, taskEnvelope(400, 'task not found'));
	return exchange.answer(200, taskEnvelope(200, 'success', recordInfoData(task, Date.now())));
}

/** @param {SandboxContext} ctx @param {Exchange} exchange */
async function image(ctx, exchange) {
	// apiRouteOf matched the path already.
	const [, taskId, index] = /** @type {RegExpExecArray} */ (FILE_PATH.exec(exchange.entry.path));
	exchange.entry.taskId = taskId;
	const task = ctx.tasks.get(taskId);
	const published =
		task &&
		taskState(task, Date.now()) === 'success' &&
		task.resultUrls.some((url) => new URL(url).pathname === exchange.entry.path);
	if (!published) return exchange.answer(404, 'Not Found');
	if (task.video) return exchange.answerVideo(videoFile(task.video.format, task.video.bytes), exchange.entry.method === 'HEAD');
	// A task makes images when it makes no video.
	const image = /** @type {NonNullable<typeof task.image>} */ (task.image);
	return exchange.answerImage(await ctx.images.bytes(task, Number(index)), image.format);
}

/** @type {Record<import('./types').ApiRoute, (ctx: SandboxContext, exchange: Exchange, parsedBody: ParsedBody) => unknown>} */
const ROUTE_HANDLERS = { createTask, recordInfo, image };

/**
 * @param {SandboxContext} ctx
 * @param {Route} route
 * @param {IncomingMessage} request
 * @param {ServerResponse} response
 * @param {URL} url
 */
async function handleApiRequest(ctx, route, request, response, url) {
	const { options } = ctx;
	/** @type {LogEntry} */
	const entry = {
		at: Date.now(),
		method: request.method ?? '',
		path: url.pathname,
		route,
		query: Object.fromEntries(url.searchParams),
		status: null,
		body: null,
		authorized: isAuthorized(request, options.apiKey),
	};
	const received = await readBody(request, options.maxBodyBytes);
	const parsedBody = parseJson(received.text);
	if (received.bytes > 0) {
		entry.bodyBytes = received.bytes;
		if (!received.tooLarge) entry.body = parsedBody.ok ? parsedBody.value : received.text;
	}
	if (options.slowResponseMs > 0) await ctx.responseTimers.delay(options.slowResponseMs);

	const exchange = createExchange(ctx, request, response, entry);
	if (route === 'unknown') return exchange.answer(404, taskEnvelope(404, 'not found'));
	const queuedFault = ctx.faults.take(route);
	if (queuedFault && applyQueuedFault(exchange, queuedFault)) return undefined;
	if (route !== 'image') {
		if (!entry.authorized) return exchange.answer(401, PLATFORM_INVALID_TOKEN);
		if (options.accessDenied) return exchange.answer(403, taskEnvelope(403, 'insufficient quota or access denied'));
	}
	if (received.tooLarge) {
		return exchange.answer(413, taskEnvelope(413, `request body too large (limit ${options.maxBodyBytes} bytes)`));
	}
	if (chance(ctx.random, options.dropConnectionRatio)) {
		// createTask drops half the time before and half the time after creating the task.
		if (route === 'createTask' && ctx.random() < 0.5) exchange.dropAfterProcessing();
		else return exchange.drop();
	}
	return ROUTE_HANDLERS[route](ctx, exchange, parsedBody);
}

module.exports = { apiRouteOf, handleApiRequest };
