import { z } from 'zod';

import { abbreviate } from '../util/zodRules';

/** `^https?://[^\s/]+\S*$` as two linear checks: that one regex backtracks quadratically on a long value. */
function isHttpUrl(url: string): boolean {
	return /^https?:\/\/[^\s/]/i.test(url) && !/\s/.test(url);
}

/** The `callBackUrl` of a createTask body, the same rule for every model. */
export const callBackUrlSchema = z
	.string()
	.refine(isHttpUrl, (url) => ({
		message: `must be an http(s) URL (got "${abbreviate(url)}")`,
	}));
