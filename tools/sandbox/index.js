// @ts-check
'use strict';
// LiangXin sandbox: a local, faithful LiangXin server (the API as docs/liangxin-api.md describes it)
// for tests, benchmarks and the demo. Plain CommonJS, no dependencies, no build step.
const http = require('node:http');
const { apiRouteOf, handleApiRequest } = require('./api-routes');
const { forgeCallback } = require('./callbacks');
const { createContext, reseed } = require('./context');
const { isControlPath, handleControlRequest } = require('./control-routes');
const { taskEnvelope, sendJson } = require('./http-util');
const { DEFAULT_OPTIONS, mergeOptions } = require('./options');
const { taskState } = require('./tasks');
const { videoBuffer } = require('./video-files');

/**
 * @typedef {import('./types').Sandbox} Sandbox
 * @typedef {import('./types').SandboxOptions} SandboxOptions
 * @typedef {import('./types').SandboxTask} SandboxTask
 * @typedef {import('./types').LogEntry} LogEntry
 * @typedef {import('./types').QueuedFault} QueuedFault
 * @typedef {import('./types').TaskDurationDistribution} TaskDurationDistribution
 * @typedef {import('./context').SandboxContext} SandboxContext
 */

/** @param {http.Server} server @param {string} host @param {number} port @returns {Promise<number>} the port bound */
function listen(server, host, port) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(/** @type {import('node:net').AddressInfo} */ (server.address()).port);
		});
	});
}

/**
 * The request's URL, or null for a target no URL parser accepts (e.g. `//[`).
 * @param {http.IncomingMessage} request @param {string} baseUrl
 */
function parseRequestUrl(request, baseUrl) {
	try {
		return new URL(request.url ?? '/', baseUrl);
	} catch {
		return null;
	}
}

/** @param {string} host @param {number} port */
function baseUrlFor(host, port) {
	return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Answers one request: a control endpoint, else an emulated API route. Never lets an error escape.
 * @param {SandboxContext} ctx @param {Sandbox} sandbox
 * @param {http.IncomingMessage} request @param {http.ServerResponse} response
 */
async function handleRequest(ctx, sandbox, request, response) {
	const url = parseRequestUrl(request, ctx.baseUrl);
	if (!url) return sendJson(response, 400, taskEnvelope(400, 'malformed request URL'));
	try {
		if (isControlPath(url.pathname)) await handleControlRequest(sandbox, request, response, url);
		else await handleApiRequest(ctx, apiRouteOf(request.method, url.pathname), request, response, url);
	} catch (error) {
		if (response.headersSent) response.destroy();
		else sendJson(response, 500, taskEnvelope(500, `sandbox internal error: ${/** @type {Error} */ (error).message}`));
	}
	return undefined;
}

/**
 * Settings of a running sandbox: configure and reset.
 * @param {SandboxContext} ctx @param {SandboxOptions} startOptions
 * @returns {Pick<Sandbox, 'configure' | 'reset'>}
 */
function settings(ctx, startOptions) {
	return {
		configure(partialOptions) {
			ctx.options = mergeOptions(ctx.options, partialOptions, true);
			// Setting a seed (even the same one) restarts the random sequence, for replayable runs.
			if (partialOptions.seed !== undefined) reseed(ctx);
			return ctx.options;
		},
		reset(resetOptions = false) {
			if (resetOptions) ctx.options = startOptions;
			reseed(ctx);
			ctx.log.length = 0;
			ctx.tasks.clear();
			ctx.faults.clear();
			ctx.rateLimiter.clear();
			ctx.images.clear();
			ctx.callbackTimers.cancelAll();
		},
	};
}

/**
 * Reading and awaiting the log. Waits still pending when the sandbox closes are rejected.
 * @param {SandboxContext} ctx
 */
function logQueries(ctx) {
	/** @type {Set<(error: Error) => void>} */
	const waiters = new Set();
	/** @param {LogEntry['route']} route */
	const entriesOf = (route) => ctx.log.filter((entry) => entry.route === route);
	/** @type {Sandbox['waitForLog']} */
	const waitForLog = (predicate, count = 1, timeoutMs = 5000) =>
		new Promise((resolve, reject) => {
			const check = () => {
				const matches = ctx.log.filter(predicate);
				if (matches.length >= count) settle(() => resolve(matches));
			};
			const timer = setTimeout(() => settle(() => reject(new Error(`waited ${timeoutMs} ms for ${count} log entries`))), timeoutMs);
			/** @param {Error} error */
			const fail = (error) => settle(() => reject(error));
			/** @param {() => void} finish */
			function settle(finish) {
				clearTimeout(timer);
				ctx.logListeners.delete(check);
				waiters.delete(fail);
				finish();
			}
			ctx.logListeners.add(check);
			waiters.add(fail);
			check();
		});
	/** @type {Pick<Sandbox, 'createCalls' | 'recordInfoCalls' | 'imageCalls' | 'callbackCalls' | 'onLog' | 'waitForLog' | 'waitForCallbacks'>} */
	const queries = {
		createCalls: () => entriesOf('createTask'),
		recordInfoCalls: () => entriesOf('recordInfo'),
		imageCalls: () => entriesOf('image'),
		callbackCalls: () => entriesOf('callback'),
		onLog(listener) {
			ctx.logListeners.add(listener);
			return () => ctx.logListeners.delete(listener);
		},
		waitForLog,
		waitForCallbacks: (count = 1, timeoutMs = 5000) => waitForLog((entry) => entry.route === 'callback', count, timeoutMs),
	};
	/** @param {Error} error */
	const rejectWaits = (error) => waiters.forEach((reject) => reject(error));
	return { queries, rejectWaits };
}

/**
 * Tasks, their images, scripted faults and forged callbacks.
 * @param {SandboxContext} ctx
 * @returns {Pick<Sandbox, 'taskState' | 'imageBytes' | 'videoBytes' | 'queueFault' | 'pendingFaults' | 'forgeCallback' | 'snapshot'>}
 */
function taskQueries(ctx) {
	return {
		taskState(taskId) {
			const task = ctx.tasks.get(taskId);
			return task ? taskState(task, Date.now()) : undefined;
		},
		async imageBytes(taskId, n = 0) {
			const task = ctx.tasks.get(taskId);
			if (!task) throw new Error(`unknown task ${taskId}`);
			const count = task.image?.count ?? 0;
			if (!(Number.isInteger(n) && n >= 0 && n < count)) throw new Error(`task ${taskId} has ${count} result image(s), no image ${n}`);
			return ctx.images.bytes(task, n);
		},
		videoBytes(taskId) {
			const video = ctx.tasks.get(taskId)?.video;
			if (!video?.count) throw new Error(`task ${taskId} has no result video`);
			return videoBuffer(video.format, video.bytes);
		},
		queueFault: (fault) => ctx.faults.add(fault),
		pendingFaults: () => ctx.faults.pending(),
		forgeCallback: (url, body, headers) => forgeCallback(ctx, url, body, headers),
		snapshot() {
			const now = Date.now();
			return {
				options: ctx.options,
				log: ctx.log,
				tasks: [...ctx.tasks.values()].map((task) => ({ ...task, state: taskState(task, now) })),
				pendingFaults: ctx.faults.pending(),
			};
		},
	};
}

/**
 * Closes once: timers, waits, the server with every socket, then the image renders in flight.
 * @param {SandboxContext} ctx @param {http.Server} server @param {(error: Error) => void} rejectWaits
 * @returns {Sandbox['close']}
 */
function closer(ctx, server, rejectWaits) {
	/** @type {Promise<void> | undefined} */
	let closing;
	const close = async () => {
		ctx.responseTimers.cancelAll();
		ctx.callbackTimers.cancelAll();
		rejectWaits(new Error('sandbox closed'));
		const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
		server.closeAllConnections();
		await closed;
		await ctx.images.idle();
	};
	return () => (closing ??= close());
}

/**
 * @param {Partial<SandboxOptions>} [options]
 * @returns {Promise<Sandbox>}
 */
async function startSandbox(options = {}) {
	const startOptions = mergeOptions(DEFAULT_OPTIONS, options, false);
	const ctx = createContext(startOptions);
	const { queries, rejectWaits } = logQueries(ctx);
	/** @type {Sandbox} */
	let sandbox;
	const server = http.createServer((request, response) => void handleRequest(ctx, sandbox, request, response));
	const port = await listen(server, startOptions.host, startOptions.port);
	ctx.baseUrl = baseUrlFor(startOptions.host, port);
	sandbox = {
		baseUrl: ctx.baseUrl,
		port,
		get apiKey() {
			return ctx.options.apiKey;
		},
		get options() {
			return ctx.options;
		},
		log: ctx.log,
		tasks: ctx.tasks,
		...settings(ctx, startOptions),
		close: closer(ctx, server, rejectWaits),
		...queries,
		...taskQueries(ctx),
	};
	return sandbox;
}

module.exports = { startSandbox, DEFAULT_OPTIONS };
