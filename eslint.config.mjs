import communityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import jsoncParser from 'jsonc-eslint-parser';
import tseslint from 'typescript-eslint';

// eslint-plugin-n8n-nodes-base ships eslintrc-style configs; flat config needs the plugin object.
const n8nBase = (config) => ({ plugins: { 'n8n-nodes-base': n8nNodesBase }, rules: n8nNodesBase.configs[config].rules });

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', '*.js', '*.mjs'] },
	{
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser: tseslint.parser, parserOptions: { project: './tsconfig.json' } },
		plugins: { '@typescript-eslint': tseslint.plugin },
		rules: { ...tseslint.configs.recommended.at(-1).rules },
	},
	// `recommended` is n8n's Cloud set (restricted globals and imports included), not
	// `recommendedWithoutN8nCloudSupport`.
	{ ...communityNodes.configs.recommended, files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'package.json'] },
	{
		// n8n's import rule lets devDependencies through, for packages that bundle them. This one ships
		// tsc's output unbundled, so only what n8n itself provides may be imported at runtime.
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							regex: '^(?!(n8n-workflow|zod|node:crypto)$|\\.\\.?/)',
							message: 'Nodes and credentials may import only n8n-workflow, zod, node:crypto and relative paths.',
						},
					],
				},
			],
		},
	},
	{ files: ['package.json'], languageOptions: { parser: jsoncParser }, ...n8nBase('community') },
	{ files: ['credentials/**/*.ts'], ...n8nBase('credentials') },
	{ files: ['nodes/**/*.ts'], ...n8nBase('nodes') },
	{
		// Rules of the older plugin that contradict n8n's current community rules: connection types
		// are NodeConnectionTypes constants now, and documentation URLs are full URLs outside n8n's repo.
		files: ['nodes/**/*.ts', 'credentials/**/*.ts'],
		rules: {
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		// The workbench (sandbox, n8n runtime, bench, ...): CommonJS that tsc checks through its JSDoc types
		// (tsconfig.json: allowJs, checkJs). Functions stay short enough to read in one screen, comments included.
		files: ['tools/**/*.js'],
		languageOptions: { parser: tseslint.parser, sourceType: 'commonjs', parserOptions: { project: './tsconfig.json' } },
		plugins: { '@typescript-eslint': tseslint.plugin },
		rules: {
			...tseslint.configs.recommended.at(-1).rules,
			'@typescript-eslint/no-require-imports': 'off',
			'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: false }],
		},
	},
];
