import { BinaryDataService } from 'n8n-core';
import type { INodeExecutionData } from 'n8n-workflow';

import { MAX_CREATE_REQUEST_BYTES } from '../../../../nodes/shared/platform/limits';
import { createAndWait, runNanoBanana, useSandbox } from '../../../helpers/liangxin';

// About what the node outputs, not when it polls: its poll schedule runs on a faster clock.
jest.mock('../../../../nodes/shared/tasks/polling', () => jest.requireActual('../../../helpers/pollTimeScale').scaledPolling());

const PNG_SIGNATURE = Buffer.from('89504e470d0a1a0a', 'hex');

/** An item whose binary properties are PNG files of the given sizes, stored in the item as n8n does by default. */
function itemWithImages(sizes: Record<string, number>): INodeExecutionData {
	const binary = Object.fromEntries(
		Object.entries(sizes).map(([property, bytes]) => {
			const file = Buffer.alloc(bytes, 7);
			PNG_SIGNATURE.copy(file);
			return [property, { data: file.toString('base64'), mimeType: 'image/png', fileName: `${property}.png` }];
		}),
	);
	return { json: { prompt: 'use the photos' }, binary };
}

/** Base64 grows a file by a third: the largest file that fits the request limit on its own, with room for the rest. */
const fitting = Math.floor((MAX_CREATE_REQUEST_BYTES * 3) / 4) - 10_000;

describe('binary images are size-checked up front and sent one item at a time', () => {
	const sandbox = useSandbox({ taskDurationMs: 300 });
	afterEach(() => jest.restoreAllMocks());

	it('refuses an item whose images pass the request limit before sending anything, without reading a file', async () => {
		const readFile = jest.spyOn(BinaryDataService.prototype, 'getAsBuffer');
		const result = await runNanoBanana(sandbox(), {
			parameters: { ...createAndWait(), binaryImageProperties: 'photo, detail' },
			items: [
				itemWithImages({ photo: 1000, detail: 1000 }),
				itemWithImages({ photo: fitting, detail: 1000 }),
				itemWithImages({ photo: fitting / 2, detail: fitting / 2 + 20_000 }),
			],
		});
		expect(result.error?.message).toMatch(
			/^Item 2: Input Binary Fields: with "detail" \([\d.]+ MB as a data URI\) the request would be 10\.0 MB; LiangXin accepts at most 10\.0 MB per request\. Pass the image as a URL, or make it smaller$/,
		);
		expect((result.error as { description?: string }).description).toContain('Nothing was sent to LiangXin');
		expect(sandbox().log).toHaveLength(0);
		expect(readFile).not.toHaveBeenCalled();
	});

	it('reads the size of a file kept in binary storage from its metadata', async () => {
		const metadata = jest.spyOn(BinaryDataService.prototype, 'getMetadata').mockResolvedValue({ fileSize: 8_000_000 });
		const stored = { id: 'filesystem-v2:workflows/1/executions/1/binary_data/photo', data: 'filesystem-v2', mimeType: 'image/png' };
		const result = await runNanoBanana(sandbox(), {
			parameters: { operation: 'createTask', prompt: 'use the photo', binaryImageProperties: 'photo' },
			items: [{ json: {}, binary: { photo: stored } }],
		});
		expect(metadata).toHaveBeenCalledWith(stored.id);
		expect(result.error?.message).toMatch(/^Item 0: Input Binary Fields: with "photo" \(10\.7 MB as a data URI\)/);
		expect(sandbox().log).toHaveLength(0);
	});

	it('sends an image that fits the limit, and the sandbox (which refuses bodies over 10 MiB) accepts it', async () => {
		const result = await runNanoBanana(sandbox(), {
			parameters: { operation: 'createTask', prompt: 'use the photo', binaryImageProperties: 'photo' },
			items: [itemWithImages({ photo: fitting })],
		});
		expect(result.error).toBeUndefined();
		expect(sandbox().createCalls().map((call) => call.status)).toEqual([200]);
		expect(sandbox().createCalls()[0].bodyBytes).toBeLessThanOrEqual(MAX_CREATE_REQUEST_BYTES);
	});

	it('builds an item\'s data URI only just before its request, never all of them at once', async () => {
		const read = jest.spyOn(BinaryDataService.prototype, 'getAsBuffer');
		const sent = jest.fn();
		const stopListening = sandbox().onLog((entry) => entry.route === 'createTask' && sent());
		const items = Array.from({ length: 6 }, () => itemWithImages({ photo: 500_000 }));
		const result = await runNanoBanana(sandbox(), {
			parameters: { ...createAndWait(), binaryImageProperties: 'photo', options: { maxConcurrentTasks: 2, downloadImages: false } },
			items,
		}).finally(stopListening);
		const events = [
			...read.mock.invocationCallOrder.map((order) => ({ order, event: 'read' })),
			...sent.mock.invocationCallOrder.map((order) => ({ order, event: 'sent' })),
		]
			.sort((a, b) => a.order - b.order)
			.map(({ event }) => event);

		expect(result.error).toBeUndefined();
		expect(events.filter((event) => event === 'read')).toHaveLength(6);
		// At any moment, at most Max Concurrent Tasks data URIs are built and not yet sent.
		let builtNotSent = 0;
		let most = 0;
		for (const event of events) {
			builtNotSent += event === 'read' ? 1 : -1;
			most = Math.max(most, builtNotSent);
		}
		expect(most).toBeLessThanOrEqual(2);
		const firstBody = sandbox().createCalls()[0].body as { input: { image_input: string[] } };
		expect(firstBody.input.image_input).toEqual([`data:image/png;base64,${items[0].binary!.photo.data}`]);
	}, 30_000);
});
