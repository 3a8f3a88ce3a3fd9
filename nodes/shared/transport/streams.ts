import type { Readable } from './types';

/** Waits until the stream has data to read, has ended, or fails. */
async function readableOrEnded(stream: Readable): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const settle = (error?: Error) => {
			stream.off('readable', onReadable).off('end', onReadable).off('close', onReadable).off('error', settle);
			if (error) reject(error);
			else resolve();
		};
		const onReadable = () => settle();
		stream.once('readable', onReadable).once('end', onReadable).once('close', onReadable).once('error', settle);
	});
}

/**
 * Reads the first `bytes` of a stream (fewer when it ends sooner) and puts them back, so that
 * whoever reads the stream next still gets it from its start.
 */
export async function peek(stream: Readable, bytes: number): Promise<Buffer> {
	const chunks: Buffer[] = [];
	let length = 0;
	while (length < bytes && !stream.readableEnded && !stream.destroyed) {
		const chunk = stream.read() as Buffer | null;
		if (chunk === null) await readableOrEnded(stream);
		else {
			chunks.push(chunk);
			length += chunk.length;
		}
	}
	const head = Buffer.concat(chunks);
	if (head.length && !stream.readableEnded) stream.unshift(head);
	return head;
}

/** The same bytes, streamed; fails with `tooLarge()` (and stops reading) once more than `maxBytes` went by. */
export function capped(stream: Readable, maxBytes: number, tooLarge: () => Error): Readable {
	let seen = 0;
	return stream.map((chunk: Buffer) => {
		seen += chunk.length;
		if (seen > maxBytes) throw tooLarge();
		return chunk;
	});
}

/** Reads a stream to its end, in memory; fails with `tooLarge()` (and stops reading) once more than `maxBytes` went by. */
export async function readWhole(stream: Readable, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of capped(stream, maxBytes, tooLarge)) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks);
}
