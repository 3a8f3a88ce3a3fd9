import type { IBinaryKeyData, IExecuteFunctions, IWebhookFunctions } from 'n8n-workflow';

import type { LiangXinTask } from './task';
import type { LiangXinClient } from './transport';

const MIME_TYPE_BY_EXTENSION: Record<string, string> = {
	png: 'image/png',
	jpg: 'image/jpeg',
	jpeg: 'image/jpeg',
	webp: 'image/webp',
};

/** `data`, `data_1`, `data_2`, ... as n8n's own nodes name several files. */
export function binaryPropertyName(prefix: string, index: number): string {
	return index === 0 ? prefix : `${prefix}_${index}`;
}

function fileType(url: string, contentType: string): { extension: string; mimeType: string } {
	const mimeType = contentType.split(';')[0].trim().toLowerCase();
	const fromMime = Object.entries(MIME_TYPE_BY_EXTENSION).find(([, mime]) => mime === mimeType)?.[0];
	const fromUrl = /\.([a-z0-9]+)(?:[?#].*)?$/i.exec(url)?.[1]?.toLowerCase();
	const extension = fromMime ?? (fromUrl && MIME_TYPE_BY_EXTENSION[fromUrl] ? fromUrl : 'png');
	return { extension, mimeType: MIME_TYPE_BY_EXTENSION[extension] };
}

export interface ImageDownloadOptions {
	itemIndex: number;
	/** `data` when empty. */
	binaryPropertyPrefix?: string;
	abortSignal?: AbortSignal;
}

/**
 * Streams each result image into n8n's binary storage (`<taskId>-<n>.<ext>`), one at a time per
 * task and a few at a time per execution (see MAX_PARALLEL_DOWNLOADS), so that a batch of 4K images
 * never sits in memory at once. Result URLs expire: fetch them promptly.
 */
export async function downloadTaskImages(
	context: IExecuteFunctions | IWebhookFunctions,
	client: LiangXinClient,
	task: LiangXinTask,
	{ itemIndex, binaryPropertyPrefix, abortSignal }: ImageDownloadOptions,
): Promise<IBinaryKeyData> {
	const binary: IBinaryKeyData = {};
	for (const [index, url] of task.imageUrls.entries()) {
		binary[binaryPropertyName(binaryPropertyPrefix || 'data', index)] = await client.download(
			url,
			{ itemIndex, taskId: task.taskId, abortSignal },
			async ({ stream, contentType }) => {
				const { extension, mimeType } = fileType(url, contentType);
				return await context.helpers.prepareBinaryData(stream, `${task.taskId}-${index + 1}.${extension}`, mimeType);
			},
		);
	}
	return binary;
}
