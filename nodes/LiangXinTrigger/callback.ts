import { createHash, timingSafeEqual } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import type { LiangXinTask, TaskStatus } from '../shared/task';

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
 * Remembers the task and state of each emitted callback in the workflow's static data, keeping the
 * most recent ones only. Answers false when this delivery was already emitted.
 */
export function rememberDelivery(staticData: IDataObject, task: LiangXinTask): boolean {
	const key = `${task.taskId}:${task.status}`;
	const seen = Array.isArray(staticData.seenDeliveries) ? (staticData.seenDeliveries as string[]) : [];
	if (seen.includes(key)) return false;
	staticData.seenDeliveries = [...seen, key].slice(-SEEN_DELIVERIES_LIMIT);
	return true;
}
