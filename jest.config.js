/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	testTimeout: 30_000,
	// One worker per core: the node tests poll on a scaled clock (test/helpers/pollTimeScale.ts), so the
	// suite is mostly CPU (loading n8n per file, ESLint); on 2 cores, 4 workers took as long and ~20% more CPU.
	maxWorkers: '100%',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/', '/test/e2e/'],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
};
