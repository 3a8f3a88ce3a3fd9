import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { runItems } from '../../nodes/shared/actions/runItems';
import { SlotDemand } from '../../nodes/shared/actions/slotDemand';
import type { PollSchedule } from '../../nodes/shared/tasks/pollSchedule';
import { TaskWatcher } from '../../nodes/shared/tasks/polling';
import type { LiangXinTask } from '../../nodes/shared/tasks/task';
import { statusOfState } from '../../nodes/shared/tasks/task';
import { CreatePacer } from '../../nodes/shared/transport/pacing';

const node = { name: 'LiangXin', type: 'liangXinNanoBananaPro', typeVersion: 1, position: [0, 0], parameters: {} } as unknown as INode;

/** The parts of n8n's execution context that runItems reads. */
const executionContext = (itemCount: number) =>
	({
		getInputData: () => Array.from({ length: itemCount }, () => ({ json: {} })),
		continueOnFail: () => false,
		getExecutionCancelSignal: () => undefined,
		getNode: () => node,
	}) as unknown as IExecuteFunctions;

const answer = (taskId: string, done: boolean, durationMs: number): LiangXinTask => ({
	taskId,
	model: 'nano-banana-pro',
	state: done ? 'success' : 'generating',
	status: statusOfState(done ? 'success' : 'generating'),
	imageUrls: [],
	failCode: '',
	failMsg: '',
	costTime: done ? durationMs : null,
	createTime: null,
	completeTime: null,
	input: null,
});

export interface SimulatedTask {
	createdAt: number;
	finishedAt: number;
	seenAt: number;
	polls: number;
}

export interface SimulatedBatch {
	tasks: SimulatedTask[];
	/** When the batch ended: its last task seen final. */
	endAt: number;
	recordInfoCalls: number;
	lastCreateAt: number;
	/** Seconds (sampled each second) in which an item waited for a slot that a finished task would free. */
	slotWantedSeconds: number;
}

/**
 * Runs a Create & Wait batch as the node does (runItems' in-flight slots, the execution's create pacing,
 * one TaskWatcher on `schedule`) against a LiangXin whose k-th created task takes `durationsMs[k]`, in
 * fake time (jest's modern fake timers must be on): createTask and recordInfo answer at once.
 */
export async function simulateBatch(durationsMs: number[], schedule: PollSchedule, concurrency = 100, createsPerWindow = 20): Promise<SimulatedBatch> {
	const start = Date.now();
	const pacer = new CreatePacer(createsPerWindow);
	const slots = new SlotDemand();
	const watcher = new TaskWatcher({ schedule, slots });
	const tasks: SimulatedTask[] = [];
	const create = async () => {
		const slot = await pacer.acquire();
		pacer.answered(slot);
	};
	const run = async (): Promise<INodeExecutionData> => {
		await slots.creates(create);
		const index = tasks.length;
		const task: SimulatedTask = { createdAt: Date.now() - start, finishedAt: Date.now() - start + durationsMs[index], seenAt: NaN, polls: 0 };
		tasks.push(task);
		await watcher.waitFor(`t${index}`, {
			fetchTask: async () => {
				task.polls++;
				return answer(`t${index}`, Date.now() - start >= task.finishedAt, durationsMs[index]);
			},
			maxWaitMs: 30 * 60_000,
		});
		task.seenAt = Date.now() - start;
		return { json: {} };
	};
	const done = runItems(executionContext(durationsMs.length), { concurrency, prepare: async () => slots.queued(), run });
	let slotWantedSeconds = 0;
	while (tasks.length < durationsMs.length || tasks.some((task) => Number.isNaN(task.seenAt))) {
		await jest.advanceTimersByTimeAsync(1000);
		if (slots.wanted) slotWantedSeconds++;
	}
	await done;
	return {
		tasks,
		endAt: Math.max(...tasks.map((task) => task.seenAt)),
		recordInfoCalls: tasks.reduce((sum, task) => sum + task.polls, 0),
		lastCreateAt: Math.max(...tasks.map((task) => task.createdAt)),
		slotWantedSeconds,
	};
}
