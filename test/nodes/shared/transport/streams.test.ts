import { Readable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';

import { capped, peek } from '../../../../nodes/shared/transport/streams';

const CHUNK_BYTES = 64 * 1024;

/** A download's body: `chunks` chunks (endless when infinite) of 64 KiB (numbered in their first byte), counting how many were pulled. */
function fileHost(chunks: number) {
	const host = { pulled: 0, stream: undefined as unknown as Readable };
	host.stream = new Readable({
		read() {
			// Each chunk arrives on a later turn of the event loop, as a socket's do.
			setImmediate(() => this.push(host.pulled === chunks ? null : Buffer.alloc(CHUNK_BYTES, host.pulled++ % 256)));
		},
	});
	return host;
}

/** Lets the streams move as far as their buffers allow. */
async function settle() {
	for (let turn = 0; turn < 50; turn++) await nextTurn();
}

const tooLarge = () => new Error('over Max File Size');

describe('capped: a result file on its way to n8n', () => {
	it('reads only a few chunks ahead of a reader that is busy, not the whole file', async () => {
		const host = fileHost(200);
		const reader = capped(host.stream, Number.MAX_SAFE_INTEGER, tooLarge)[Symbol.asyncIterator]();
		const first = (await reader.next()).value as Buffer;
		expect(first[0]).toBe(0);
		// The reader now writes its chunk to disk; 199 more are there to read, and a stream that kept
		// filling its buffer for the reader would pull many of them into memory meanwhile.
		await settle();
		expect(host.pulled).toBeLessThanOrEqual(4);
		await reader.return?.();
	});

	it('passes every byte through, in order, after a peek at the head', async () => {
		const host = fileHost(40);
		const head = await peek(host.stream, 12);
		expect(head.length).toBeGreaterThanOrEqual(12);

		const received: Buffer[] = [];
		for await (const chunk of capped(host.stream, 40 * CHUNK_BYTES, tooLarge)) received.push(chunk as Buffer);
		const whole = Buffer.concat(received);
		expect(whole.length).toBe(40 * CHUNK_BYTES);
		for (let index = 0; index < 40; index++) expect(whole[index * CHUNK_BYTES]).toBe(index);
	});

	it('fails with the caller\'s error once over the limit, and stops reading the file', async () => {
		const host = fileHost(1000);
		const limited = capped(host.stream, 10 * CHUNK_BYTES, tooLarge);

		await expect(
			(async () => {
				for await (const chunk of limited) void chunk;
			})(),
		).rejects.toThrow('over Max File Size');
		await settle();
		expect(host.stream.destroyed).toBe(true);
		expect(host.pulled).toBeLessThanOrEqual(15);
	});

	it('fails when the download fails, so that nothing half-written is kept', async () => {
		const host = fileHost(Number.POSITIVE_INFINITY);
		const limited = capped(host.stream, Number.MAX_SAFE_INTEGER, tooLarge);
		const reading = (async () => {
			for await (const chunk of limited) void chunk;
		})();
		await settle();
		host.stream.destroy(new Error('the download timed out'));
		await expect(reading).rejects.toThrow('the download timed out');
	});

	it('lets go of the file when its reader stops early', async () => {
		const host = fileHost(1000);
		const limited = capped(host.stream, Number.MAX_SAFE_INTEGER, tooLarge);
		for await (const chunk of limited) {
			void chunk;
			break;
		}
		await settle();
		expect(host.stream.destroyed).toBe(true);
	});
});
