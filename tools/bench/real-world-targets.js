// @ts-check
'use strict';
// The targets of the real-world scenarios: tail-50 and n200 against the ideal and the stock loop,
// the adaptive polling against the plain per-task schedule, memory per item, downloads that do not
// wait on each other, Pause Until Callback against the ideal.
const { round } = require('./units');
const { DOWNLOAD_WAIT_LIMIT_MS } = require('./waits');

/**
 * @typedef {import('./measure').ScenarioSlot} ScenarioSlot
 * @typedef {import('./targets').Target} Target
 * @typedef {{ createCalls: number, recordInfoCalls: number, tasksCreated: number }} Requests
 */

/** @param {Requests} m */
const requestsOf = (m) => m.createCalls + m.recordInfoCalls;
/** @param {Requests} m */
const perTask = (m) => m.recordInfoCalls / Math.max(1, m.tasksCreated);

/** The node's polling must save this share of recordInfo calls over the plain schedule, without being slower, to be worth its code. */
const WORTH_ITS_CODE = { fewerRecordInfo: 0.25, slowerSecondsAtMost: 1 };

/** @param {string} name @param {ScenarioSlot} slot @returns {Target[]} */
function againstIdealAndStock(name, slot) {
	const { node, stockLoop, idealSeconds } = slot.results;
	/** @type {Target[]} */
	const targets = [];
	if (!node) return targets;
	const ratio = node.wallSeconds / idealSeconds;
	targets.push({ id: `${name}-wall`, label: `${name}: node wall time ≤ 1.05 × ideal`, met: ratio <= 1.05, measured: `${node.wallSeconds.toFixed(2)} s = ${ratio.toFixed(3)} × ideal ${idealSeconds.toFixed(2)} s` });
	targets.push({ id: `${name}-polls`, label: `${name}: ≤ 3 recordInfo calls per task`, met: perTask(node) <= 3, measured: `${perTask(node).toFixed(2)} (${node.recordInfoCalls} calls, ${node.tasksCreated} tasks)` });
	if (stockLoop) {
		targets.push({
			id: `${name}-ahead`,
			label: `${name}: ahead of the stock loop on wall time and requests`,
			met: node.wallSeconds < stockLoop.wallSeconds && requestsOf(node) < requestsOf(stockLoop),
			measured: `node ${node.wallSeconds.toFixed(2)} s, ${requestsOf(node)} requests vs stock loop ${stockLoop.wallSeconds.toFixed(2)} s, ${requestsOf(stockLoop)} requests`,
		});
	}
	return targets;
}

/** @param {string} name @param {ScenarioSlot} slot @returns {Target[]} */
function pollingMargin(name, slot) {
	const { node, plainSchedule } = slot.results;
	if (!node || !plainSchedule) return [];
	const savedCalls = plainSchedule.recordInfoCalls - node.recordInfoCalls;
	const savedShare = savedCalls / Math.max(1, plainSchedule.recordInfoCalls);
	const savedSeconds = round(plainSchedule.wallSeconds - node.wallSeconds);
	return [{
		id: `${name}-polling-margin`,
		label: `${name}: the node's polling beats the plain schedule by a margin worth its code (≥ ${WORTH_ITS_CODE.fewerRecordInfo * 100} % fewer recordInfo calls, at most ${WORTH_ITS_CODE.slowerSecondsAtMost} s slower)`,
		met: savedShare >= WORTH_ITS_CODE.fewerRecordInfo && savedSeconds >= -WORTH_ITS_CODE.slowerSecondsAtMost,
		measured: `recordInfo ${node.recordInfoCalls} vs ${plainSchedule.recordInfoCalls} (${savedCalls} saved, ${round(savedShare * 100, 1)} %; ${perTask(node).toFixed(2)} vs ${perTask(plainSchedule).toFixed(2)} per task); wall ${node.wallSeconds.toFixed(2)} s vs ${plainSchedule.wallSeconds.toFixed(2)} s (${savedSeconds >= 0 ? `${savedSeconds} s faster` : `${-savedSeconds} s slower`})`,
	}];
}

/** @param {Map<string, ScenarioSlot>} byName @param {import('./measure').IdleBaseline} idle @returns {Target[]} */
function memoryPerItem(byName, idle) {
	const sizes = ['tail-50', 'n200', 'n1000'].flatMap((name) => byName.get(name) ?? []).filter((slot) => slot.results.node?.peakRssMb);
	if (sizes.length < 2 || !idle) return [];
	const perItem = sizes.map((slot) => ({ name: slot.results.name, items: slot.results.items, mib: round((slot.results.node.peakRssMb - idle.medianMb) / slot.results.items, 3) }));
	return [{
		id: 'memory-per-item',
		label: 'n200 and n1000: node peak RSS grows less than linearly with items (MiB over idle per item falls)',
		met: perItem.every((entry, index) => index === 0 || entry.mib < perItem[index - 1].mib),
		measured: perItem.map((entry) => `${entry.name}: ${entry.mib} MiB per item`).join('; '),
	}];
}

/** @param {string} name @param {ScenarioSlot} slot @returns {Target[]} */
function noDownloadWaits(name, slot) {
	const { node } = slot.results;
	if (!node) return [];
	return [{
		id: `${name}-download-wait`,
		label: `${name}: no item waits on another's download (every task's image is requested within ${DOWNLOAD_WAIT_LIMIT_MS / 1000} s of the poll that saw it finished)`,
		met: node.downloadWaitTasks > 0 && node.downloadWaitsOver1s === 0,
		measured: node.downloadWaitTasks
			? `max ${node.downloadWaitMaxMs} ms, p95 ${node.downloadWaitP95Ms} ms; ${node.downloadWaitsOver1s} of ${node.downloadWaitTasks} tasks over ${DOWNLOAD_WAIT_LIMIT_MS / 1000} s`
			: 'no task was both seen finished by a poll and downloaded',
	}];
}

/** Pause Until Callback: wall time against the ideal per scenario, and recordInfo calls per task (one each would be ideal). */
const PAUSE_TARGETS = { wallRatio: { n50: 1.1, 'tail-50': 1.03 }, recordInfoPerTask: 1.2 };

/** @param {string} name @param {ScenarioSlot} slot @returns {Target[]} */
function pauseMode(name, slot) {
	const { pauseMode: pause, idealSeconds } = slot.results;
	if (!pause) return [];
	/** @type {Target[]} */
	const targets = [];
	const limit = PAUSE_TARGETS.wallRatio[/** @type {'n50' | 'tail-50'} */ (name)];
	const ratio = pause.wallSeconds / idealSeconds;
	if (limit) {
		targets.push({ id: `${name}-pause-wall`, label: `${name}: Pause Until Callback wall time ≤ ${limit} × ideal`, met: ratio <= limit, measured: `${pause.wallSeconds.toFixed(2)} s = ${ratio.toFixed(3)} × ideal ${idealSeconds.toFixed(2)} s` });
	}
	targets.push({
		id: `${name}-pause-polls`,
		label: `${name}: Pause Until Callback ≤ ${PAUSE_TARGETS.recordInfoPerTask} recordInfo calls per task`,
		met: perTask(pause) <= PAUSE_TARGETS.recordInfoPerTask,
		measured: `${perTask(pause).toFixed(2)} (${pause.recordInfoCalls} calls, ${pause.tasksCreated} tasks)`,
	});
	return targets;
}

/** @param {Map<string, ScenarioSlot>} byName @param {import('./measure').IdleBaseline} idle */
function realWorldTargets(byName, idle) {
	/** @param {string[]} names @param {(name: string, slot: ScenarioSlot) => Target[]} targetsOf */
	const forEach = (names, targetsOf) => names.flatMap((name) => {
		const slot = byName.get(name);
		return slot ? targetsOf(name, slot) : [];
	});
	return [
		...forEach(['tail-50', 'n200'], againstIdealAndStock),
		...forEach(['tail-50', 'mixed-50', 'n200', 'n1000'], pollingMargin),
		...memoryPerItem(byName, idle),
		...forEach(['n200', 'n1000'], noDownloadWaits),
		...forEach(['n50', 'tail-50', 'n200'], pauseMode),
	];
}

module.exports = { realWorldTargets };
