// @ts-check
'use strict';
// The targets the bench reports as met or not met, from the measured scenarios. Only the loss of an
// item or a duplicated task fails the run (and any target, with --strict).
const { mib, round } = require('./units');
const { realWorldTargets } = require('./real-world-targets');
const { VARIANTS } = require('./variants');

/**
 * @typedef {{ id: string, label: string, met: boolean, measured: string }} Target
 * @typedef {import('./measure').ScenarioSlot} ScenarioSlot
 * @typedef {import('./measure').IdleBaseline} IdleBaseline
 * @typedef {import('./measure').ControlRecord} ControlRecord
 */

/** @param {number} value '+3.2' / '-0.9' */
const signed = (value) => `${value >= 0 ? '+' : ''}${value}`;

/**
 * Scenarios in which the node lost an item or duplicated a task, in the reported run or any repeat.
 * @param {Map<string, ScenarioSlot>} byName
 */
function scenariosWhereTheNodeLostOrDuplicated(byName) {
	const ours = Object.entries(VARIANTS).filter(([, info]) => info.kind === 'node').map(([variant]) => variant);
	return [...byName.values()].filter(({ results: r, anyRunBroken }) => ours.some((variant) => r[variant]?.itemsLost > 0 || r[variant]?.duplicateTasks > 0 || anyRunBroken?.[variant]));
}

/** @param {ScenarioSlot | undefined} n50 @returns {Target[]} */
function n50Targets(n50) {
	if (!n50?.results.node || !n50.results.stockLoop) return [];
	const { node, stockLoop, idealSeconds } = n50.results;
	const ratio = node.wallSeconds / idealSeconds;
	const perTask = node.recordInfoCalls / Math.max(1, node.tasksCreated);
	const stockPerTask = stockLoop.recordInfoCalls / Math.max(1, stockLoop.tasksCreated);
	const nodeRequests = node.createCalls + node.recordInfoCalls;
	const stockRequests = stockLoop.createCalls + stockLoop.recordInfoCalls;
	return [
		{ id: 'n50-wall', label: 'n50: node wall time ≤ 1.15 × ideal', met: ratio <= 1.15, measured: `${node.wallSeconds.toFixed(2)} s = ${ratio.toFixed(3)} × ideal ${idealSeconds.toFixed(2)} s (limit ${(1.15 * idealSeconds).toFixed(2)} s)` },
		{ id: 'n50-polls', label: 'n50: ≤ 8 recordInfo calls per task on average', met: perTask <= 8, measured: `${perTask.toFixed(2)} (${node.recordInfoCalls} calls, ${node.tasksCreated} tasks)` },
		{ id: 'n50-ahead-wall', label: 'n50: ahead of the stock loop on wall time', met: node.wallSeconds < stockLoop.wallSeconds, measured: `node ${node.wallSeconds.toFixed(2)} s vs stock loop ${stockLoop.wallSeconds.toFixed(2)} s` },
		{
			id: 'n50-ahead-requests',
			label: 'n50: ahead of the stock loop on requests (createTask + recordInfo)',
			met: nodeRequests < stockRequests,
			measured: `node ${nodeRequests} (${node.createCalls} + ${node.recordInfoCalls}) vs stock loop ${stockRequests} (${stockLoop.createCalls} + ${stockLoop.recordInfoCalls}); ${n50.details.node.createAnswers.rateLimited429} of the node's createTask calls were answered 429 (rate limit); recordInfo per task: node ${perTask.toFixed(2)}, stock loop ${stockPerTask.toFixed(2)}`,
		},
	];
}

/**
 * faults-50's items that are neither a result nor a failed task's error, with what LiangXin holds of them.
 * @param {ScenarioSlot} faults
 */
function faultsRestMeasured(faults) {
	const d = faults.details.node;
	const expected = faults.scenario.items - d.tasksFailedOnLiangXin;
	/** @type {Array<{ item: number, error: string, tasksOnLiangXin: Array<{ taskId: string, finalState: string, createFault: string | null }> }>} */
	const others = d.otherErrorItems;
	const droppedCreates = others.filter((other) => /Could not reach LiangXin/.test(other.error)).length;
	const causes = others.map(
		(other) => `item ${other.item + 1}: ${other.error.slice(0, 90)}${other.tasksOnLiangXin.length ? ` (a task was created: ${other.tasksOnLiangXin.map((task) => `${task.taskId}, ${task.finalState}, ${task.createFault ?? 'answered'}`).join('; ')})` : ' (no task was created)'}`,
	);
	const measured = `${d.itemsWithResult} of ${expected} succeeded${causes.length ? `; the other ${causes.length} are error items: ${causes.join(' / ')}` : ''}${droppedCreates ? `. ${droppedCreates} of them are createTask calls whose connection dropped: LiangXin has no idempotency key and no task list, so the node cannot tell whether the task exists, and a retry could create (and bill) a duplicate, which the duplicateTasks target forbids; it reports them as errors that say the task may exist` : ''}`;
	return { met: d.itemsWithResult === expected, measured };
}

/** @param {ScenarioSlot | undefined} faults @returns {Target[]} */
function faultsTargets(faults) {
	if (!faults?.results.node) return [];
	const { node } = faults.results;
	const d = faults.details.node;
	return [
		{ id: 'faults-lost', label: 'faults-50: itemsLost = 0', met: node.itemsLost === 0, measured: String(node.itemsLost) },
		{ id: 'faults-dup', label: 'faults-50: duplicateTasks = 0', met: node.duplicateTasks === 0, measured: String(node.duplicateTasks) },
		{ id: 'faults-failed-reported', label: 'faults-50: every failed task is an error item with its task ID', met: d.failedTasksReportedWithTaskId === d.tasksFailedOnLiangXin, measured: `${d.failedTasksReportedWithTaskId} of ${d.tasksFailedOnLiangXin} failed tasks` },
		{ id: 'faults-rest-succeed', label: 'faults-50: the rest succeed', ...faultsRestMeasured(faults) },
	];
}

/** @param {Map<string, ScenarioSlot>} byName @returns {Target} the --quick gate */
function noLossTarget(byName) {
	const broken = scenariosWhereTheNodeLostOrDuplicated(byName);
	return {
		id: 'no-loss',
		label: `every scenario run (${[...byName.keys()].join(', ')}): the node lost no item and created no duplicate task (the --quick gate)`,
		met: broken.length === 0,
		measured: broken.length === 0 ? 'itemsLost 0 and duplicateTasks 0 everywhere' : broken.map(({ results: r }) => `${r.name}: lost ${r.node?.itemsLost}, duplicates ${r.node?.duplicateTasks}`).join('; '),
	};
}

/**
 * @param {ScenarioSlot | undefined} images @param {IdleBaseline} idle @param {ControlRecord | undefined} control
 * @returns {Target[]}
 */
function imagesMemoryTargets(images, idle, control) {
	if (!images?.results.node) return [];
	const { node, stockLoop } = images.results;
	const imageMb = mib(images.details.node.largestImageBytes / 1024);
	const growth = round(node.peakRssMb - idle.medianMb, 1);
	const controlPart = control
		? `; the same workflow with tiny images peaked at ${control.metrics.peakRssMb} MiB, so the images themselves cost ${signed(round(node.peakRssMb - (control.metrics.peakRssMb ?? 0), 1))} MiB and the rest (${signed(round((control.metrics.peakRssMb ?? 0) - idle.medianMb, 1))} MiB) is the cost of running the 20 tasks at all`
		: '';
	return [{
		id: 'images-memory',
		label: 'images-4k-20: node peak RSS grows < 3 × one image over the idle process',
		met: growth < 3 * imageMb,
		measured: `${signed(growth)} MiB (peak ${node.peakRssMb} MiB, idle ${idle.medianMb} MiB); one image ${imageMb} MiB, limit ${round(3 * imageMb, 1)} MiB${controlPart}${stockLoop ? `; stock loop ${signed(round(stockLoop.peakRssMb - idle.medianMb, 1))} MiB` : ''}`,
	}];
}

/**
 * @param {Map<string, ScenarioSlot>} byName @param {IdleBaseline} idle @param {ControlRecord | undefined} control
 * @returns {Target[]}
 */
function evaluateTargets(byName, idle, control) {
	return [
		...n50Targets(byName.get('n50')),
		...faultsTargets(byName.get('faults-50')),
		noLossTarget(byName),
		...realWorldTargets(byName, idle),
		...imagesMemoryTargets(byName.get('images-4k-20'), idle, control),
	];
}

module.exports = { evaluateTargets, scenariosWhereTheNodeLostOrDuplicated, signed };
