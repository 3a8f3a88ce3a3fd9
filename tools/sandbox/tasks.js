// @ts-check
'use strict';
// Task records and their lifecycle. A task's whole timeline is fixed when it is created, so its
// state at any moment is computed from the clock; no timers are needed for state changes.
const { drawDurationMs } = require('./durations');
const { isVideoModel, resultImageOf } = require('./models');

const WAITING_SHARE = 0.1;
const QUEUING_SHARE = 0.1;
const MAX_IMAGES_PER_TASK = 10;
const PROHIBITED_FAILURE = { failCode: '422', failMsg: 'prompt contains prohibited content' };
/** @param {'image' | 'video'} kind */
const randomFailure = (kind) => ({ failCode: '500', failMsg: `${kind} generation failed upstream` });

const FILE_EXTENSION = { png: 'png', jpeg: 'jpg' };

/**
 * @typedef {import('./types').SandboxOptions} SandboxOptions
 * @typedef {import('./types').SandboxTask} SandboxTask
 * @typedef {import('./types').TaskState} TaskState
 */

/** Task IDs keep the documented `task_<model>_<ms timestamp>` look and stay unique by taking the
 * next free millisecond when several tasks are created in the same one. */
function createTaskIdGenerator() {
	let lastNumber = 0;
	return (/** @type {string} */ model, /** @type {number} */ now) => {
		lastNumber = Math.max(now, lastNumber + 1);
		return `task_${model}_${lastNumber}`;
	};
}

/**
 * Full-size pixels times the sandbox's image scale.
 * @param {import('./models').ResultImage} image @param {number} scale
 */
function scaled({ width, height, format }, scale) {
	return {
		width: Math.max(1, Math.round(width * scale)),
		height: Math.max(1, Math.round(height * scale)),
		format,
	};
}

/** @param {string} prompt @param {number} defaultCount */
function imageCountFor(prompt, defaultCount) {
	const override = /\[images=(\d+)\]/.exec(prompt);
	return Math.min(override ? Number(override[1]) : defaultCount, MAX_IMAGES_PER_TASK);
}

/** @param {string} prompt @param {SandboxOptions} options @param {() => number} random @param {boolean} video */
function failureFor(prompt, options, random, video) {
	if (prompt.includes('[fail]')) return PROHIBITED_FAILURE;
	return random() < options.failRatio ? randomFailure(video ? 'video' : 'image') : null;
}

/**
 * What a task makes once it succeeds, and where each file is served: the images of an image model,
 * or one video (an MP4, a WebM with `[webm]` in the prompt or the videoFormat option) of a video model.
 * @param {{ taskId: string, body: any, options: SandboxOptions, failed: boolean, baseUrl: string }} init
 * @returns {Pick<SandboxTask, 'image' | 'video' | 'resultUrls' | 'resultKey'>}
 */
function resultFiles({ taskId, body, options, failed, baseUrl }) {
	const { prompt } = body.input;
	/** @param {number} count @param {string} extension */
	const urls = (count, extension) => Array.from({ length: count }, (_, n) => `${baseUrl}/files/${taskId}/${n}.${extension}`);
	if (isVideoModel(body.model)) {
		const format = prompt.includes('[webm]') ? 'webm' : options.videoFormat;
		const count = failed ? 0 : 1;
		return { image: null, video: { format, count, bytes: options.videoBytes }, resultUrls: urls(count, format), resultKey: options.videoResultKey };
	}
	const count = failed ? 0 : imageCountFor(prompt, options.resultImages);
	const image = scaled(resultImageOf(body), options.imageScale);
	return { image: { ...image, count }, video: null, resultUrls: urls(count, FILE_EXTENSION[image.format]), resultKey: 'resultUrls' };
}

/**
 * A `[no-callback]` task's callback is lost: LiangXin says callbacks are retried only briefly.
 * @param {string} prompt @param {SandboxOptions} options
 */
function callbackRepeatsFor(prompt, options) {
	return prompt.includes('[no-callback]') ? 0 : options.callbackRepeats;
}

/**
 * @param {{ taskId: string, body: any, now: number, options: SandboxOptions,
 *   random: () => number, durationRandom: () => number, baseUrl: string }} init body must already be valid
 * @returns {SandboxTask}
 */
function createTaskRecord({ taskId, body, now, options, random, durationRandom, baseUrl }) {
	const { prompt, resolution = '2K' } = body.input;
	const video = isVideoModel(body.model);
	const durationMs = drawDurationMs(prompt, resolution, options, durationRandom, video);
	const failure = failureFor(prompt, options, random, video);
	/** @type {SandboxTask['finalState']} */
	const finalState = failure ? 'fail' : 'success';
	const waitingEnd = now + Math.round(durationMs * WAITING_SHARE);
	const queuingEnd = waitingEnd + Math.round(durationMs * QUEUING_SHARE);
	return {
		taskId,
		model: body.model,
		body,
		param: JSON.stringify(body),
		createdAt: now,
		durationMs,
		completeAt: now + durationMs,
		transitions: [
			{ state: 'waiting', at: now },
			{ state: 'queuing', at: waitingEnd },
			{ state: 'generating', at: queuingEnd },
			{ state: finalState, at: now + durationMs },
		],
		finalState,
		failCode: failure ? failure.failCode : '',
		failMsg: failure ? failure.failMsg : '',
		...resultFiles({ taskId, body, options, failed: failure !== null, baseUrl }),
		callback: body.callBackUrl
			? { url: body.callBackUrl, repeats: callbackRepeatsFor(prompt, options), delayMs: options.callbackDelayMs, retryDelaysMs: options.callbackRetryDelaysMs }
			: null,
		fault: null,
	};
}

/**
 * The latest transition that has happened by `now`.
 * @param {SandboxTask} task @param {number} now
 */
function currentTransition(task, now) {
	return task.transitions.filter((transition) => transition.at <= now).pop() ?? task.transitions[0];
}

/** @param {SandboxTask} task @param {number} now @returns {TaskState} */
function taskState(task, now) {
	return currentTransition(task, now).state;
}

/**
 * The `data` object of recordInfo (and of callbacks), in the shape inferred from kie.ai.
 * @param {SandboxTask} task @param {number} now
 */
function recordInfoData(task, now) {
	const { state, at: updateTime } = currentTransition(task, now);
	const finished = state === task.finalState;
	return {
		taskId: task.taskId,
		model: task.model,
		state,
		param: task.param,
		resultJson: finished && state === 'success' ? JSON.stringify({ [task.resultKey]: task.resultUrls }) : '',
		failCode: finished ? task.failCode : '',
		failMsg: finished ? task.failMsg : '',
		costTime: finished ? task.durationMs : null,
		completeTime: finished ? task.completeAt : null,
		createTime: task.createdAt,
		updateTime,
	};
}

module.exports = { createTaskIdGenerator, createTaskRecord, taskState, recordInfoData };
