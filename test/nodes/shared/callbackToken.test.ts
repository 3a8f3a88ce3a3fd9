import type { IDataObject } from 'n8n-workflow';

import { maskCallbackToken } from '../../../nodes/shared/callbackToken';
import { runNanoBanana, useSandbox, visibleText } from '../../helpers/liangxin';

describe('finding 11: the Secret Token of a callback URL never reaches an output', () => {
	const sandbox = useSandbox({ taskDurationMs: 100 });
	const callbackUrl = 'https://n8n.example.com/webhook/abc/liangxin?token=s3cret-value';

	it.each([
		[callbackUrl, 'https://n8n.example.com/webhook/abc/liangxin?token=***'],
		['https://n8n.example.com/hook?a=1&token=s3cret&b=2#end', 'https://n8n.example.com/hook?a=1&token=***&b=2#end'],
		['{"callBackUrl":"https://h/x?token=s3cret"}', '{"callBackUrl":"https://h/x?token=***"}'],
		['https://n8n.example.com/hook?tokens=kept&mytoken=kept', 'https://n8n.example.com/hook?tokens=kept&mytoken=kept'],
		['https://n8n.example.com/hook', 'https://n8n.example.com/hook'],
	])('masks %s', (text, masked) => {
		expect(maskCallbackToken(text)).toBe(masked);
	});

	it('reads a 100k-character value in linear time', () => {
		const started = performance.now();
		maskCallbackToken(`?token=${'&token='.repeat(15_000)}${'x'.repeat(100_000)}`);
		expect(performance.now() - started).toBeLessThan(100);
	});

	it('Create Task echoes the request with the token masked, and sends the real one', async () => {
		const result = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt: 'a masked boat', callbackUrl } });
		expect((sandbox().createCalls()[0].body as IDataObject).callBackUrl).toBe(callbackUrl);
		expect(result.output[0].json.request).toMatchObject({ callBackUrl: 'https://n8n.example.com/webhook/abc/liangxin?token=***' });
		expect(visibleText(result)).not.toContain('s3cret-value');
	});

	it("Get Task's Include Raw shows the param LiangXin echoes with the token masked", async () => {
		const created = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt: 'a masked boat', callbackUrl } });
		const got = await runNanoBanana(sandbox(), {
			parameters: { operation: 'getTask', taskId: String(created.output[0].json.taskId), options: { includeRaw: true } },
		});
		expect(JSON.stringify(got.output[0].json.raw)).toContain('token=***');
		expect(visibleText(got)).not.toContain('s3cret-value');
	});
});
