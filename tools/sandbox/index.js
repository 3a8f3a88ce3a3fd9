'use strict';
// LiangXin sandbox: a local, faithful LiangXin server (see /work/shared/liangxin-api.md) for
// tests, benchmarks and the demo. Plain CommonJS, no dependencies, no build step.
const http = require('node:http');
const { apiRouteOf, handleApiRequest } = require('./api-routes');
const { forgeCallback } = require('./callbacks');
const { isControlPath, handleControlRequest } = require('./control-routes');
const { createDurationRandom } = require('./durations');
const { createFaultQueue } = require('./faults');
const { taskEnvelope, sendJson } = require('./http-util');
const { createImageStore } = require('./images');
const { DEFAULT_OPTIONS, mergeOptions } = require('./options');
const { createRandom } = require('./random');
const { createSlidingWindowLimiter } = require('./rate-limit');
const { createTaskIdGenerator, taskState } = require('./tasks');
const { createTimerRegistry } = require('./timers');

function seededRandom(seed) {
	return createRandom(seed ?? Math.floor(Math.random() * 2 ** 32));
}

function listen(server, host, port) {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			server.off('error', reject);
			resolve(server.address().port);
		});
	});
}

/** The request's URL, or null for a target no URL parser accepts (e.g. `//[`). */
function parseRequestUrl(request, baseUrl) {
	try {
		return new URL(request.url ?? '/', baseUrl);
	} catch {
		return null;
	}
}

function baseUrlFor(host, port) {
	return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * @param {Partial<import('./index').SandboxOptions>} [options]
 * @returns {Promise<import('./index').Sandbox>}
 */
async function startSandbox(options = {}) {
	const startOptions = mergeOptions(DEFAULT_OPTIONS, options, false);
	/** Shared state of the request handlers. */
	const ctx = {
		options: startOptions,
		random: seededRandom(startOptions.seed),
		durationRandom: createDurationRandom(startOptions.seed),
		baseUrl: '',
		/** @type {import('./index').LogEntry[]} */
		log: [],
		/** @type {Map<string, import('./index').SandboxTask>} */
		tasks: new Map(),
		nextTaskId: createTaskIdGenerator(),
		faults: createFaultQueue(),
		rateLimiter: createSlidingWindowLimiter(),
		images: createImageStore(),
		responseTimers: createTimerRegistry(),
		callbackTimers: createTimerRegistry(),
		logListeners: new Set(),
		recordLog(entry) {
			ctx.log.push(entry);
			for (const listener of ctx.logListeners) listener(entry);
		},
	};
	/** @type {Set<(error: Error) => void>} rejecters of unfinished waitFor… promises */
	const waiters = new Set();
	let closing = null;

	const server = http.createServer(async (request, response) => {
		const url = parseRequestUrl(request, ctx.baseUrl);
		if (!url) {
			sendJson(response, 400, taskEnvelope(400, 'malformed request URL'));
			return;
		}
		try {
			if (isControlPath(url.pathname)) await handleControlRequest(sandbox, request, response, url);
			else await handleApiRequest(ctx, apiRouteOf(request.method, url.pathname), request, response, url);
		} catch (error) {
			if (response.headersSent) response.destroy();
			else sendJson(response, 500, taskEnvelope(500, `sandbox internal error: ${error.message}`));
		}
	});
	const port = await listen(server, startOptions.host, startOptions.port);
	ctx.baseUrl = baseUrlFor(startOptions.host, port);

	function logEntries(route) {
		return ctx.log.filter((entry) => entry.route === route);
	}

	/** @type {import('./index').Sandbox} */
	const sandbox = {
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

		configure(partialOptions) {
			ctx.options = mergeOptions(ctx.options, partialOptions, true);
			// Setting a seed (even the same one) restarts the random sequence, for replayable runs.
			if (partialOptions.seed !== undefined) {
				ctx.random = seededRandom(ctx.options.seed);
				ctx.durationRandom = createDurationRandom(ctx.options.seed);
			}
			return ctx.options;
		},
		reset(resetOptions = false) {
			if (resetOptions) ctx.options = startOptions;
			ctx.random = seededRandom(ctx.options.seed);
			ctx.durationRandom = createDurationRandom(ctx.options.seed);
			ctx.log.length = 0;
			ctx.tasks.clear();
			ctx.faults.clear();
			ctx.rateLimiter.clear();
			ctx.images.clear();
			ctx.callbackTimers.cancelAll();
		},
		close() {
			closing ??= (async () => {
				ctx.responseTimers.cancelAll();
				ctx.callbackTimers.cancelAll();
				for (const reject of waiters) reject(new Error('sandbox closed'));
				const closed = new Promise((resolve) => server.close(() => resolve(undefined)));
				server.closeAllConnections();
				await closed;
				await ctx.images.idle();
			})();
			return closing;
		},

		createCalls: () => logEntries('createTask'),
		recordInfoCalls: () => logEntries('recordInfo'),
		imageCalls: () => logEntries('image'),
		callbackCalls: () => logEntries('callback'),
		onLog(listener) {
			ctx.logListeners.add(listener);
			return () => ctx.logListeners.delete(listener);
		},
		waitForLog(predicate, count = 1, timeoutMs = 5000) {
			return new Promise((resolve, reject) => {
				const check = () => {
					const matches = ctx.log.filter(predicate);
					if (matches.length >= count) settle(() => resolve(matches));
				};
				const timer = setTimeout(
					() => settle(() => reject(new Error(`waited ${timeoutMs} ms for ${count} log entries`))),
					timeoutMs,
				);
				const fail = (error) => settle(() => reject(error));
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
		},
		waitForCallbacks(count = 1, timeoutMs = 5000) {
			return sandbox.waitForLog((entry) => entry.route === 'callback', count, timeoutMs);
		},

		taskState(taskId) {
			const task = ctx.tasks.get(taskId);
			return task ? taskState(task, Date.now()) : undefined;
		},
		async imageBytes(taskId, n = 0) {
			const task = ctx.tasks.get(taskId);
			if (!task) throw new Error(`unknown task ${taskId}`);
			if (!(Number.isInteger(n) && n >= 0 && n < task.image.count)) {
				throw new Error(`task ${taskId} has ${task.image.count} result image(s), no image ${n}`);
			}
			return ctx.images.bytes(task, n);
		},
		queueFault(fault) {
			ctx.faults.add(fault);
		},
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
	return sandbox;
}

module.exports = { startSandbox, DEFAULT_OPTIONS };
