// @ts-check
'use strict';
// Turns one execution (n8n's run data) and the sandbox's own records (request log and task
// records) into the numbers of bench/results.json. Everything here is measured: counts come from
// the sandbox, times from n8n's execution record and the sandbox's task timeline.
const { classifyNodeRun, classifyStockRun, promptOf } = require('./outcomes');
const { mib, round } = require('./units');
const { downloadWaitMetrics, downloadWaits, firstAtByTask, idealSeconds } = require('./waits');

/**
 * @typedef {import('../sandbox').LogEntry} LogEntry
 * @typedef {import('../sandbox').SandboxTask} SandboxTask
 * @typedef {import('./outcomes').Outcome} Outcome
 * @typedef {object} RunInput
 * @property {'node' | 'stock'} kind
 * @property {number} [resultsOutput] the node output its results leave on
 * @property {boolean} [waitsForCallbacks] no poll sees the tasks finish, so no download wait is measured
 * @property {import('../n8n-runtime').ExecutionResult} result
 * @property {{ log: LogEntry[], tasks: SandboxTask[] }} snapshot the sandbox's records of the run
 * @property {string[]} prompts one per input item
 * @property {import('../sandbox/types').RateLimit | null} rateLimit
 * @property {any} rss the peak-memory record of rss-probe.js, null when not measured
 * @typedef {ReturnType<typeof recordsOf>} RunRecords
 */

/** @param {LogEntry[]} entries @param {(entry: LogEntry) => boolean} predicate */
const count = (entries, predicate) => entries.filter(predicate).length;

/**
 * The sandbox's records of one run, sorted the ways the metrics read them.
 * @param {RunInput} input
 */
function recordsOf({ result, snapshot, prompts }) {
	const { log, tasks } = snapshot;
	const startedAt = Date.parse(result.run.startedAt);
	const promptSet = new Set(prompts);
	/** @type {Map<string | undefined, SandboxTask[]>} */
	const tasksPerPrompt = new Map();
	for (const task of tasks) tasksPerPrompt.set(promptOf(task), [...(tasksPerPrompt.get(promptOf(task)) ?? []), task]);
	const imageLog = log.filter((entry) => entry.route === 'image');
	return {
		log,
		tasks,
		startedAt,
		stoppedAt: Date.parse(result.run.stoppedAt),
		/** @param {number} at @returns {number} seconds from the execution start */
		relative: (at) => round((at - startedAt) / 1000),
		promptSet,
		promptIndex: new Map(prompts.map((prompt, index) => [prompt, index])),
		tasksById: new Map(tasks.map((task) => [task.taskId, task])),
		tasksPerPrompt,
		runTasks: tasks.filter((task) => promptSet.has(/** @type {string} */ (promptOf(task)))),
		createLog: log.filter((entry) => entry.route === 'createTask'),
		recordInfoLog: log.filter((entry) => entry.route === 'recordInfo'),
		imageLog,
		firstImageAt: firstAtByTask(imageLog),
	};
}

/**
 * Items lost, tasks duplicated, and whether every task that failed on LiangXin came back as an error
 * item naming it.
 * @param {RunRecords} records @param {Outcome[]} outcomes @param {string[]} prompts
 */
function itemAccounting({ tasks, promptSet, promptIndex, tasksPerPrompt }, outcomes, prompts) {
	/** @param {SandboxTask} task */
	const itemOf = (task) => /** @type {number} */ (promptIndex.get(/** @type {string} */ (promptOf(task))));
	const failedTasks = tasks.filter((task) => task.finalState === 'fail' && promptSet.has(/** @type {string} */ (promptOf(task))));
	const failedTasksReported = failedTasks.filter((task) => outcomes[itemOf(task)].errors.some((error) => error.taskId === task.taskId));
	const okIndexes = new Set(outcomes.flatMap((outcome, index) => (outcome.results > 0 ? [index] : [])));
	const failedTaskIndexes = new Set(failedTasks.map(itemOf));
	const otherErrors = outcomes.flatMap((outcome, index) => {
		if (okIndexes.has(index) || failedTaskIndexes.has(index) || outcome.errors.length === 0) return [];
		const itemTasks = tasksPerPrompt.get(prompts[index]) ?? [];
		return [{ item: index, error: outcome.errors[0].message, tasksOnLiangXin: itemTasks.map((task) => ({ taskId: task.taskId, finalState: task.finalState, createFault: task.fault })) }];
	});
	return {
		lostIndexes: outcomes.flatMap((outcome, index) => (outcome.results === 0 && outcome.errors.length === 0 ? [index] : [])),
		duplicatePrompts: [...tasksPerPrompt.entries()].filter(([prompt, list]) => promptSet.has(/** @type {string} */ (prompt)) && list.length > 1),
		okIndexes,
		failedTasks,
		failedTasksReported,
		otherErrors,
	};
}

/** @param {RunRecords} records */
function requestDetails({ log, tasks, createLog, recordInfoLog, imageLog }) {
	const imageBytes = imageLog.filter((entry) => entry.status === 200).map((entry) => entry.responseBytes ?? 0);
	return {
		createAnswers: {
			ok: count(createLog, (entry) => entry.status === 200),
			rateLimited429: count(createLog, (entry) => entry.status === 429 && entry.fault !== 'random-429'),
			random429: count(createLog, (entry) => entry.fault === 'random-429'),
			droppedBeforeCreate: count(createLog, (entry) => entry.fault === 'drop-before-create'),
			droppedAfterCreate: count(createLog, (entry) => entry.fault === 'drop-after-create'),
			other: count(createLog, (entry) => ![200, 429, null].includes(entry.status)),
		},
		recordInfoAnswers: {
			ok: count(recordInfoLog, (entry) => entry.status === 200),
			random500: count(recordInfoLog, (entry) => entry.fault === 'random-500'),
			dropped: count(recordInfoLog, (entry) => entry.fault === 'drop'),
		},
		recordInfoPerTask: tasks.length ? round(recordInfoLog.length / tasks.length) : null,
		callbacksSent: count(log, (entry) => entry.route === 'callback'),
		imageCalls: imageLog.length,
		imageCallsDropped: count(imageLog, (entry) => entry.fault === 'drop'),
		imagesDownloaded: imageBytes.length,
		largestImageBytes: imageBytes.length ? Math.max(...imageBytes) : null,
	};
}

/** @param {RunRecords} records @param {import('../n8n-runtime').ExecutionResult} result */
function timeDetails({ createLog, runTasks, stoppedAt, relative }, result) {
	const completeTimes = runTasks.map((task) => task.completeAt);
	return {
		executionStatus: result.status,
		executionError: result.error ? String(result.error.message ?? result.error).slice(0, 300) : null,
		firstCreateAtSeconds: createLog.length ? relative(Math.min(...createLog.map((entry) => entry.at))) : null,
		lastTaskCompleteAtSeconds: completeTimes.length ? relative(Math.max(...completeTimes)) : null,
		tailAfterLastTaskSeconds: completeTimes.length ? round((stoppedAt - Math.max(...completeTimes)) / 1000) : null,
	};
}

/** @param {RunRecords} records */
function timeline({ log, tasks, createLog, recordInfoLog, firstImageAt, relative }) {
	/** @param {SandboxTask} task */
	const pollsOf = (task) => recordInfoLog.filter((entry) => entry.taskId === task.taskId || entry.query?.taskId === task.taskId).map((entry) => relative(entry.at));
	return {
		note: 'seconds from the execution start; creates: [at, HTTP status or null when dropped, fault]; tasks: [created, finished on LiangXin, recordInfo calls at, first image request at]',
		creates: createLog.map((entry) => [relative(entry.at), entry.status, entry.fault ?? null]),
		tasks: [...tasks]
			.sort((a, b) => a.createdAt - b.createdAt)
			.map((task) => {
				const firstImage = firstImageAt.get(task.taskId);
				return [relative(task.createdAt), relative(task.completeAt), pollsOf(task), firstImage !== undefined ? relative(firstImage) : null];
			}),
		...callbackTimeline(log, relative),
	};
}

/**
 * Pause mode only: every callback delivery, when it was sent and answered, and what answered it.
 * @param {LogEntry[]} log @param {(at: number) => number} relative
 */
function callbackTimeline(log, relative) {
	const deliveries = log.filter((entry) => entry.route === 'callback');
	if (deliveries.length === 0) return {};
	return {
		callbacksNote: 'callbacks: [sent at, answered at (null: no answer), HTTP status, task ID, attempt, the answer (its first 80 characters)], in the order they were answered',
		callbacks: deliveries.map((entry) => [
			relative(entry.at),
			entry.answeredAt ? relative(entry.answeredAt) : null,
			entry.status,
			entry.taskId,
			entry.attempt,
			String(entry.response ?? entry.error ?? '').slice(0, 80),
		]),
	};
}

/** @param {RunRecords} records @param {any} rss */
function peakRss({ imageLog, relative }, rss) {
	if (!rss) return null;
	return {
		vmHWMkB: rss.vmHWMkB,
		pid: rss.pid,
		argv: rss.argv.slice(1).join(' '),
		peakSampledAtSeconds: rss.maxSampledAt ? relative(rss.maxSampledAt) : null,
		youngGenerationAtPeakMb: rss.atPeak?.youngGenerationMb ?? null,
		arrayBuffersAtPeakMb: rss.atPeak?.arrayBuffersMb ?? null,
		arrayBuffersMaxMb: rss.arrayBuffersMaxMb ?? null,
		youngGenerationMaxMb: rss.youngGenerationMaxMb ?? null,
		youngGenerationShrunkAtSeconds: rss.youngGenerationShrunkAt ? relative(rss.youngGenerationShrunkAt) : null,
		firstImageRequestAtSeconds: imageLog.length ? relative(Math.min(...imageLog.map((entry) => entry.at))) : null,
	};
}

/** @param {RunInput} input */
function measureRun(input) {
	const { kind, resultsOutput = 0, waitsForCallbacks = false, result, prompts, rateLimit, rss } = input;
	const records = recordsOf(input);
	const classified = kind === 'node' ? classifyNodeRun(result, prompts, resultsOutput) : classifyStockRun(result, prompts, records.tasksById);
	const { outcomes } = classified;
	const items = itemAccounting(records, outcomes, prompts);
	const { tasks, promptIndex } = records;
	const waits = waitsForCallbacks ? [] : downloadWaits(records.runTasks, records.recordInfoLog, records.firstImageAt);
	return {
		metrics: {
			wallSeconds: round((records.stoppedAt - records.startedAt) / 1000),
			createCalls: records.createLog.length,
			tasksCreated: tasks.length,
			recordInfoCalls: records.recordInfoLog.length,
			itemsOut: classified.itemsOut,
			itemsLost: items.lostIndexes.length,
			duplicateTasks: items.duplicatePrompts.length,
			peakRssMb: rss ? mib(rss.vmHWMkB) : null,
			...downloadWaitMetrics(waits),
		},
		ideal: idealSeconds(tasks, records.promptSet, rateLimit),
		details: {
			...timeDetails(records, result),
			...requestDetails(records),
			itemsWithResult: items.okIndexes.size,
			itemsWithErrorOnly: outcomes.filter((outcome) => outcome.results === 0 && outcome.errors.length > 0).length,
			itemsWithMoreThanOneResult: outcomes.filter((outcome) => outcome.results > 1).length,
			lostItems: items.lostIndexes,
			duplicatePrompts: items.duplicatePrompts.map(([prompt, list]) => ({ item: promptIndex.get(/** @type {string} */ (prompt)), tasks: list.map((task) => task.taskId) })),
			tasksFailedOnLiangXin: items.failedTasks.length,
			failedTasksReportedWithTaskId: items.failedTasksReported.length,
			failedTasksNotReported: items.failedTasks.filter((task) => !items.failedTasksReported.includes(task)).map((task) => task.taskId),
			otherErrorItems: items.otherErrors,
			binaryDataModes: classified.binaryModes,
			timeline: timeline(records),
			peakRss: peakRss(records, rss),
		},
	};
}

module.exports = { measureRun };
