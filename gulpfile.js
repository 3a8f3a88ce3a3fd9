// Copies what tsc does not: node icons and codex files, next to the compiled nodes. `clean` empties
// dist/ first, so a file deleted from the source is not packed from an old build.
const fs = require('node:fs');
const { src, dest, task } = require('gulp');

task('clean', async () => fs.rmSync('dist', { recursive: true, force: true }));

task('build:assets', () =>
	src(['nodes/**/*.{svg,png,json}', 'credentials/**/*.{svg,png}'], { base: '.', encoding: false }).pipe(dest('dist')),
);
