import { createHash, timingSafeEqual } from 'node:crypto';
import type { IDataObject } from 'n8n-workflow';

import type { TaskStatus } from '../shared/tasks/task';

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

/** Tasks whose callback this n8n process is handling right now. */
const tasksInFlight = new Set<string>();

/**
 * Deliveries this n8n process emitted lately. The workflow's static data is loaded when a callback
 * arrives and saved after it was answered, so a copy that arrives in between does not see it there.
 */
const recentlyEmitted = new Set<string>();

function seenDeliveries(staticData: IDataObject): string[] {
	return Array.isArray(staticData.seenDeliveries) ? (staticData.seenDeliveries as string[]) : [];
}

/** What one trigger node knows about the callbacks it received: keys are hashes, whatever the task ID. */
export class Deliveries {
	constructor(
		private readonly staticData: IDataObject,
		/** The workflow and node: the sets above are shared by every trigger of the process. */
		private readonly scope: string,
	) {}

	private key(...parts: string[]): string {
		return createHash('sha256').update(JSON.stringify([this.scope, ...parts])).digest('base64url');
	}

	wasEmitted(taskId: string, status: TaskStatus): boolean {
		const key = this.key(taskId, status);
		return recentlyEmitted.has(key) || seenDeliveries(this.staticData).includes(key);
	}

	/** Answers false while another copy of a callback about this task is being handled. */
	claim(taskId: string): boolean {
		const key = this.key(taskId);
		if (tasksInFlight.has(key)) return false;
		tasksInFlight.add(key);
		return true;
	}

	release(taskId: string) {
		tasksInFlight.delete(this.key(taskId));
	}

	/** Remembers an emitted delivery, here and in the workflow's static data, keeping the latest only. */
	record(taskId: string, status: TaskStatus) {
		const key = this.key(taskId, status);
		recentlyEmitted.add(key);
		for (const oldest of recentlyEmitted) {
			if (recentlyEmitted.size <= SEEN_DELIVERIES_LIMIT) break;
			recentlyEmitted.delete(oldest);
		}
		this.staticData.seenDeliveries = [...seenDeliveries(this.staticData), key].slice(-SEEN_DELIVERIES_LIMIT);
	}
}
