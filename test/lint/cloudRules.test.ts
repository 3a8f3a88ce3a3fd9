// n8n Cloud's rules for node code, as `npm run lint` applies them (eslint.config.mjs): snippets are
// linted as if they were a file of nodes/ or credentials/.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../..');
// A snippet is linted as the text of one of these files.
const FILES = { nodes: 'nodes/shared/transport/slots.ts', credentials: 'credentials/LiangXinApi.credentials.ts' };

const FORBIDDEN_GLOBALS = {
	setTimeout: 'setTimeout(() => undefined, 1);',
	setInterval: 'setInterval(() => undefined, 1);',
	process: 'export const home = process.env.HOME;',
	globalThis: 'export const global = globalThis;',
};
const FORBIDDEN_MODULES = ['node:fs', 'fs', 'node:http', 'axios', 'n8n-core', '@n8n/di'];
const FORBIDDEN = [
	...Object.values(FORBIDDEN_GLOBALS),
	...FORBIDDEN_MODULES.map((module, index) => `import * as imported${index} from '${module}';`),
	`export const used = [${FORBIDDEN_MODULES.map((_module, index) => `imported${index}`)}];`,
];
const ALLOWED = [
	"import { sleep } from 'n8n-workflow';",
	"import { z } from 'zod';",
	"import { randomUUID } from 'node:crypto';",
	"import { normalizeBaseUrl } from '../shared/transport';",
	'export const used = [sleep, z, randomUUID, normalizeBaseUrl];',
];

interface LintMessage {
	line: number;
	ruleId: string | null;
	message: string;
}

/**
 * Lints each snippet with the repository's ESLint config, in one ESLint process. Without the
 * TypeScript program behind it (parserOptions.project), which costs most of a type-aware run: the
 * Cloud rules read the syntax only, and a rule of the config that needs types would fail the run.
 */
function lintSnippets(snippets: Array<{ file: string; lines: string[] }>): LintMessage[][] {
	const script = `
		const { ESLint } = require('eslint');
		const snippets = JSON.parse(require('node:fs').readFileSync(0, 'utf8'));
		const eslint = new ESLint({ overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parserOptions: { project: false } } }] });
		Promise.all(snippets.map(async ({ file, lines }) => (await eslint.lintText(lines.join('\\n') + '\\n', { filePath: file }))[0].messages))
			.then((results) => process.stdout.write(JSON.stringify(results)));`;
	const run = spawnSync(process.execPath, ['-e', script], { cwd: REPO_ROOT, input: JSON.stringify(snippets), encoding: 'utf8' });
	if (run.status !== 0) throw new Error(`ESLint failed: ${run.stderr}`);
	return JSON.parse(run.stdout) as LintMessage[][];
}

const folders = Object.entries(FILES);
let results: Record<string, { forbidden: LintMessage[]; allowed: LintMessage[] }>;

beforeAll(() => {
	const messages = lintSnippets(folders.flatMap(([, file]) => [{ file, lines: FORBIDDEN }, { file, lines: ALLOWED }]));
	results = Object.fromEntries(folders.map(([folder], index) => [folder, { forbidden: messages[2 * index], allowed: messages[2 * index + 1] }]));
}, 180_000);

describe.each(folders.map(([folder]) => folder))('n8n Cloud rules in %s/', (folder) => {
	const rulesOnLine = (line: number) => results[folder].forbidden.filter((message) => message.line === line);

	it.each(Object.keys(FORBIDDEN_GLOBALS).map((name, index) => [name, index + 1]))('forbid the global %s', (name, line) => {
		expect(rulesOnLine(line)).toContainEqual(
			expect.objectContaining({ ruleId: '@n8n/community-nodes/no-restricted-globals', message: expect.stringContaining(`'${name}'`) }),
		);
	});

	it.each(FORBIDDEN_MODULES.map((module, index) => [module, Object.keys(FORBIDDEN_GLOBALS).length + index + 1]))(
		'forbid importing %s',
		(_module, line) => {
			expect(rulesOnLine(line).map((message) => message.ruleId)).toContain('no-restricted-imports');
		},
	);

	it('allow n8n-workflow, zod, node:crypto and relative imports', () => {
		expect(results[folder].allowed.filter((message) => /restricted/.test(message.ruleId ?? ''))).toEqual([]);
	});
});
