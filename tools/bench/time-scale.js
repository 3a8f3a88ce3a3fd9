// @ts-check
'use strict';
// The bench's time-scaled build, for scenarios run at a time scale (video-20: 1/4): the shipped polling
// module, every TaskWatcher on the schedule its node gives it (or the adaptive one) scaled by
// LIANGXIN_BENCH_TIME_SCALE, as the sandbox's durations and the stock loop's waits are. It polls at the
// same moments of each job's life as at full scale, so polls per task are those of the real durations.
// This file is copied into that package beside the polling module, so it requires nothing.

/** The environment variable that carries a run's time scale into `n8n execute`. */
const TIME_SCALE_ENV = 'LIANGXIN_BENCH_TIME_SCALE';

/**
 * The polling module of the time-scaled build: the shipped module's exports, with a TaskWatcher whose
 * schedule is scaled by the run's time scale (1 when unset). Everything else is the shipped code.
 * @param {typeof import('../../nodes/shared/tasks/polling')} shipped
 * @param {typeof import('../../nodes/shared/tasks/pollSchedule')} schedules the shipped schedules module
 * @returns {typeof import('../../nodes/shared/tasks/polling')}
 */
function withTimeScale(shipped, schedules) {
	class TimeScaledWatcher extends shipped.TaskWatcher {
		/** @param {import('../../nodes/shared/tasks/polling').TaskWatcherOptions} [options] */
		constructor(options = {}) {
			const scale = Number(process.env[TIME_SCALE_ENV] ?? 1);
			if (!(scale > 0 && scale <= 1)) throw new Error(`${TIME_SCALE_ENV} must be a number in (0, 1] (got ${process.env[TIME_SCALE_ENV]})`);
			super({ ...options, schedule: schedules.scaledSchedule(options.schedule ?? schedules.ADAPTIVE_SCHEDULE, scale) });
		}
	}
	return { ...shipped, TaskWatcher: TimeScaledWatcher };
}

module.exports = { TIME_SCALE_ENV, withTimeScale };
