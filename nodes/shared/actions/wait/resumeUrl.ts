import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isLocalHost } from '../../util/network';
import { parseUrl, urlForDisplay } from '../../util/urls';

/** Refuses a resume URL LiangXin cannot call back, unless the user allows it for testing. */
export function checkResumeUrl(context: IExecuteFunctions, resumeUrl: string, allowLocal: boolean): URL {
	const url = parseUrl(resumeUrl);
	if (!url) {
		throw new NodeOperationError(context.getNode(), 'Pause Until Callback needs the execution\'s resume URL, and n8n gave none', {
			description: 'Use Wait Mode Poll, or run the workflow in a production execution.',
		});
	}
	if (allowLocal) return url;
	const problem = url.protocol !== 'https:' ? 'is plain HTTP' : isLocalHost(url.hostname) ? 'is local or private' : undefined;
	if (problem) {
		throw new NodeOperationError(context.getNode(), `LiangXin cannot call back this n8n: its webhook URL ${urlForDisplay(`${url.origin}/`)} ${problem}`, {
			description:
				'Set WEBHOOK_URL on n8n to its public HTTPS address (e.g. https://n8n.example.com/), use Wait Mode Poll, or for tests against a local stand-in turn on Allow Local Callback URL (Testing).',
		});
	}
	return url;
}
