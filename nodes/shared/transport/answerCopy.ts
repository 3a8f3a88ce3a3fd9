import { boundedCopy } from '../util/boundedCopy';
import { maskQueryValues } from '../util/urls';

/** Keys under which LiangXin echoes the create request, callback URL included: `param`, `callBackUrl` and its spellings. */
function echoesRequest(key: string): boolean {
	return key === 'param' || /call_?back/i.test(key);
}

/**
 * What an output copies from an API answer or a callback body: bounded, and with every query value
 * masked in the request LiangXin echoes (a string under `param` or a callback key): the callback
 * URL's signature or token lives there. Result URLs stay whole: they are what the output is for,
 * signed by their file host for whoever runs the workflow.
 */
export function outputCopy(value: unknown): unknown {
	return boundedCopy(value, { mapString: (text, key) => (echoesRequest(key) ? maskQueryValues(text) : text) });
}

/** A copy with no URL query value at all: for an error quoting an answer, or a free text such as a failure reason. */
export function maskedCopy(value: unknown): unknown {
	return boundedCopy(value, { mapString: maskQueryValues });
}
