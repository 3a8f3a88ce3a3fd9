import type { IExecuteFunctions, INodeType } from 'n8n-workflow';

import type { MediaKind } from '../../nodes/shared/output/mediaType';
import { downloadTaskImages } from '../../nodes/shared/output/images';
import type { LiangXinTask } from '../../nodes/shared/tasks/task';
import { LiangXinClient } from '../../nodes/shared/transport/client';

const MB = 1024 * 1024;

export interface DownloadRequest {
	baseUrl: string;
	apiKey?: string;
	task: LiangXinTask;
	/** What the files may be; downloadTaskImages' default (images) when absent. */
	accept?: readonly MediaKind[];
	/** Max File Size in bytes; 50 MB (the image nodes' default) when absent. */
	maxBytes?: number;
	timeLimitMs?: number;
}

/**
 * A one-step node that stores a task's result files with downloadTaskImages, as the LiangXin nodes
 * call it: run it with runNode to go through n8n's real execution context and binary storage.
 */
export function downloaderNode({ baseUrl, apiKey = '', task, accept, maxBytes = 50 * MB, timeLimitMs }: DownloadRequest): INodeType {
	return {
		description: {
			displayName: 'Downloader',
			name: 'downloader',
			group: [],
			version: 1,
			description: '',
			defaults: { name: 'Downloader' },
			inputs: [],
			outputs: [],
			properties: [],
		},
		async execute(this: IExecuteFunctions) {
			const client = new LiangXinClient(this, baseUrl, apiKey);
			const binary = await downloadTaskImages(this, client, task, { itemIndex: 0, binaryPropertyPrefix: 'data', maxBytes, allowLocalHosts: false, accept, timeLimitMs });
			return [[{ json: {}, binary }]];
		},
	};
}
