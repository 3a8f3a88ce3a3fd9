import type * as Polling from '../../nodes/shared/tasks/polling';
import type { PollSchedule } from '../../nodes/shared/tasks/pollSchedule';
import { ADAPTIVE_SCHEDULE, scaledSchedule as scaledBy } from '../../nodes/shared/tasks/pollSchedule';

/**
 * How fast the node tests' poll clock runs: a tenth of a real second per second. The nodes' own
 * schedule first asks about a batch after 5 s; node tests about what a batch outputs (not about when
 * it polls) wait 0.5 s instead. The schedule at full scale is tested in tasks/polling.test.ts.
 */
export const POLL_TIME_SCALE = 0.1;

/**
 * `schedule` on a clock that runs `scale` times as fast: the same decisions, each taken from the
 * durations and ages it would have seen in real time, its delays shortened by `scale`.
 */
export function scaledSchedule(scale: number, schedule: PollSchedule = ADAPTIVE_SCHEDULE): PollSchedule {
	return scaledBy(schedule, scale);
}

/**
 * The polling module with every TaskWatcher on the schedule its node gives it (images': the adaptive
 * one; videos': VIDEO_SCHEDULE) at POLL_TIME_SCALE, the shipped watcher otherwise (as the bench's
 * time-scaled build does). For a test file's
 * `jest.mock('<path to>/nodes/shared/tasks/polling', () => jest.requireActual('<path to>/helpers/pollTimeScale').scaledPolling())`.
 */
export function scaledPolling(scale = POLL_TIME_SCALE): typeof Polling {
	const shipped = jest.requireActual<typeof Polling>('../../nodes/shared/tasks/polling');
	class ScaledTaskWatcher extends shipped.TaskWatcher {
		constructor(options: Polling.TaskWatcherOptions = {}) {
			super({ ...options, schedule: scaledSchedule(scale, options.schedule) });
		}
	}
	return { ...shipped, TaskWatcher: ScaledTaskWatcher };
}
