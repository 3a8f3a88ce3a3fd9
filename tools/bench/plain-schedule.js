// @ts-check
'use strict';
// The plain per-task poll schedule the bench measures the node's own against: every task polled from
// its own creation every 2.5 s for 30 s, then every 7.5 s to 2 min, then every 20 s (what LiangXin's
// peers advise); no scout, nothing learned, no endgame, no slot search. The plain-schedule variant package runs the
// shipped TaskWatcher with this schedule (see variants.js); this file is copied into that package,
// so it requires nothing.

/** @typedef {import('../../nodes/shared/tasks/pollSchedule').PollSchedule} PollSchedule */

/** [the task's age it applies below, the step] in ms, by age */
const PLAIN_STEPS = [
	[30_000, 2500],
	[120_000, 7500],
	[Infinity, 20_000],
];

/** @param {number} ageMs */
function plainStepMs(ageMs) {
	const [, stepMs] = PLAIN_STEPS.find(([belowMs]) => ageMs < belowMs) ?? PLAIN_STEPS[PLAIN_STEPS.length - 1];
	return stepMs;
}

/** @type {PollSchedule} */
const PLAIN_SCHEDULE = {
	firstPollDelayMs: () => plainStepMs(0),
	nextPollDelayMs: (ageMs) => plainStepMs(ageMs),
};

/**
 * The polling module of the plain-schedule variant: the shipped module's exports, with a TaskWatcher
 * that polls on PLAIN_SCHEDULE. Everything else (the watcher's code, its errors) is the shipped one.
 * @param {typeof import('../../nodes/shared/tasks/polling')} shipped
 * @returns {typeof import('../../nodes/shared/tasks/polling')}
 */
function withPlainSchedule(shipped) {
	class PlainScheduleWatcher extends shipped.TaskWatcher {
		/** @param {import('../../nodes/shared/tasks/polling').TaskWatcherOptions} [options] */
		constructor(options = {}) {
			super({ ...options, schedule: PLAIN_SCHEDULE });
		}
	}
	return { ...shipped, TaskWatcher: PlainScheduleWatcher };
}

module.exports = { PLAIN_SCHEDULE, withPlainSchedule };
