import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * The product's layers, lowest first: a file may import from its own layer or a lower one only.
 * A file's layer is that of the longest folder below that holds it. docs/development.md draws them.
 */
const LAYERS: ReadonlyArray<[folder: string, layer: number]> = [
	['nodes/shared/util', 0],
	['nodes/shared/platform', 1],
	['nodes/shared/transport', 2],
	['nodes/shared/tasks', 3],
	['nodes/shared/models', 4],
	['nodes/shared/output', 5],
	['nodes/shared/parameters', 6],
	['nodes/shared/actions', 7],
	['nodes/shared/node', 8],
	['nodes', 9],
	['credentials', 9],
];

/** The most lines a product file may have. */
const MAX_LINES = 200;

function sourceFiles(dir: string): string[] {
	return fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
		const file = `${dir}/${entry.name}`;
		if (entry.isDirectory()) return sourceFiles(file);
		return entry.name.endsWith('.ts') ? [file] : [];
	});
}

const FILES = [...sourceFiles('nodes'), ...sourceFiles('credentials')];

function layerOf(file: string): number {
	const match = LAYERS.filter(([folder]) => file.startsWith(`${folder}/`)).sort((a, b) => b[0].length - a[0].length)[0];
	if (!match) throw new Error(`${file} is in no layer: add its folder to LAYERS`);
	return match[1];
}

/** Every relative import of a file (types and re-exports included), resolved to a file of the repository. */
function importsOf(file: string): string[] {
	const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
	const specifiers = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"](\.\.?\/[^'"]+)['"]/g)].map((match) => match[1]);
	return specifiers.map((specifier) => {
		const base = path.posix.join(path.posix.dirname(file), specifier);
		const target = [`${base}.ts`, `${base}/index.ts`, base].find((candidate) => fs.existsSync(path.join(REPO_ROOT, candidate)));
		if (!target) throw new Error(`${file} imports ${specifier}, which resolves to no file`);
		return target;
	});
}

const GRAPH = new Map(FILES.map((file) => [file, importsOf(file).filter((target) => target.endsWith('.ts'))]));

/** The import cycles of the graph: its strongly connected components of more than one file, or a file importing itself. */
function cycles(graph: Map<string, string[]>): string[][] {
	let counter = 0;
	const index = new Map<string, number>();
	const lowLink = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const found: string[][] = [];
	const visit = (file: string) => {
		index.set(file, counter);
		lowLink.set(file, counter++);
		stack.push(file);
		onStack.add(file);
		for (const target of graph.get(file) ?? []) {
			if (!index.has(target)) {
				visit(target);
				lowLink.set(file, Math.min(lowLink.get(file)!, lowLink.get(target)!));
			} else if (onStack.has(target)) lowLink.set(file, Math.min(lowLink.get(file)!, index.get(target)!));
		}
		if (lowLink.get(file) !== index.get(file)) return;
		const component: string[] = [];
		for (let member = stack.pop()!; ; member = stack.pop()!) {
			onStack.delete(member);
			component.push(member);
			if (member === file) break;
		}
		if (component.length > 1 || graph.get(file)?.includes(file)) found.push(component.sort());
	};
	for (const file of graph.keys()) if (!index.has(file)) visit(file);
	return found;
}

describe('the product is built in layers whose imports point down', () => {
	it('gives every file of nodes/ and credentials/ a layer', () => {
		expect(FILES.length).toBeGreaterThan(0);
		for (const file of FILES) expect(() => layerOf(file)).not.toThrow();
	});

	it('has no import from a lower layer to a higher one', () => {
		const upward = [...GRAPH].flatMap(([file, targets]) =>
			targets.filter((target) => layerOf(target) > layerOf(file)).map((target) => `${file} (layer ${layerOf(file)}) imports ${target} (layer ${layerOf(target)})`),
		);
		expect(upward).toEqual([]);
	});

	it('has no import cycle', () => {
		expect(cycles(GRAPH).map((cycle) => cycle.join(' <-> '))).toEqual([]);
	});

	it(`keeps every product file at ${MAX_LINES} lines or fewer`, () => {
		const long = FILES.map((file) => [file, fs.readFileSync(path.join(REPO_ROOT, file), 'utf8').split('\n').length - 1] as const)
			.filter(([, lines]) => lines > MAX_LINES)
			.map(([file, lines]) => `${file}: ${lines} lines`);
		expect(long).toEqual([]);
	});

	it('finds a cycle and an upward import where there is one', () => {
		const graph = new Map([
			['a.ts', ['b.ts']],
			['b.ts', ['a.ts']],
			['c.ts', []],
		]);
		expect(cycles(graph)).toEqual([['a.ts', 'b.ts']]);
		expect(layerOf('nodes/shared/util/x.ts')).toBeLessThan(layerOf('nodes/shared/transport/x.ts'));
	});
});

describe('tests mirror the source layout', () => {
	it('keeps no test file among the test helpers', () => {
		const helperTests = fs.readdirSync(path.join(REPO_ROOT, 'test/helpers'), { recursive: true }).filter((name) => String(name).endsWith('.test.ts'));
		expect(helperTests).toEqual([]);
	});

	it('keeps the tests of shared code in folders named like the source folders', () => {
		const testDirs = fs
			.readdirSync(path.join(REPO_ROOT, 'test/nodes/shared'), { recursive: true, withFileTypes: true })
			.filter((entry) => entry.isDirectory())
			.map((entry) => path.relative(path.join(REPO_ROOT, 'test'), path.join(entry.parentPath, entry.name)));
		const missing = testDirs.filter((dir) => !fs.existsSync(path.join(REPO_ROOT, dir)));
		expect(missing).toEqual([]);
	});
});
