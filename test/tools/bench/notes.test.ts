import { scenarioNotes } from '../../../tools/bench/notes';
import { SCENARIOS, sandboxOptionsOf } from '../../../tools/bench/scenarios';
import { VIDEO_DURATIONS } from '../../../tools/sandbox/options';

const durationsOf = (name: string) => sandboxOptionsOf(SCENARIOS.find((scenario) => scenario.name === name)!).taskDurations!;
const noteOf = (prefix: string) => scenarioNotes([]).find((note) => note.startsWith(prefix))!;

describe("RESULTS.md's scenario notes", () => {
	it('state the durations the sandbox is given for tail-50, n200 and n1000', () => {
		const { medianMs, sigma, longMinMs, maxMs } = durationsOf('tail-50');
		expect(noteOf('tail-50, n200, n1000')).toContain(
			`median ${medianMs / 1000} s and σ ${sigma} (of ln ms), 4 % of tasks instead uniform in ${longMinMs / 1000}-${maxMs / 1000} s, capped at ${maxMs / 1000} s`,
		);
	});

	it("state mixed-50's resolution factors and cap as the sandbox is given them", () => {
		const { resolutionFactors, maxMs } = durationsOf('mixed-50');
		expect(noteOf('mixed-50')).toBe(
			`mixed-50: items alternate 1K and 4K; durations as in tail-50 times ${resolutionFactors!['1K']} (1K) or ${resolutionFactors!['4K']} (4K), capped at ${maxMs / 1000} s.`,
		);
	});

	it("state video-20's durations as the sandbox's default video durations", () => {
		const { medianMs, longShare, longMinMs, maxMs, minMs } = VIDEO_DURATIONS;
		const minutes = (ms: number) => ms / 60_000;
		expect(noteOf('video-20')).toContain(
			`each a video of ${minutes(minMs!)}-${minutes(maxMs)} min (the sandbox's videoDurations: log-normal, median ${minutes(medianMs)} min, ${longShare * 100} % uniform in ${minutes(longMinMs)}-${minutes(maxMs)} min;`,
		);
	});
});
