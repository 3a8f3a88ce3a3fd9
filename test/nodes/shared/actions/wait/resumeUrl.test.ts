import type { IExecuteFunctions } from 'n8n-workflow';

import { checkResumeUrl } from '../../../../../nodes/shared/actions/wait/resumeUrl';
import { isLocalHost } from '../../../../../nodes/shared/util/network';

const context = { getNode: () => ({ name: 'LiangXin', type: 'liangXinImage', typeVersion: 1 }) } as unknown as IExecuteFunctions;
const SIGNATURE = `signature=${'a'.repeat(64)}`;

describe('Pause Until Callback refuses a resume URL LiangXin cannot reach', () => {
	test.each(['localhost', 'n8n.localhost', 'printer.local', '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.10', '169.254.169.254', '[::1]', '[fd00::1]', '[fe80::1]'])(
		'%s is local',
		(host) => expect(isLocalHost(host)).toBe(true),
	);

	test.each(['n8n.example.com', '8.8.8.8', '172.32.0.1', '[2606:4700:4700::1111]'])('%s is not', (host) => expect(isLocalHost(host)).toBe(false));

	test('a public HTTPS resume URL is accepted', () => {
		const url = checkResumeUrl(context, `https://n8n.example.com/webhook-waiting/7?${SIGNATURE}`, false);
		expect(url.hostname).toBe('n8n.example.com');
	});

	test.each([
		[`http://n8n.example.com/webhook-waiting/7?${SIGNATURE}`, 'is plain HTTP'],
		[`https://127.0.0.1:5678/webhook-waiting/7?${SIGNATURE}`, 'is local or private'],
	])('%s is refused, naming WEBHOOK_URL and never the signature', (resumeUrl, problem) => {
		let error: Error & { description?: string } = new Error('not thrown');
		try {
			checkResumeUrl(context, resumeUrl, false);
		} catch (thrown) {
			error = thrown as Error;
		}
		expect(error.message).toContain(problem);
		expect(error.description).toContain('WEBHOOK_URL');
		expect(error.description).toContain('Allow Local Callback URL (Testing)');
		expect(`${error.message} ${error.description}`).not.toContain('signature');
	});

	test('Allow Local Callback URL (Testing) lets a local plain-HTTP URL through', () => {
		expect(checkResumeUrl(context, `http://127.0.0.1:5678/webhook-waiting/7?${SIGNATURE}`, true).port).toBe('5678');
	});

	test('no resume URL at all is refused', () => {
		expect(() => checkResumeUrl(context, '', true)).toThrow('resume URL');
	});
});
