import type * as CallbackAnswer from '../../nodes/shared/tasks/callbackAnswer';

/**
 * How fast the clock of a callback's check runs in tests about what happens when LiangXin is slow, not
 * about how long the node waits: four times as fast. The unscaled budget (about 10 s in all) is timed by
 * the trigger's test of a hanging API.
 */
export const CALLBACK_TIME_SCALE = 1 / 4;

/**
 * The callbackAnswer module with the time limit of a paused execution's callback and the budget of
 * its check (per-call timeout, retry delays) scaled by `scale`; its retries and everything else as
 * shipped. For a test file's
 * `jest.mock('<path to>/nodes/shared/tasks/callbackAnswer', () => jest.requireActual('<path to>/helpers/callbackTimeScale').scaledCallbackAnswer())`.
 */
export function scaledCallbackAnswer(scale = CALLBACK_TIME_SCALE): typeof CallbackAnswer {
	const shipped = jest.requireActual<typeof CallbackAnswer>('../../nodes/shared/tasks/callbackAnswer');
	const { retry, timeoutMs } = shipped.VERIFY_BUDGET;
	// The shipped limit's type is its literal value.
	return {
		...shipped,
		CALLBACK_TIME_LIMIT_MS: shipped.CALLBACK_TIME_LIMIT_MS * scale,
		VERIFY_BUDGET: { retry: { ...retry, baseDelayMs: retry.baseDelayMs * scale, maxDelayMs: retry.maxDelayMs * scale }, timeoutMs: timeoutMs * scale },
	} as typeof CallbackAnswer;
}
