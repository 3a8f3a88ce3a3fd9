// @ts-check
'use strict';
// Time a run could not have saved (the ideal) and time it lost between seeing a task finished and
// fetching its result (download waits), from the sandbox's task records and request log.
const { promptOf } = require('./outcomes');
const { round } = require('./units');

/** A result download that starts later than this after its task was seen finished waited on other items' downloads. */
const DOWNLOAD_WAIT_LIMIT_MS = 1000;

/**
 * @typedef {import('../sandbox').LogEntry} LogEntry
 * @typedef {import('../sandbox').SandboxTask} SandboxTask
 */

/**
 * The physical limit of a scenario: tasks cannot finish before they were allowed to start.
 * One task per item (the first one created for its prompt), ranked by creation: the k-th could
 * be created at the earliest `windowMs` after the (k - max)-th under a limit of `max` creates per
 * sliding window, at 0 (the execution's start) without one. ideal = max over tasks of
 * (forced create offset + the task's own duration).
 * @param {SandboxTask[]} tasks @param {Set<string | undefined>} prompts @param {import('../sandbox/types').RateLimit | null} rateLimit
 */
function idealSeconds(tasks, prompts, rateLimit) {
	/** @type {Map<string | undefined, SandboxTask>} */
	const firstTaskPerPrompt = new Map();
	for (const task of [...tasks].sort((a, b) => a.createdAt - b.createdAt)) {
		const prompt = promptOf(task);
		if (prompts.has(prompt) && !firstTaskPerPrompt.has(prompt)) firstTaskPerPrompt.set(prompt, task);
	}
	/** @type {number[]} */
	const offsets = [];
	let idealMs = 0;
	[...firstTaskPerPrompt.values()].forEach((task, rank) => {
		const offset = rateLimit && rank >= rateLimit.max ? offsets[rank - rateLimit.max] + rateLimit.windowMs : 0;
		offsets.push(offset);
		idealMs = Math.max(idealMs, offset + task.durationMs);
	});
	return round(idealMs / 1000);
}

/**
 * When each task's first request of `entries` reached the sandbox, by task ID (log order is arrival order).
 * @param {LogEntry[]} entries @returns {Map<string | undefined, number>}
 */
function firstAtByTask(entries) {
	const firstAt = new Map();
	for (const entry of entries) if (!firstAt.has(entry.taskId)) firstAt.set(entry.taskId, entry.at);
	return firstAt;
}

/**
 * Per successful task: how long its result waited to be fetched once the workflow knew it was done,
 * i.e. when its first image request reached the sandbox minus when the first recordInfo call that
 * was answered with the final state reached it (the poll that saw it final; polls answered 500 or
 * dropped saw nothing). Tasks that were never seen finished or never downloaded have no wait.
 * @param {SandboxTask[]} tasks @param {LogEntry[]} recordInfoLog @param {Map<string | undefined, number>} firstImageAt
 */
function downloadWaits(tasks, recordInfoLog, firstImageAt) {
	const finalPollAt = firstAtByTask(recordInfoLog.filter((entry) => entry.response?.data?.state === 'success'));
	return tasks.flatMap((task) => {
		const seenFinal = finalPollAt.get(task.taskId);
		const fetched = firstImageAt.get(task.taskId);
		return seenFinal === undefined || fetched === undefined ? [] : [fetched - seenFinal];
	});
}

/**
 * Max, p95 (nearest rank) and the count over DOWNLOAD_WAIT_LIMIT_MS; null where nothing was measured.
 * @param {number[]} waits
 */
function downloadWaitMetrics(waits) {
	const sorted = [...waits].sort((a, b) => a - b);
	const measured = sorted.length > 0;
	return {
		downloadWaitTasks: measured ? sorted.length : null,
		downloadWaitMaxMs: measured ? sorted[sorted.length - 1] : null,
		downloadWaitP95Ms: measured ? sorted[Math.ceil(sorted.length * 0.95) - 1] : null,
		downloadWaitsOver1s: measured ? sorted.filter((ms) => ms > DOWNLOAD_WAIT_LIMIT_MS).length : null,
	};
}

module.exports = { DOWNLOAD_WAIT_LIMIT_MS, idealSeconds, firstAtByTask, downloadWaits, downloadWaitMetrics };
