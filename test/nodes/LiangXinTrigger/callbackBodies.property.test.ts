import { LiangXinApi } from '../../../credentials/LiangXinApi.credentials';
import { LiangXinTrigger } from '../../../nodes/LiangXinTrigger/LiangXinTrigger.node';
import { useSandbox } from '../../helpers/liangxin';
import { runWebhook, type RunWebhookResult, type WebhookRequest } from '../../helpers/n8n';
import { RandomJson } from '../../helpers/randomJson';

/** The trigger's documented answers: emitted, 200 (acknowledged), 400 (not a task), 503 (send again). */
function expectDocumentedOutcome(delivered: RunWebhookResult) {
	expect(delivered.error).toBeUndefined();
	if (delivered.emitted.length) {
		expect(delivered.emitted).toHaveLength(1);
		const { taskId } = delivered.emitted[0].json;
		expect(typeof taskId === 'string' && taskId.length > 0).toBe(true);
		expect(() => JSON.stringify(delivered.emitted)).not.toThrow();
		return 'emitted';
	}
	expect([200, 400, 503]).toContain(delivered.answered?.status);
	return String(delivered.answered?.status);
}

describe("the trigger's body handling on random bodies (property)", () => {
	const sandbox = useSandbox();

	async function deliverAll(seed: number, count: number, verifyWithApi: boolean) {
		const random = new RandomJson(seed);
		const outcomes: Record<string, number> = {};
		for (let index = 0; index < count; index++) {
			const text = random.body();
			// n8n parses JSON bodies; other content types reach the node as raw bytes.
			const request: WebhookRequest = random.chance(0.3) ? { body: {}, rawBody: Buffer.from(text) } : { body: JSON.parse(text) };
			const delivered = await runWebhook({
				node: new LiangXinTrigger(),
				parameters: { verifyWithApi, options: { includeRaw: true } },
				request,
				credentials: { liangXinApi: { apiKey: sandbox().apiKey, baseUrl: sandbox().baseUrl } },
				credentialTypes: [new LiangXinApi()],
			});
			const outcome = expectDocumentedOutcome(delivered);
			outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
		}
		return outcomes;
	}

	it('without verification: emits a task with an ID, or answers 200 or 400; never throws', async () => {
		const outcomes = await deliverAll(7, 300, false);
		expect(outcomes.emitted).toBeGreaterThan(10);
		expect(outcomes['200']).toBeGreaterThan(30);
		expect(outcomes['400']).toBeGreaterThan(30);
	}, 60_000);

	it('with verification: the same, and a task LiangXin does not know is answered 503', async () => {
		const outcomes = await deliverAll(8, 100, true);
		expect(outcomes['400']).toBeGreaterThan(10);
		expect(outcomes['503']).toBeGreaterThan(10);
		expect(outcomes.emitted).toBeUndefined();
	}, 60_000);
});
