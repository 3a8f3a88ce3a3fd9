// The child process of videoDownloadRss.test.ts: a plain Node process (no Jest) that stores a task's
// result video through the real download path into n8n's filesystem binary storage, and reports how
// far its peak resident memory rose above what it held before. Run as
// `node --expose-gc -r test/helpers/register-ts.js <this file> '<request as JSON>'`.
import { readFileSync, writeFileSync } from 'node:fs';

import type { MediaKind } from '../../../../nodes/shared/output/mediaType';
import { normalizeTask } from '../../../../nodes/shared/tasks/task';
import { downloaderNode } from '../../../helpers/downloader';
import { runNode, useFilesystemBinaryData } from '../../../helpers/n8n';

export interface RssChildRequest {
	baseUrl: string;
	storagePath: string;
	/** recordInfo answers: a small video first (code loading and first-use allocations are not counted), then the measured one. */
	warmUpAnswer: unknown;
	answer: unknown;
	maxBytes: number;
	accept: MediaKind[];
}

const kilobytes = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'))?.[1]);

async function main() {
	const request = JSON.parse(process.argv[2]) as RssChildRequest;
	await useFilesystemBinaryData(request.storagePath);
	const store = async (answer: unknown) =>
		await runNode({ node: downloaderNode({ baseUrl: request.baseUrl, task: normalizeTask(answer), accept: request.accept, maxBytes: request.maxBytes }) });
	const warmUp = await store(request.warmUpAnswer);
	if (warmUp.error) throw warmUp.error;
	(globalThis as { gc?: () => void }).gc?.();
	// Writing 5 to clear_refs resets the kernel's peak (VmHWM) to the RSS now.
	writeFileSync('/proc/self/clear_refs', '5');
	const rssBeforeKb = kilobytes('VmRSS');
	const result = await store(request.answer);
	const peakKb = kilobytes('VmHWM');
	process.stdout.write(
		JSON.stringify({ error: result.error?.message, binary: result.output[0]?.binary?.data, rssBeforeMb: rssBeforeKb / 1024, peakGrowthMb: (peakKb - rssBeforeKb) / 1024 }),
	);
}

main().catch((error: Error) => {
	process.stdout.write(JSON.stringify({ crashed: error.stack }));
	process.exitCode = 1;
});
