import { createHash, timingSafeEqual } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import type { TaskStatus } from '../shared/task';

/** How many recent deliveries the trigger remembers to drop repeats; LiangXin retries only briefly. */
export const SEEN_DELIVERIES_LIMIT = 1000;

/** Compares in constant time, whatever the lengths, so a wrong token reveals nothing about the right one. */
export function tokensMatch(given: unknown, expected: string): boolean {
	if (typeof given !== 'string') return false;
	const digest = (value: string) => createHash('sha256').update(value).digest();
	return timingSafeEqual(digest(given), digest(expected));
}

/** The callback body as JSON: n8n parses JSON bodies, other content types arrive raw. */
export function parseCallbackBody(body: unknown, rawBody?: Buffer): unknown {
	const parsedEmpty = !body || (typeof body === 'object' && Object.keys(body).length === 0);
	const text = typeof body === 'string' ? body : parsedEmpty ? rawBody?.toString('utf8') : undefined;
	if (text === undefined) return body;
	try {
		return JSON.parse(text);
	} catch {
		return text;
	}
}

export function wantedEvent(status: TaskStatus, events: string[]): boolean {
	return status !== 'pending' && events.includes(status);
}

/**
 * Deliveries this n8n process is handling or has emitted. The workflow's static data is loaded when
 * a callback arrives and saved after it was answered, so two copies of a callback that arrive together
 * would both pass a check on static data alone.
 */
const claimedDeliveries = new Set<string>();

function seenDeliveries(staticData: IDataObject): string[] {
	return Array.isArray(staticData.seenDeliveries) ? (staticData.seenDeliveries as string[]) : [];
}

/** Answers false when this delivery was already emitted or is being handled right now. */
export function claimDelivery(staticData: IDataObject, key: string): boolean {
	if (claimedDeliveries.has(key) || seenDeliveries(staticData).includes(key)) return false;
	claimedDeliveries.add(key);
	for (const oldest of claimedDeliveries) {
		if (claimedDeliveries.size <= SEEN_DELIVERIES_LIMIT) break;
		claimedDeliveries.delete(oldest);
	}
	return true;
}

/** A claimed delivery that will not be emitted, so that a later copy may be. */
export function releaseDelivery(key: string) {
	claimedDeliveries.delete(key);
}

/** Records an emitted delivery in the workflow's static data, keeping the most recent ones only. */
export function recordDelivery(staticData: IDataObject, key: string) {
	staticData.seenDeliveries = [...seenDeliveries(staticData), key].slice(-SEEN_DELIVERIES_LIMIT);
}
