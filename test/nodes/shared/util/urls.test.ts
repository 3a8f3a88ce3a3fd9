import type { IDataObject } from 'n8n-workflow';

import { maskQueryValues, originForDisplay, urlForDisplay } from '../../../../nodes/shared/util/urls';
import { runNanoBanana, useSandbox, visibleText } from '../../../helpers/liangxin';
import { fastestRunMs } from '../../../helpers/timing';

describe('maskQueryValues hides every query value of the URLs in a text', () => {
	it.each([
		['https://n8n.example.com/webhook/abc/liangxin?token=s3cret-value', 'https://n8n.example.com/webhook/abc/liangxin?token=***'],
		['https://n8n.example.com/webhook-waiting/7/callback?signature=0a1b', 'https://n8n.example.com/webhook-waiting/7/callback?signature=***'],
		['https://n8n.example.com/hook?a=1&token=s3cret&b=2#end', 'https://n8n.example.com/hook?a=***&token=***&b=***#end'],
		['{"callBackUrl":"https://h/x?token=s3cret"}', '{"callBackUrl":"https://h/x?token=***"}'],
		['{"callBackUrl":"https://h/x?signature=s3cret\\u0026item=2"}', '{"callBackUrl":"https://h/x?signature=***\\u0026item=***"}'],
		['callback to https://h/x?signature=s3cret refused', 'callback to https://h/x?signature=*** refused'],
		['https://n8n.example.com/hook', 'https://n8n.example.com/hook'],
		['what? no = here', 'what? no = here'],
	])('%s', (text, masked) => {
		expect(maskQueryValues(text)).toBe(masked);
	});

	it.each([
		['many empty parameters', `?token=${'&token='.repeat(15_000)}${'x'.repeat(100_000)}`],
		['names without a value', '?a'.repeat(100_000)],
		['JSON-escaped separators', '\\u0026'.repeat(100_000)],
	])('reads 100k characters of %s in linear time', (_case, text) => {
		expect(fastestRunMs(() => maskQueryValues(text))).toBeLessThan(100);
	});
});

describe('how errors name URLs', () => {
	it.each([
		['http://admin:password@127.0.0.1:5678/gateway?key=k#f', 'http://127.0.0.1:5678'],
		['https://api.liangxin.example', 'https://api.liangxin.example'],
		['not a url', '(not a URL)'],
		['file:///etc/passwd', '(not a URL)'],
	])('originForDisplay(%s) is %s', (url, shown) => {
		expect(originForDisplay(url)).toBe(shown);
	});

	it('originForDisplay resolves a relative location against a base', () => {
		expect(originForDisplay('/elsewhere?x=1', 'https://user:pw@api.example.com/v1')).toBe('https://api.example.com');
	});

	it('urlForDisplay keeps the path of a result URL, and drops its user info, query and fragment', () => {
		expect(urlForDisplay('https://u:p@files.example.com/a/b.png?sig=1#x')).toBe('https://files.example.com/a/b.png');
	});
});

describe('the Secret Token of a callback URL never reaches an output', () => {
	const sandbox = useSandbox({ taskDurationMs: 100 });
	const callbackUrl = 'https://n8n.example.com/webhook/abc/liangxin?token=s3cret-value';

	it('Create Task echoes the request with the token masked, and sends the real one', async () => {
		const result = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt: 'a masked boat', options: { callbackUrl } } });
		expect((sandbox().createCalls()[0].body as IDataObject).callBackUrl).toBe(callbackUrl);
		expect(result.output[0].json.request).toMatchObject({ callBackUrl: 'https://n8n.example.com/webhook/abc/liangxin?token=***' });
		expect(visibleText(result)).not.toContain('s3cret-value');
	});

	it("Get Task's Include Raw shows the param LiangXin echoes with the token masked", async () => {
		const created = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt: 'a masked boat', options: { callbackUrl } } });
		const got = await runNanoBanana(sandbox(), {
			parameters: { operation: 'getTask', taskId: String(created.output[0].json.taskId), options: { includeRaw: true } },
		});
		expect(JSON.stringify(got.output[0].json.raw)).toContain('token=***');
		expect(visibleText(got)).not.toContain('s3cret-value');
	});
});
