import type { LiangXinTask } from '../../../../../nodes/shared/tasks/task';
import { MAX_HELD_CALLBACKS, RESUMED_KEPT_MS, ResumeGate } from '../../../../../nodes/shared/actions/wait/resumeGate';

type Answer = 'resumed' | 'waiting' | 'already resumed' | 'retry later';

/** A deadline that never passes. */
const noDeadline = () => new AbortController().signal;

let pauseCount = 0;
const newPauseId = () => `pause-${++pauseCount}`;

/** A callback whose check records when it ran and answers `answer` after `ms`. */
function callback(log: string[], name: string, answer: Answer, ms = 20) {
	return {
		handle: async (): Promise<Answer> => {
			log.push(`${name} start`);
			await new Promise((resolve) => setTimeout(resolve, ms));
			log.push(`${name} end`);
			return answer;
		},
		resumed: (result: Answer) => result === 'resumed',
		alreadyResumed: (): Answer => 'already resumed',
		retryLater: (): Answer => 'retry later',
	};
}

describe('the resume gate: the callbacks of one pause in one process', () => {
	it('are handled one at a time, in the order they came', async () => {
		const log: string[] = [];
		const gate = ResumeGate.of(newPauseId());
		await Promise.all(['a', 'b', 'c'].map((name) => gate.handle(callback(log, name, 'waiting'), noDeadline())));
		expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
	});

	it('answer at once, without checking, when queued behind the one that resumed', async () => {
		const log: string[] = [];
		const pauseId = newPauseId();
		const answers = await Promise.all([
			ResumeGate.of(pauseId).handle(callback(log, 'first', 'waiting'), noDeadline()),
			ResumeGate.of(pauseId).handle(callback(log, 'last task', 'resumed'), noDeadline()),
			ResumeGate.of(pauseId).handle(callback(log, 'its copy', 'resumed'), noDeadline()),
		]);
		answers.push(await ResumeGate.of(pauseId).handle(callback(log, 'a late retry', 'resumed'), noDeadline()));
		expect(answers).toEqual(['waiting', 'resumed', 'already resumed', 'already resumed']);
		expect(log).toEqual(['first start', 'first end', 'last task start', 'last task end']);
	});

	it('are checked again once the resume is older than RESUMED_KEPT_MS (n8n may have refused it)', async () => {
		const log: string[] = [];
		const pauseId = newPauseId();
		let now = 1_000_000;
		const gate = () => ResumeGate.of(pauseId, () => now);
		await gate().handle(callback(log, 'resume', 'resumed', 1), noDeadline());
		now += RESUMED_KEPT_MS - 1;
		expect(await gate().handle(callback(log, 'soon after', 'waiting', 1), noDeadline())).toBe('already resumed');
		now += 1;
		expect(await gate().handle(callback(log, 'much later', 'resumed', 1), noDeadline())).toBe('resumed');
		expect(log).toEqual(['resume start', 'resume end', 'much later start', 'much later end']);
	});

	it('pass the turn on when a check fails', async () => {
		const gate = ResumeGate.of(newPauseId());
		const failing = { ...callback([], 'x', 'waiting'), handle: async (): Promise<Answer> => await Promise.reject(new Error('LiangXin unreachable')) };
		const outcomes = await Promise.allSettled([gate.handle(failing, noDeadline()), gate.handle(callback([], 'next', 'resumed'), noDeadline())]);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled']);
	});

	it('keep what the checks of a pause found for the next one, and apart from other pauses', () => {
		const pauseId = newPauseId();
		ResumeGate.of(pauseId).known.record(7, { taskId: 'task_7', status: 'pending' } as LiangXinTask);
		expect(ResumeGate.of(pauseId).known.runningItem).toBe(7);
		expect(ResumeGate.of(newPauseId()).known.runningItem).toBeUndefined();
	});

	it(`are held at most ${MAX_HELD_CALLBACKS} at a time: one more is told at once to retry later, unchecked`, async () => {
		const log: string[] = [];
		const gate = ResumeGate.of(newPauseId());
		const held = Array.from({ length: MAX_HELD_CALLBACKS }, (_, index) => gate.handle(callback(log, `held ${index}`, 'waiting', 50), noDeadline()));
		expect(await gate.handle(callback(log, 'one too many', 'resumed'), noDeadline())).toBe('retry later');
		expect(log.filter((line) => line.endsWith(' end'))).toEqual([]);
		expect(await Promise.all(held)).toEqual(Array(MAX_HELD_CALLBACKS).fill('waiting'));
		expect(log).not.toContain('one too many start');
		expect(await gate.handle(callback(log, 'after them', 'resumed', 1), noDeadline())).toBe('resumed');
	});

	it('are told to retry later, unchecked, when their deadline passes before their turn; the next still waits its turn', async () => {
		const log: string[] = [];
		const gate = ResumeGate.of(newPauseId());
		const slow = gate.handle(callback(log, 'slow check', 'waiting', 200), noDeadline());
		const deadline = new AbortController();
		const impatient = gate.handle(callback(log, 'impatient', 'resumed'), deadline.signal);
		const next = gate.handle(callback(log, 'next', 'waiting', 1), noDeadline());
		deadline.abort();
		expect(await impatient).toBe('retry later');
		expect(log).toEqual(['slow check start']);
		await Promise.all([slow, next]);
		expect(log).toEqual(['slow check start', 'slow check end', 'next start', 'next end']);
	});

	it('do not make the callbacks of another pause wait', async () => {
		const log: string[] = [];
		const slow = ResumeGate.of(newPauseId()).handle(callback(log, 'slow pause', 'waiting', 200), noDeadline());
		await ResumeGate.of(newPauseId()).handle(callback(log, 'other pause', 'waiting', 1), noDeadline());
		expect(log).toEqual(['slow pause start', 'other pause start', 'other pause end']);
		await slow;
	});
});
