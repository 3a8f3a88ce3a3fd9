import { RESUMED_KEPT_MS, ResumeGate } from '../../../../nodes/shared/actions/resumeGate';

let pauseCount = 0;
const newPauseId = () => `pause-${++pauseCount}`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A resume that records when it ran and takes `ms` (its downloads). */
function resume(log: string[], name: string, ms = 20) {
	return async () => {
		log.push(`${name} start`);
		await pause(ms);
		log.push(`${name} end`);
		return `${name} resumed`;
	};
}
const alreadyResumed = () => 'already resumed';

describe('the resume gate: one resume per pause in this process', () => {
	it('runs one resume when several callbacks find every task final at once; the others answer at once', async () => {
		const log: string[] = [];
		const pauseId = newPauseId();
		const answers = await Promise.all(
			['last task', 'its copy', 'a late retry'].map((name) => ResumeGate.of(pauseId).resumeOnce(resume(log, name), alreadyResumed)),
		);
		expect(answers).toEqual(['last task resumed', 'already resumed', 'already resumed']);
		expect(log).toEqual(['last task start', 'last task end']);
	});

	it('tells a callback that comes during a resume, or shortly after, that the pause is resumed (so it checks nothing)', async () => {
		const pauseId = newPauseId();
		const resuming = ResumeGate.of(pauseId).resumeOnce(resume([], 'last task', 50), alreadyResumed);
		expect(await ResumeGate.of(pauseId).isResumed()).toBe(true);
		await resuming;
		expect(await ResumeGate.of(pauseId).isResumed()).toBe(true);
		expect(await ResumeGate.of(newPauseId()).isResumed()).toBe(false);
	});

	it('lets a callback resume again once the resume is older than RESUMED_KEPT_MS (n8n may have refused it)', async () => {
		const log: string[] = [];
		const pauseId = newPauseId();
		let now = 1_000_000;
		const clock = () => now;
		await ResumeGate.of(pauseId, clock).resumeOnce(resume(log, 'first', 1), alreadyResumed);
		now += RESUMED_KEPT_MS - 1;
		expect(await ResumeGate.of(pauseId, clock).resumeOnce(resume(log, 'soon after', 1), alreadyResumed)).toBe('already resumed');
		now += 1;
		expect(await ResumeGate.of(pauseId, clock).resumeOnce(resume(log, 'much later', 1), alreadyResumed)).toBe('much later resumed');
		expect(log).toEqual(['first start', 'first end', 'much later start', 'much later end']);
	});

	it('lets the next callback resume when a resume failed', async () => {
		const pauseId = newPauseId();
		const failing = async () => Promise.reject(new Error('download failed'));
		const outcomes = await Promise.allSettled([
			ResumeGate.of(pauseId).resumeOnce(failing, alreadyResumed),
			ResumeGate.of(pauseId).resumeOnce(resume([], 'next'), alreadyResumed),
		]);
		expect(outcomes).toEqual([
			{ status: 'rejected', reason: new Error('download failed') },
			{ status: 'fulfilled', value: 'next resumed' },
		]);
	});

	it('does not make the callbacks of another pause wait', async () => {
		const log: string[] = [];
		const slow = ResumeGate.of(newPauseId()).resumeOnce(resume(log, 'slow pause', 200), alreadyResumed);
		await ResumeGate.of(newPauseId()).resumeOnce(resume(log, 'other pause', 1), alreadyResumed);
		expect(log).toEqual(['slow pause start', 'other pause start', 'other pause end']);
		await slow;
	});
});
