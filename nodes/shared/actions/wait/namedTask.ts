import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import { VERIFY_BUDGET } from '../../tasks/callbackAnswer';
import { LiangXinClient } from '../../transport/client';
import type { Pause, PausedItem } from './pausedTasks';
import { askAbout, deadlineOf } from './pausedTasks';
import type { ResumeGate } from './resumeGate';

/**
 * The item whose task a callback's body names (`data.taskId`, as recordInfo answers), if it is one
 * of the pause's: only which task to ask about first, nothing else of the body is read.
 */
export function namedItem(context: IWebhookFunctions, items: PausedItem[]): number | undefined {
	const { data } = (context.getBodyData() as IDataObject | undefined) ?? {};
	const taskId = typeof data === 'object' && data !== null ? (data as { taskId?: unknown }).taskId : undefined;
	if (typeof taskId !== 'string') return undefined;
	const itemIndex = items.findIndex((item) => item.taskId === taskId);
	return itemIndex >= 0 ? itemIndex : undefined;
}

/**
 * Whether a callback naming `itemIndex` leaves the pause waiting without a turn: its task is known
 * final, or asked about now beside the turn (if not too many are at it), and a task found running
 * lately still holds the pause. Most callbacks end here; a task found running past its Max Wait, or
 * every task final, is left to the check in turn.
 */
export async function waitsWithoutTurn(context: IWebhookFunctions, { items }: Pause, gate: ResumeGate, itemIndex: number): Promise<boolean> {
	const { known } = gate;
	const deadline = deadlineOf(items);
	if (!known.isKnownFinal(itemIndex)) {
		const answer = await gate.besideTurn(async () => await askAbout(await LiangXinClient.connect(context), items, known, itemIndex, { budget: VERIFY_BUDGET }));
		if (!answer || answer.pastMaxWait) return false;
		if (answer.task.status === 'pending') return true;
	}
	return known.trustsRunning(deadline);
}
