'use strict';
// Turns one execution (n8n's run data) and the sandbox's own records (request log and task
// records) into the numbers of bench/results.json. Everything here is measured: counts come from
// the sandbox, times from n8n's execution record and the sandbox's task timeline.

const NODE_NAME = 'LiangXin Nano Banana Pro';
/** Terminal nodes of the stock loop: where every item ends, as a result or as an error. */
const STOCK_RESULT_NODES = ['Done'];
const STOCK_ERROR_NODES = ['Create Failed', 'Task Failed', 'Download Failed', 'Gave Up'];

const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const mib = (kB) => round(kB / 1024, 1);
/** A result download that starts later than this after its task was seen finished waited on other items' downloads. */
const DOWNLOAD_WAIT_LIMIT_MS = 1000;

/** Items of every run of a node (a node inside a loop runs once per round). */
function allRunItems(runData, nodeName, outputIndex = 0) {
	return (runData[nodeName] ?? []).flatMap((run) => run.data?.main?.[outputIndex] ?? []);
}

function pairedIndex(item) {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired?.item === 'number' ? paired.item : undefined;
}

function binaryModes(items) {
	const modes = new Set();
	for (const item of items) {
		for (const binary of Object.values(item.binary ?? {})) {
			modes.add(binary.id ? binary.id.split(':')[0] : 'default (in memory, base64)');
		}
	}
	return [...modes];
}

/**
 * The physical limit of a scenario: tasks cannot finish before they were allowed to start.
 * One task per item (the first one created for its prompt), ranked by creation: the k-th could
 * be created at the earliest `windowMs` after the (k - max)-th under a limit of `max` creates per
 * sliding window, at 0 (the execution's start) without one. ideal = max over tasks of
 * (forced create offset + the task's own duration).
 */
function idealSeconds(tasks, prompts, rateLimit) {
	const firstTaskPerPrompt = new Map();
	for (const task of [...tasks].sort((a, b) => a.createdAt - b.createdAt)) {
		const prompt = task.body?.input?.prompt;
		if (prompts.has(prompt) && !firstTaskPerPrompt.has(prompt)) firstTaskPerPrompt.set(prompt, task);
	}
	const ranked = [...firstTaskPerPrompt.values()];
	const offsets = [];
	let idealMs = 0;
	ranked.forEach((task, rank) => {
		const offset = rateLimit && rank >= rateLimit.max ? offsets[rank - rateLimit.max] + rateLimit.windowMs : 0;
		offsets.push(offset);
		idealMs = Math.max(idealMs, offset + task.durationMs);
	});
	return round(idealMs / 1000);
}

/** When each task's first request of `entries` reached the sandbox, by task ID (log order is arrival order). */
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
 */
function downloadWaits(tasks, recordInfoLog, firstImageAt) {
	const finalPollAt = firstAtByTask(recordInfoLog.filter((entry) => entry.response?.data?.state === 'success'));
	return tasks
		.filter((task) => finalPollAt.has(task.taskId) && firstImageAt.has(task.taskId))
		.map((task) => firstImageAt.get(task.taskId) - finalPollAt.get(task.taskId));
}

/** Max, p95 (nearest rank) and the count over DOWNLOAD_WAIT_LIMIT_MS; null where nothing was measured. */
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

/** What happened to each input prompt: results, error items (with their task IDs) and tasks; `outputIndex`: the node's results output. */
function classifyNodeRun(result, prompts, outputIndex) {
	const items = result.runData[NODE_NAME] ? result.items(NODE_NAME, outputIndex) : [];
	const outcomes = prompts.map(() => ({ results: 0, errors: [] }));
	for (const item of items) {
		const index = pairedIndex(item);
		if (index === undefined || !outcomes[index]) continue;
		if (item.json.error !== undefined) outcomes[index].errors.push({ taskId: item.json.taskId ?? null, message: String(item.json.error) });
		else if (item.json.status === 'success' && Object.keys(item.binary ?? {}).length > 0) outcomes[index].results++;
		else outcomes[index].errors.push({ taskId: item.json.taskId ?? null, message: `unexpected item: state ${item.json.state}` });
	}
	return { itemsOut: items.length, outcomes, binaryModes: binaryModes(items) };
}

function classifyStockRun(result, prompts, tasksById) {
	const promptIndex = new Map(prompts.map((prompt, index) => [prompt, index]));
	const outcomes = prompts.map(() => ({ results: 0, errors: [] }));
	const taskIdOf = (json) => json.data?.taskId ?? json.taskId ?? null;
	const indexOf = (json) => {
		if (typeof json.prompt === 'string' && promptIndex.has(json.prompt)) return promptIndex.get(json.prompt);
		const task = tasksById.get(taskIdOf(json));
		return task ? promptIndex.get(task.body?.input?.prompt) : undefined;
	};
	let itemsOut = 0;
	const resultItems = [];
	for (const nodeName of [...STOCK_RESULT_NODES, ...STOCK_ERROR_NODES]) {
		for (const item of allRunItems(result.runData, nodeName)) {
			itemsOut++;
			const index = indexOf(item.json);
			if (index === undefined) continue;
			const isResult = STOCK_RESULT_NODES.includes(nodeName) && Object.keys(item.binary ?? {}).length > 0;
			if (isResult) {
				outcomes[index].results++;
				resultItems.push(item);
			} else {
				const message = nodeName === 'Task Failed' ? `task failed: ${item.json.data?.failCode} ${item.json.data?.failMsg}` : `${nodeName}: ${errorText(item.json.error)}`;
				outcomes[index].errors.push({ taskId: taskIdOf(item.json), message, node: nodeName });
			}
		}
	}
	return { itemsOut, outcomes, binaryModes: binaryModes(resultItems) };
}

function errorText(error) {
	if (error === undefined) return 'no error text';
	if (typeof error === 'string') return error;
	return String(error.message ?? JSON.stringify(error)).slice(0, 200);
}

/**
 * @param {{ kind: 'node' | 'stock', resultsOutput?: number, waitsForCallbacks?: boolean, result: any, snapshot: any,
 *   prompts: string[], rateLimit: { max: number, windowMs: number } | null, rss: any }} input
 *   waitsForCallbacks: no poll sees the tasks finish, so no download wait is measured
 */
function measureRun({ kind, resultsOutput = 0, waitsForCallbacks = false, result, snapshot, prompts, rateLimit, rss }) {
	const { log, tasks } = snapshot;
	const promptSet = new Set(prompts);
	const tasksById = new Map(tasks.map((task) => [task.taskId, task]));
	const startedAt = Date.parse(result.run.startedAt);
	const stoppedAt = Date.parse(result.run.stoppedAt);
	const relative = (at) => round((at - startedAt) / 1000);

	const createLog = log.filter((entry) => entry.route === 'createTask');
	const recordInfoLog = log.filter((entry) => entry.route === 'recordInfo');
	const imageLog = log.filter((entry) => entry.route === 'image');
	const firstImageAt = firstAtByTask(imageLog);
	const tasksPerPrompt = new Map();
	for (const task of tasks) {
		const prompt = task.body?.input?.prompt;
		tasksPerPrompt.set(prompt, [...(tasksPerPrompt.get(prompt) ?? []), task]);
	}
	const duplicatePrompts = [...tasksPerPrompt.entries()].filter(([prompt, list]) => promptSet.has(prompt) && list.length > 1);

	const classified = kind === 'node' ? classifyNodeRun(result, prompts, resultsOutput) : classifyStockRun(result, prompts, tasksById);
	const { outcomes } = classified;
	const lostIndexes = outcomes.flatMap((outcome, index) => (outcome.results === 0 && outcome.errors.length === 0 ? [index] : []));

	// Fault accounting: every task that failed on LiangXin must come back as an error item naming it.
	const failedTasks = tasks.filter((task) => task.finalState === 'fail' && promptSet.has(task.body?.input?.prompt));
	const promptIndex = new Map(prompts.map((prompt, index) => [prompt, index]));
	const failedTasksReported = failedTasks.filter((task) =>
		outcomes[promptIndex.get(task.body.input.prompt)].errors.some((error) => error.taskId === task.taskId),
	);
	const okIndexes = new Set(outcomes.flatMap((outcome, index) => (outcome.results > 0 ? [index] : [])));
	const failedTaskIndexes = new Set(failedTasks.map((task) => promptIndex.get(task.body.input.prompt)));
	const otherErrors = outcomes.flatMap((outcome, index) => {
		if (okIndexes.has(index) || failedTaskIndexes.has(index) || outcome.errors.length === 0) return [];
		const itemTasks = tasksPerPrompt.get(prompts[index]) ?? [];
		return [{
			item: index,
			error: outcome.errors[0].message,
			tasksOnLiangXin: itemTasks.map((task) => ({ taskId: task.taskId, finalState: task.finalState, createFault: task.fault })),
		}];
	});

	const runTasks = tasks.filter((task) => promptSet.has(task.body?.input?.prompt));
	const waits = waitsForCallbacks ? [] : downloadWaits(runTasks, recordInfoLog, firstImageAt);
	const completeTimes = runTasks.map((task) => task.completeAt);
	const imageBytes = imageLog.filter((entry) => entry.status === 200).map((entry) => entry.responseBytes ?? 0);
	const count = (entries, predicate) => entries.filter(predicate).length;

	return {
		metrics: {
			wallSeconds: round((stoppedAt - startedAt) / 1000),
			createCalls: createLog.length,
			tasksCreated: tasks.length,
			recordInfoCalls: recordInfoLog.length,
			itemsOut: classified.itemsOut,
			itemsLost: lostIndexes.length,
			duplicateTasks: duplicatePrompts.length,
			peakRssMb: rss ? mib(rss.vmHWMkB) : null,
			...downloadWaitMetrics(waits),
		},
		ideal: idealSeconds(tasks, promptSet, rateLimit),
		details: {
			executionStatus: result.status,
			executionError: result.error ? String(result.error.message ?? result.error).slice(0, 300) : null,
			firstCreateAtSeconds: createLog.length ? relative(Math.min(...createLog.map((entry) => entry.at))) : null,
			lastTaskCompleteAtSeconds: completeTimes.length ? relative(Math.max(...completeTimes)) : null,
			tailAfterLastTaskSeconds: completeTimes.length ? round((stoppedAt - Math.max(...completeTimes)) / 1000) : null,
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
			itemsWithResult: okIndexes.size,
			itemsWithErrorOnly: outcomes.filter((outcome) => outcome.results === 0 && outcome.errors.length > 0).length,
			itemsWithMoreThanOneResult: outcomes.filter((outcome) => outcome.results > 1).length,
			lostItems: lostIndexes,
			duplicatePrompts: duplicatePrompts.map(([prompt, list]) => ({ item: promptIndex.get(prompt), tasks: list.map((task) => task.taskId) })),
			tasksFailedOnLiangXin: failedTasks.length,
			failedTasksReportedWithTaskId: failedTasksReported.length,
			failedTasksNotReported: failedTasks.filter((task) => !failedTasksReported.includes(task)).map((task) => task.taskId),
			otherErrorItems: otherErrors,
			binaryDataModes: classified.binaryModes,
			timeline: {
				note: 'seconds from the execution start; creates: [at, HTTP status or null when dropped, fault]; tasks: [created, finished on LiangXin, recordInfo calls at, first image request at]',
				creates: createLog.map((entry) => [relative(entry.at), entry.status, entry.fault ?? null]),
				tasks: [...tasks]
					.sort((a, b) => a.createdAt - b.createdAt)
					.map((task) => {
						const firstImage = firstImageAt.get(task.taskId);
						return [
							relative(task.createdAt),
							relative(task.completeAt),
							recordInfoLog.filter((entry) => entry.taskId === task.taskId || entry.query?.taskId === task.taskId).map((entry) => relative(entry.at)),
							firstImage !== undefined ? relative(firstImage) : null,
						];
					}),
			},
			peakRss: rss
				? {
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
					}
				: null,
		},
	};
}

module.exports = { NODE_NAME, DOWNLOAD_WAIT_LIMIT_MS, measureRun, idealSeconds, round, mib };
