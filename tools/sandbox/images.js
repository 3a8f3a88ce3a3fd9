// @ts-check
'use strict';
// Result images are rendered on first request and cached. Rendering is deterministic, so evicting
// an image (to bound memory in benchmarks with many real-size images) never changes the bytes.
const { renderJpeg } = require('./jpeg');
const { renderPng } = require('./png');
const { hashString } = require('./random');

const CACHE_BUDGET_BYTES = 256 * 1024 * 1024;
const RENDERERS = { png: renderPng, jpeg: renderJpeg };

function createImageStore() {
	/** @type {Map<string, Promise<Buffer>>} oldest first */
	let renders = new Map();
	/** @type {Map<string, number>} sizes of finished renders */
	let sizes = new Map();
	let cachedBytes = 0;
	const inFlight = new Set();

	function evictOldest() {
		for (const [key, size] of sizes) {
			if (cachedBytes <= CACHE_BUDGET_BYTES || sizes.size <= 1) return;
			renders.delete(key);
			sizes.delete(key);
			cachedBytes -= size;
		}
	}

	return {
		/**
		 * @param {import('./types').SandboxTask} task
		 * @param {number} index which result image
		 * @returns {Promise<Buffer>}
		 */
		bytes(task, index) {
			const key = `${task.taskId}/${index}`;
			const cached = renders.get(key);
			if (cached) return cached;
			const cacheInUse = renders;
			if (!task.image) throw new Error(`task ${task.taskId} makes no images`);
			const { width, height, format } = task.image;
			const render = RENDERERS[format](width, height, hashString(key)).then((file) => {
				if (renders === cacheInUse) {
					sizes.set(key, file.length);
					cachedBytes += file.length;
					evictOldest();
				}
				return file;
			});
			renders.set(key, render);
			inFlight.add(render);
			render.finally(() => inFlight.delete(render)).catch(() => {});
			return render;
		},
		clear() {
			renders = new Map();
			sizes = new Map();
			cachedBytes = 0;
		},
		/** Settles when no render is running (zlib work would otherwise outlive close()). */
		async idle() {
			await Promise.allSettled([...inFlight]);
		},
	};
}

module.exports = { createImageStore };
