import type { IBinaryKeyData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { MediaKind } from './mediaType';
import { headBytesNeeded, mediaNoun, mediaTypeOf, SIGNATURE_BYTES } from './mediaType';
import { downloadRefusal } from '../util/network';
import { allowLocalResultUrlsOption, maxFileSizeOption } from './outputOptions';
import { capped, peek } from '../transport/streams';
import type { LiangXinTask } from '../tasks/task';
import type { LiangXinClient } from '../transport/client';
import { urlForDisplay } from '../util/urls';

/** More result URLs than a task makes: refuse them rather than fetch them all. */
export const MAX_IMAGES_PER_TASK = 20;

/** `data`, `data_1`, `data_2`, ... as n8n's own nodes name several files. */
export function binaryPropertyName(prefix: string, index: number): string {
	return index === 0 ? prefix : `${prefix}_${index}`;
}

interface ImageDownloadOptions {
	itemIndex: number;
	/** The first file's binary property; the others get _1, _2 and so on. */
	binaryPropertyPrefix: string;
	/** Max File Size in bytes. */
	maxBytes: number;
	/** Allow Local Result URLs (Testing). */
	allowLocalHosts: boolean;
	abortSignal?: AbortSignal;
	/** How long one file may take, retries included; DOWNLOAD_TIME_LIMIT_MS when absent. */
	timeLimitMs?: number;
	/** What the files may be, told by their bytes; images only when absent. */
	accept?: readonly MediaKind[];
}

type ItemError = (message: string, description: string) => NodeOperationError;

/**
 * Refuses a result URL, or a redirect hop, that downloadRefusal does not allow, naming the rule and,
 * where one does, the option that lifts it; called before the URL is requested.
 */
function resultUrlCheck(client: LiangXinClient, task: LiangXinTask, allowLocalHosts: boolean, itemError: ItemError) {
	const trustedOrigin = client.baseOrigin;
	return (url: URL, redirectedFrom?: string) => {
		const refusal = downloadRefusal(url, { trustedOrigin, allowLocalHosts });
		if (!refusal) return;
		const from = refusal.liftable ? ` from ${urlForDisplay(url.href)}` : '';
		const hop = redirectedFrom === undefined ? '' : ` (a redirect of ${urlForDisplay(redirectedFrom)})`;
		throw itemError(
			`Refused to download a result of LiangXin task ${task.taskId}${from}${hop}: ${refusal.reason}`,
			refusal.liftable
				? `Nothing was requested from it. Result files are downloaded only from public addresses and from the Base URL's own origin (${trustedOrigin ?? 'none'}), so that a wrong or compromised API cannot make n8n read its own network. For tests against a local stand-in, turn on ${allowLocalResultUrlsOption.displayName} in the node's options.`
				: 'Nothing was requested. No option allows other kinds of URL: check the Base URL in the LiangXin API credential.',
		);
	};
}

const NODE_FOR: Record<MediaKind, string> = { image: 'LiangXin Image', video: 'LiangXin Video' };

/** What to do about a refused file: another node for a file of another kind, else ask again later. */
function refusalAdvice(accept: readonly MediaKind[], otherKind: MediaKind | undefined): string {
	const next = otherKind
		? `The model makes ${otherKind}s: use the ${NODE_FOR[otherKind]} node for it.`
		: `The file host answered something else than ${mediaNoun(accept)}: run Get Generation again later.`;
	return `Nothing was stored for it. ${next}`;
}

/** A result file's first bytes, as many as tell its type; they stay in the stream. */
async function peekHead(stream: Parameters<typeof peek>[0]): Promise<Buffer> {
	const head = await peek(stream, SIGNATURE_BYTES);
	const needed = headBytesNeeded(head);
	return needed > head.length ? await peek(stream, needed) : head;
}

/**
 * Streams each result file into n8n's binary storage (`<taskId>-<n>.<ext>`, the type read from the
 * file's first bytes and of an accepted kind), one at a time per task and a few at a time per
 * execution (see MAX_PARALLEL_DOWNLOADS), so that a batch of 4K images never sits in memory at once. Every file
 * is bounded in size (Max File Size) and time, and is fetched, like each redirect hop, only from
 * where resultUrlCheck allows; result URLs expire, so fetch them promptly.
 */
export async function downloadTaskImages(
	context: IExecuteFunctions | IWebhookFunctions,
	client: LiangXinClient,
	task: LiangXinTask,
	{ itemIndex, binaryPropertyPrefix: prefix, maxBytes, allowLocalHosts, abortSignal, timeLimitMs, accept = ['image'] }: ImageDownloadOptions,
): Promise<IBinaryKeyData> {
	const itemError: ItemError = (message, description) => new NodeOperationError(context.getNode(), message, { itemIndex, description });

	try {
		if (task.imageUrls.length > MAX_IMAGES_PER_TASK) {
			throw itemError(
				`LiangXin task ${task.taskId} has ${task.imageUrls.length} result URLs; at most ${MAX_IMAGES_PER_TASK} are downloaded`,
				'A task makes a few files, so none were downloaded. Turn downloads off in the options (Download Images or Download Videos) to get the URLs only.',
			);
		}

		const checkUrl = resultUrlCheck(client, task, allowLocalHosts, itemError);
		const binary: IBinaryKeyData = {};
		for (const [index, url] of task.imageUrls.entries()) {
			const file = `Result ${index + 1} of LiangXin task ${task.taskId} (${urlForDisplay(url)})`;
			binary[binaryPropertyName(prefix, index)] = await client.download(
				url,
				{ itemIndex, taskId: task.taskId, abortSignal, timeLimitMs, checkUrl },
				async ({ stream, contentType }) => {
					const type = mediaTypeOf(await peekHead(stream), contentType, accept);
					if ('reason' in type) {
						stream.destroy();
						throw itemError(`${file} is not ${mediaNoun(accept)}: ${type.reason}`, refusalAdvice(accept, type.otherKind));
					}
					const limited = capped(stream, maxBytes, () =>
						itemError(
							`${file} is over ${maxBytes / 1024 / 1024} MB, the limit set by ${maxFileSizeOption.displayName}`,
							`Its download was stopped. Raise ${maxFileSizeOption.displayName} in the options if files this large are expected.`,
						),
					);
					return await context.helpers.prepareBinaryData(limited, `${task.taskId}-${index + 1}.${type.extension}`, type.mimeType);
				},
			);
		}
		return binary;
	} catch (error) {
		// Whatever failed, the task exists: name it, also in a Continue On Fail error item.
		throw Object.assign(error as Error, { taskId: task.taskId });
	}
}
