'use strict';
// `node -r ./test/helpers/register-ts.js child.ts`: lets a test's child process (a plain Node process,
// not Jest) require the TypeScript sources. Each .ts file is transpiled on require by the project's own
// TypeScript compiler, without type checking (tsc and ts-jest check them).
const fs = require('node:fs');
const ts = require('typescript');

const COMPILER_OPTIONS = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };

require.extensions['.ts'] = (module, filename) => {
	const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions: COMPILER_OPTIONS, fileName: filename });
	module._compile(outputText, filename);
};
