// examples/pause-until-callback.json in a real n8n, run as a user runs it from the editor: the images
// arrive on Images Ready when LiangXin calls back, and when no callback comes by Max Wait the If node
// sends the flagged items to Get the Late Images, which waits for them and downloads their images. The
// only change to the file: n8n's webhook URL is local plain HTTP here, so the run allows a local one.
import { createApiKey, executionDetails, untilExecution, withStatus } from './queue/executions';
import type { OutputItem } from './runtime';
import { SETUP_TIMEOUT_MS, useRealN8n } from './suite';
import { example, nodeNamed, type Workflow } from './workflows';

const FILE = 'pause-until-callback.json';
const TRIGGER = "When clicking 'Execute workflow'";

const realN8n = useRealN8n('e2e-pause-example', { sandboxOptions: { taskDurationMs: 3000 } });

/** The example as a user imports it, allowed to pause on a local n8n; `change` edits it further. */
function exampleWorkflow(change: (workflow: Workflow) => void = () => {}): Workflow {
	const workflow = example(FILE, realN8n().credentials[0]);
	const generate = nodeNamed(workflow, 'Generate Images').parameters as { options: Record<string, unknown> };
	generate.options.allowLocalCallbackUrl = true;
	change(workflow);
	return workflow;
}

const promptsOf = (workflow: Workflow) => JSON.parse(String(nodeNamed(workflow, 'Prompts').parameters.jsonOutput)).prompts as Array<{ prompt: string }>;

describe('examples/pause-until-callback.json', () => {
	let apiKey: string;

	beforeAll(async () => {
		const { n8n } = realN8n();
		await n8n.start();
		await n8n.rest.setupOwnerAndLogin();
		apiKey = await createApiKey(n8n);
	}, SETUP_TIMEOUT_MS);

	/** Saves the workflow, runs it as the editor's Execute Workflow button does, and waits until it ends. */
	async function run(workflow: Workflow, timeoutMs: number) {
		const { n8n } = realN8n();
		const { id: workflowId } = (await n8n.rest.ok('POST', '/rest/workflows', workflow)).data;
		const started = await n8n.rest.ok('POST', `/rest/workflows/${workflowId}/run`, { triggerToStartFrom: { name: TRIGGER } });
		const id = String(started.data.executionId);
		await untilExecution(n8n, workflowId, id, withStatus('success'), timeoutMs);
		return await executionDetails(n8n, apiKey, id);
	}

	async function expectImages(items: OutputItem[]) {
		const { n8n, sandbox } = realN8n();
		for (const item of items) {
			expect(item.json).toMatchObject({ status: 'success' });
			expect(n8n.readBinary(item.binary!.data).equals(await sandbox.imageBytes(item.json.taskId as string))).toBe(true);
		}
	}

	test('the callbacks resume the paused run, and every image arrives on Images Ready', async () => {
		const workflow = exampleWorkflow();
		const details = await run(workflow, 120_000);
		const ready = details.items('Images Ready');
		expect(ready.map((item) => item.json.input?.prompt)).toEqual(promptsOf(workflow).map(({ prompt }) => prompt));
		await expectImages(ready);
		expect(details.ran('Get the Late Images')).toBe(false);
		expect(realN8n().sandbox.createCalls().every((call) => /\/webhook-waiting\//.test(String((call.body as { callBackUrl?: string }).callBackUrl)))).toBe(true);
	}, 180_000);

	test('with every callback lost, Max Wait sends the items to Get the Late Images, which delivers their images', async () => {
		const workflow = exampleWorkflow((copy) => {
			const prompts = promptsOf(copy).map(({ prompt }) => ({ prompt: `${prompt} [no-callback]` }));
			nodeNamed(copy, 'Prompts').parameters.jsonOutput = JSON.stringify({ prompts });
			(nodeNamed(copy, 'Generate Images').parameters as { options: Record<string, unknown> }).options.maxWaitMinutes = 0.05;
		});
		// n8n looks for pauses due within the next 70 s once a minute.
		const details = await run(workflow, 150_000);
		expect(details.ran('Images Ready')).toBe(false);
		const late = details.items('Get the Late Images');
		expect(late).toHaveLength(2);
		await expectImages(late);
	}, 240_000);
});
