import { RESUMED_KEPT_MS, throughResumeGate } from '../../../../nodes/shared/actions/resumeGate';

type Answer = 'resumed' | 'waiting' | 'already resumed';

/** A callback handler that records when it ran and answers `answer` after `ms`. */
function handler(log: string[], name: string, answer: Answer, ms = 20) {
	return {
		handle: async (): Promise<Answer> => {
			log.push(`${name} start`);
			await new Promise((resolve) => setTimeout(resolve, ms));
			log.push(`${name} end`);
			return answer;
		},
		resumed: (result: Answer) => result === 'resumed',
		alreadyResumed: (): Answer => 'already resumed',
	};
}

let pauseCount = 0;
const newPauseId = () => `pause-${++pauseCount}`;

describe('the resume gate: callbacks of one pause in one process', () => {
	it('handles them one at a time, in the order they came', async () => {
		const log: string[] = [];
		const pauseId = newPauseId();
		await Promise.all(['a', 'b', 'c'].map((name) => throughResumeGate(pauseId, handler(log, name, 'waiting'))));
		expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
	});

	it('answers the callbacks queued behind a resume at once, without handling them', async () => {
		const log: string[] = [];
		const pauseId = newPauseId();
		const answers = await Promise.all([
			throughResumeGate(pauseId, handler(log, 'first', 'waiting')),
			throughResumeGate(pauseId, handler(log, 'last task', 'resumed')),
			throughResumeGate(pauseId, handler(log, 'late copy', 'resumed')),
			throughResumeGate(pauseId, handler(log, 'later copy', 'resumed')),
		]);
		expect(answers).toEqual(['waiting', 'resumed', 'already resumed', 'already resumed']);
		expect(log).toEqual(['first start', 'first end', 'last task start', 'last task end']);
	});

	it('handles a callback again once the resume is older than RESUMED_KEPT_MS (n8n may have refused it)', async () => {
		const log: string[] = [];
		const pauseId = newPauseId();
		let now = 1_000_000;
		const at = (name: string, answer: Answer) => ({ ...handler(log, name, answer, 1), now: () => now });
		await throughResumeGate(pauseId, at('resume', 'resumed'));
		now += RESUMED_KEPT_MS - 1;
		expect(await throughResumeGate(pauseId, at('soon after', 'waiting'))).toBe('already resumed');
		now += 1;
		expect(await throughResumeGate(pauseId, at('much later', 'resumed'))).toBe('resumed');
		expect(log).toEqual(['resume start', 'resume end', 'much later start', 'much later end']);
	});

	it('lets a failing handler pass the turn on', async () => {
		const pauseId = newPauseId();
		const failing = { ...handler([], 'x', 'waiting'), handle: async (): Promise<Answer> => Promise.reject(new Error('LiangXin unreachable')) };
		const outcomes = await Promise.allSettled([throughResumeGate(pauseId, failing), throughResumeGate(pauseId, handler([], 'next', 'resumed'))]);
		expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'fulfilled']);
	});

	it('does not make the callbacks of another pause wait', async () => {
		const log: string[] = [];
		const slow = throughResumeGate(newPauseId(), handler(log, 'slow pause', 'waiting', 200));
		await throughResumeGate(newPauseId(), handler(log, 'other pause', 'waiting', 1));
		expect(log).toEqual(['slow pause start', 'other pause start', 'other pause end']);
		await slow;
	});
});
