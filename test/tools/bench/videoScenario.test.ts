import * as path from 'node:path';

import { BENCH_DIR, workflowFor } from '../../../tools/bench/instances';
import { planRuns, SCENARIOS, sandboxOptionsOf, VIDEO_TIME_SCALE } from '../../../tools/bench/scenarios';
import { VARIANTS } from '../../../tools/bench/variants';
import { startSandbox, type Sandbox } from '../../../tools/sandbox';

const video20 = SCENARIOS.find((scenario) => scenario.name === 'video-20')!;
const selection = { quick: false, large: false, only: ['video-20'], variants: null, without: [] };
const instance = { credentials: { liangXin: { id: 'liangxin-id' }, headerAuth: { id: 'header-id' } } } as Parameters<typeof workflowFor>[1]['instance'];

describe('the video-20 bench scenario', () => {
	let sandbox: Sandbox;
	beforeAll(async () => (sandbox = await startSandbox()));
	afterAll(() => sandbox.close());

	it('draws 20 kling-v3-pro videos of 1.4 to 6.0 minutes, 3 of them over 4, and runs them at a quarter of their time', async () => {
		sandbox.configure(sandboxOptionsOf(video20));
		const minutes: number[] = [];
		for (let index = 0; index < video20.items; index++) {
			const created = await fetch(`${sandbox.baseUrl}/api/v1/jobs/createTask`, {
				method: 'POST',
				headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
				body: JSON.stringify({ model: 'kling-v3-pro', input: { prompt: `clip ${index}` } }),
			});
			const { data } = (await created.json()) as { data: { taskId: string } };
			minutes.push(sandbox.tasks.get(data.taskId)!.durationMs / VIDEO_TIME_SCALE / 60_000);
		}
		expect(VIDEO_TIME_SCALE).toBe(1 / 4);
		expect(Math.min(...minutes)).toBeGreaterThan(1.35);
		expect(Math.max(...minutes)).toBeGreaterThan(5.9);
		expect(Math.max(...minutes)).toBeLessThanOrEqual(6);
		expect(minutes.filter((duration) => duration > 4)).toHaveLength(3);
	});

	it('runs the LiangXin Video node and the stock loop; variants without a video workflow are left out', () => {
		expect(planRuns(selection).plan.map((run) => run.variant)).toEqual(['node', 'stockLoop']);
		expect(planRuns({ ...selection, variants: ['node', 'plainSchedule', 'stockLoop'] }).plan.map((run) => run.variant)).toEqual(['node', 'stockLoop']);
	});

	it("gives the node the LiangXin Video node's workflow", () => {
		const workflow = workflowFor(path.join(BENCH_DIR, VARIANTS.node.videoWorkflow!), { name: 'video-20', prompts: ['a'], resolutionOf: () => '2K', instance, baseUrl: 'http://127.0.0.1:1' });
		const node = workflow.nodes.find((candidate: { name: string }) => candidate.name === 'LiangXin Video');
		expect(node).toMatchObject({ type: 'n8n-nodes-liangxin.liangXinVideo', parameters: { operation: 'createAndWait', prompt: '={{ $json.prompt }}' } });
		expect(node.credentials.liangXinApi.id).toBe('liangxin-id');
	});

	it("gives the stock loop the video model and scales its Wait like the sandbox's durations", () => {
		const file = path.join(BENCH_DIR, VARIANTS.stockLoop.videoWorkflow!);
		const workflow = workflowFor(file, { name: 'video-20', prompts: ['a', 'b'], resolutionOf: () => '2K', instance, baseUrl: 'http://127.0.0.1:1', timeScale: video20.timeScale });
		const node = (name: string) => workflow.nodes.find((candidate: { name: string }) => candidate.name === name);
		expect(node('Wait 15 s').parameters.amount).toBe(15 * VIDEO_TIME_SCALE);
		expect(node('Create Task').parameters.jsonBody).toContain("model: 'kling-v3-pro'");
		expect(node('Create Task').parameters.url).toBe('http://127.0.0.1:1/api/v1/jobs/createTask');
		expect(node('Download Video')).toBeDefined();
	});
});
