// The release path, which cannot run here: the GitHub workflows are parsed and their steps checked,
// and package.json and the tarball hold what n8n's verification expects.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

import { parse } from 'yaml';

const REPO_ROOT = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');

interface Step {
	uses?: string;
	run?: string;
	with?: Record<string, unknown>;
}
interface Workflow {
	on: Record<string, unknown>;
	permissions?: Record<string, string>;
	jobs: Record<string, { strategy?: { matrix?: Record<string, unknown[]> }; steps: Step[] }>;
}

const workflow = (name: string) => parse(read(`.github/workflows/${name}`)) as Workflow;
const steps = (parsed: Workflow) => Object.values(parsed.jobs).flatMap((job) => job.steps);
const runs = (parsed: Workflow) => steps(parsed).flatMap((step) => (step.run ? [step.run] : []));
const indexOfRun = (parsed: Workflow, command: string) => runs(parsed).findIndex((run) => run === command);

describe('ci.yml', () => {
	const ci = workflow('ci.yml');

	it('runs on every push to main and every pull request', () => {
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
	});

	it('tests on Node 20, 22 and 24', () => {
		expect(Object.values(ci.jobs).map((job) => job.strategy?.matrix?.['node-version'])).toEqual([[20, 22, 24]]);
		expect(steps(ci).find((step) => step.uses?.startsWith('actions/setup-node'))?.with?.['node-version']).toBe('${{ matrix.node-version }}');
	});

	it.each(['npm ci --ignore-scripts --no-audit --no-fund', 'npm run lint', 'npm run scan', 'npm run build', 'npm run test:unit'])('runs %s', (command) => {
		expect(runs(ci)).toContain(command);
	});
});

describe('publish.yml', () => {
	const publish = workflow('publish.yml');
	const publishCommand = 'npm publish --provenance --access public';

	it('runs on a version tag only', () => {
		expect(publish.on).toEqual({ push: { tags: ['v*'] } });
	});

	it('may request the OIDC token npm provenance needs', () => {
		expect(publish.permissions).toMatchObject({ 'id-token': 'write', contents: 'read' });
	});

	it('builds, lints, scans and tests before it publishes with provenance, last', () => {
		const publishAt = indexOfRun(publish, publishCommand);
		expect(publishAt).toBe(runs(publish).length - 1);
		for (const command of ['npm run build', 'npm run lint', 'npm run scan', 'npm run test:unit']) {
			const at = indexOfRun(publish, command);
			expect(at).toBeGreaterThanOrEqual(0);
			expect(at).toBeLessThan(publishAt);
		}
	});

	it('publishes only the version its tag names', () => {
		expect(runs(publish)[0]).toBe('test "v$(node -p "require(\'./package.json\').version")" = "$GITHUB_REF_NAME"');
	});
});

describe('package.json for n8n verification', () => {
	const pkg = JSON.parse(read('package.json'));

	it('refuses to publish an unbuilt, unlinted or unscanned package', () => {
		expect(pkg.scripts.prepublishOnly).toBe('npm run build && npm run lint && npm run scan');
	});

	it('names its repository, homepage, issues, MIT license and an author with an email', () => {
		const repository = 'https://github.com/n8n-nodes-liangxin/n8n-nodes-liangxin';
		expect(pkg).toMatchObject({
			license: 'MIT',
			homepage: `${repository}#readme`,
			repository: { type: 'git', url: `git+${repository}.git` },
			bugs: { url: `${repository}/issues` },
			author: { name: expect.any(String), email: expect.stringMatching(/^[^@\s]+@[^@\s]+$/) },
		});
		expect(pkg.keywords).toContain('n8n-community-node-package');
	});

	it('has no runtime dependencies and ships only dist/ and its index', () => {
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.files).toEqual(['dist', 'index.js']);
		expect(pkg.main).toBe('index.js');
	});

	it('packs only compiled code, icons and codex files, no sources, maps or type declarations', () => {
		const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO_ROOT, encoding: 'utf8' });
		const [{ files }] = JSON.parse(pack.stdout) as Array<{ files: Array<{ path: string }> }>;
		const unexpected = files
			.map((file) => file.path)
			.filter((file) => !['LICENSE', 'README.md', 'package.json', 'index.js'].includes(file) && !/^dist\/(nodes|credentials)\/.+\.(js|svg|node\.json)$/.test(file));
		expect(unexpected).toEqual([]);
	});
});

describe('CHANGELOG.md', () => {
	it('follows Keep a Changelog and describes the current version', () => {
		const changelog = read('CHANGELOG.md');
		const { version } = JSON.parse(read('package.json'));
		expect(changelog).toContain('[Keep a Changelog](https://keepachangelog.com/en/1.1.0/)');
		expect(changelog).toMatch(new RegExp(`^## \\[${version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'));
		expect(changelog).toContain(`[${version}]: https://github.com/n8n-nodes-liangxin/n8n-nodes-liangxin/releases/tag/v${version}`);
	});
});
