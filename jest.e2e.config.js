/**
 * End-to-end suite: a real n8n 2.41.1 (installed once into the user cache, ~6 min on the first run)
 * with this package installed from its tarball, against the LiangXin sandbox. Run serially:
 * `jest -c jest.e2e.config.js --runInBand`.
 * @type {import('jest').Config}
 */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/e2e'],
	testMatch: ['**/*.test.ts'],
	// Transpile only (no type-check in jest; `npm run typecheck` covers test/e2e).
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
	},
	testTimeout: 180_000,
	maxWorkers: 1,
};
