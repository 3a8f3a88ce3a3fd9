import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const SCRIPT = path.resolve(__dirname, '../../../tools/test-runner/ensure-chromium.js');
const run = (chromium: string) =>
	spawnSync(process.execPath, [SCRIPT], { env: { ...process.env, LIANGXIN_CHROMIUM: chromium }, encoding: 'utf8' });

describe('npm test finds the Chromium the editor test needs', () => {
	it('accepts a Chromium that is there', () => {
		expect(run(process.execPath).status).toBe(0);
	});

	it('fails with the command to run when it is missing and must not be installed here', () => {
		const result = run('/nonexistent/chromium');
		expect(result.status).toBe(1);
		expect(result.stderr).toContain('The editor test needs Chromium at /nonexistent/chromium');
		expect(result.stderr).toContain('sudo apt-get update && sudo apt-get install -y chromium');
	});
});
