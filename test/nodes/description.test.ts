import * as path from 'node:path';

import { NodeHelpers } from 'n8n-workflow';
import type {
	ICredentialType,
	INode,
	INodeParameters,
	INodeProperties,
	INodePropertyCollection,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';

import packageJson from '../../package.json';

/**
 * What a no-code builder reads in the panels, checked on the descriptions n8n loads: every node and
 * credential the package declares, walked through every property, option and collection.
 */

const ROOT = path.join(__dirname, '..', '..');

/** The source module of a file package.json declares under `n8n` (dist/x.js is built from x.ts). */
const sourceOf = (distFile: string) => path.join(ROOT, distFile.replace(/^dist\//, '').replace(/\.js$/, ''));

function instanceOf<T>(distFile: string): T {
	const exported = Object.values(require(sourceOf(distFile)) as Record<string, new () => T>);
	return new exported[0]();
}

/** Every version's description of a node, whether one class serves all its versions or a VersionedNodeType. */
function descriptionsOf(node: INodeType & { nodeVersions?: Record<string, INodeType> }): INodeTypeDescription[] {
	if (node.nodeVersions) return Object.values(node.nodeVersions).map((version) => version.description);
	return [node.description];
}

const nodes = packageJson.n8n.nodes.flatMap((file) => descriptionsOf(instanceOf(file)));
const credentials = packageJson.n8n.credentials.map((file) => instanceOf<ICredentialType>(file));
const imageNodes = nodes.filter((node) => node.name !== 'liangXinVideo' && node.properties.some((property) => property.name === 'prompt'));
const nodeNamed = (name: string) => nodes.find((node) => node.name === name)!;

type Entry = INodeProperties | INodePropertyOptions | INodePropertyCollection;

interface Text {
	where: string;
	text: string;
}

const isProperty = (entry: Entry): entry is INodeProperties => 'type' in entry && 'displayName' in entry;
const isOption = (entry: Entry): entry is INodePropertyOptions => 'value' in entry;

/** Every property, at any depth (collections, fixed collections), with the path a user would follow to it. */
function* propertiesOf(entries: readonly Entry[], where: string): Generator<{ property: INodeProperties; where: string }> {
	for (const entry of entries) {
		const here = `${where} > ${'displayName' in entry ? entry.displayName : entry.name}`;
		if (isProperty(entry)) yield { property: entry, where: here };
		const children = [...(('options' in entry && entry.options) || []), ...(('values' in entry && entry.values) || [])];
		yield* propertiesOf(children as Entry[], here);
	}
}

/** Every text a user reads as a name or description (hints and placeholders may name the API's fields). */
function* textsOf(entries: readonly Entry[], where: string): Generator<Text> {
	for (const entry of entries) {
		const name = 'displayName' in entry ? entry.displayName : entry.name;
		const here = `${where} > ${name}`;
		yield { where: here, text: name };
		if ('description' in entry && entry.description) yield { where: `${here} (description)`, text: entry.description };
		if (isOption(entry) && entry.action) yield { where: `${here} (action)`, text: entry.action };
		const children = [...(('options' in entry && entry.options) || []), ...(('values' in entry && entry.values) || [])];
		yield* textsOf(children as Entry[], here);
	}
}

const allTexts: Text[] = [
	...nodes.flatMap((node) => [
		{ where: node.displayName, text: node.displayName },
		{ where: `${node.displayName} (description)`, text: node.description },
		...textsOf(node.properties, node.displayName),
	]),
	...credentials.flatMap((credential) => [...textsOf(credential.properties, credential.displayName)]),
];

const FORBIDDEN: Array<[string, RegExp]> = [
	['an input.* path', /\binput\./],
	['a snake_case identifier', /\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b/],
	['an API path', /\/api\/|\/jobs\/|\b(recordInfo|createTask|callBackUrl|resultJson|resultUrls|failCode|failMsg)\b/],
];

describe('the words of every panel', () => {
	it.each(FORBIDDEN)('no name or description contains %s', (_rule, pattern) => {
		const found = allTexts.filter(({ text }) => pattern.test(text)).map(({ where, text }) => `${where}: ${text}`);
		expect(found).toEqual([]);
	});

	it('every option name is in words, starting with a capital or a digit (no raw API value)', () => {
		const options = nodes.flatMap((node) =>
			[...propertiesOf(node.properties, node.displayName)].flatMap(({ property, where }) =>
				(property.type === 'options' || property.type === 'multiOptions' ? (property.options as INodePropertyOptions[]) : []).map(
					(option) => ({ where, name: option.name }),
				),
			),
		);
		expect(options.length).toBeGreaterThan(50);
		expect(options.filter(({ name }) => !/^[A-Z0-9]/.test(name))).toEqual([]);
	});

	it('every model is named by its product name, with its model value in the description', () => {
		const models = imageNodes.flatMap((node) =>
			node.properties
				.filter((property) => property.name === 'model' && property.type === 'options')
				.flatMap((property) => property.options as INodePropertyOptions[]),
		);
		expect(models.length).toBeGreaterThanOrEqual(10);
		for (const { name, value, description } of models.filter((model) => model.value !== 'other')) {
			expect({ value, name: name.includes(String(value)) || /^[a-z]/.test(name) ? 'the model value' : 'a product name' }).toEqual({
				value,
				name: 'a product name',
			});
			expect(description).toContain(String(value));
		}
		expect(models.map((model) => model.name)).toEqual(
			expect.arrayContaining(['Nano Banana Pro', 'Seedream 4.5', 'Imagen 4 Ultra', 'Flux 2 Pro', 'Z-Image']),
		);
	});

	it('the image nodes name their operations alike', () => {
		const operationNames = imageNodes.map((node) =>
			(node.properties.find((property) => property.name === 'operation')!.options as INodePropertyOptions[]).map(
				(option) => `${option.value}: ${option.name}`,
			),
		);
		expect(new Set(operationNames.map((names) => names.join(', '))).size).toBe(1);
		expect(operationNames[0]).toEqual(['createAndWait: Generate Image', 'createTask: Start Generation', 'getTask: Get Generation']);
	});

	it('the video node names them alike, generating a video', () => {
		const operations = nodeNamed('liangXinVideo').properties.find((property) => property.name === 'operation')!.options as INodePropertyOptions[];
		expect(operations.map((option) => `${option.value}: ${option.name}`)).toEqual(['createAndWait: Generate Video', 'createTask: Start Generation', 'getTask: Get Generation']);
	});
});

/** The subtitle as n8n's editor shows it for these parameters (a plain JavaScript expression). */
function subtitle(node: INodeTypeDescription, parameters: Record<string, unknown>): string {
	const expression = String(node.subtitle).replace(/^=\{\{/, '').replace(/\}\}$/, '');
	return String(new Function('$parameter', `return (${expression});`)(parameters));
}

describe('the subtitle reads in words', () => {
	it('image nodes: operation: model', () => {
		expect(subtitle(nodeNamed('liangXinImage'), { operation: 'createAndWait', model: 'flux-2-pro' })).toBe('Generate Image: Flux 2 Pro');
		expect(subtitle(nodeNamed('liangXinImage'), { operation: 'createTask', model: 'other', otherModel: 'seedream-v9' })).toBe(
			'Start Generation: seedream-v9',
		);
		expect(subtitle(nodeNamed('liangXinImage'), { operation: 'getTask' })).toBe('Get Generation');
		expect(subtitle(nodeNamed('liangXinNanoBananaPro'), { operation: 'createAndWait' })).toBe('Generate Image: Nano Banana Pro');
	});

	it('the video node: operation: model', () => {
		expect(subtitle(nodeNamed('liangXinVideo'), { operation: 'createAndWait', model: 'kling-v3-pro' })).toBe('Generate Video: Kling 3 Pro');
		expect(subtitle(nodeNamed('liangXinVideo'), { operation: 'createTask', model: 'other', otherModel: 'a-video-model' })).toBe('Start Generation: a-video-model');
	});

	it('the trigger: its events by name', () => {
		expect(subtitle(nodeNamed('liangXinTrigger'), { events: ['success', 'fail'] })).toBe('Task Succeeded, Task Failed');
	});
});

/**
 * LiangXin's documented defaults of the typed models' fields (liangxin-market.md §5). Every other field,
 * once added, starts empty and is not sent; a switch starts off.
 */
const DOCUMENTED_DEFAULTS: Record<string, Record<string, unknown>> = {
	'nano-banana-pro': { aspect_ratio: '1:1', resolution: '2K' },
	'nano-banana-pro-flash': { aspect_ratio: '1:1', resolution: '1K' },
	'seedream-v4-5': { aspect_ratio: 'square_1_1' },
	'z-image': { image_size: 'square_hd' },
	'imagen4-ultra': { aspect_ratio: 'square_1_1' },
	'flux-2-pro': { width: 1024, height: 768 },
};

/** Documented ranges: Imagen's seed at least 1 and quality 1-100, Flux's sides 256-1440. */
const DOCUMENTED_RANGES: Record<string, Record<string, [number | undefined, number | undefined]>> = {
	'imagen4-ultra': { seed: [1, undefined], compression_quality: [1, 100] },
	'flux-2-pro': { width: [256, 1440], height: [256, 1440] },
};

const emptyOf = (property: INodeProperties) => (property.type === 'boolean' ? false : property.type === 'number' ? null : '');

describe('a model setting added in the LiangXin Image node (defect: added fields started at their minimum)', () => {
	const image = nodeNamed('liangXinImage');
	const settings = image.properties.filter((property) => property.type === 'collection' && property.displayOptions?.show?.model);
	// The same settings appear once per operation that creates tasks: each is checked once.
	const byKey = new Map(
		settings.flatMap((collection) =>
			(collection.options as INodeProperties[]).map((field) => {
				const model = String(collection.displayOptions!.show!.model![0]);
				return [`${model} ${field.name}`, [model, field.name, field] as const];
			}),
		),
	);
	const cases = [...byKey.values()];

	it('covers every typed model', () => {
		expect(new Set(cases.map(([model]) => model))).toEqual(new Set(Object.keys(DOCUMENTED_DEFAULTS)));
	});

	it.each(cases)('%s: %s starts at the documented default, else empty', (model, name, field) => {
		expect(field.default).toEqual(DOCUMENTED_DEFAULTS[model][name] ?? emptyOf(field));
		if (field.type === 'options' && DOCUMENTED_DEFAULTS[model][name] === undefined) {
			expect((field.options as INodePropertyOptions[])[0]).toMatchObject({ value: '' });
		}
	});

	it.each(cases.filter(([, , field]) => field.type === 'number'))('%s: %s offers its documented range', (model, name, field) => {
		const [min, max] = DOCUMENTED_RANGES[model]?.[name] ?? [undefined, undefined];
		expect([field.typeOptions?.minValue, field.typeOptions?.maxValue]).toEqual([min, max]);
	});
});

describe('the trigger and the credential', () => {
	const trigger = nodeNamed('liangXinTrigger');

	it("the trigger's notice names both image nodes and both of its URLs", () => {
		const notice = trigger.properties.find((property) => property.type === 'notice')!.displayName;
		for (const words of ['LiangXin Image', 'LiangXin Nano Banana Pro', 'Production URL', 'Test URL']) {
			expect(notice).toContain(words);
		}
	});

	it('Download Images is shown only while callbacks are verified with LiangXin', () => {
		const options = trigger.properties.find((property) => property.name === 'options')!.options as INodeProperties[];
		const download = options.find((option) => option.name === 'downloadImages')!;
		expect(download.displayOptions).toEqual({ show: { '/verifyWithApi': [true] } });
	});

	it("the Base URL's placeholder is the example its description gives, and it says where to find it", () => {
		const baseUrl = credentials[0].properties.find((property) => property.name === 'baseUrl')!;
		const example = String(baseUrl.placeholder).replace(/^e\.g\. /, '');
		expect(baseUrl.description).toContain(example);
		expect(baseUrl.description).toMatch(/LiangXin account|LiangXin console|from LiangXin/);
	});
});

/** The top-level fields a user sees, in order, for a node of `typeVersion` set to `values` (n8n's own display rules). */
function panel(node: INodeTypeDescription, typeVersion: number, values: Record<string, unknown>): string[] {
	const saved = { typeVersion, parameters: values } as unknown as INode;
	const resolved = NodeHelpers.getNodeParameters(node.properties, values as INodeParameters, true, false, saved, node)!;
	const shown = node.properties.filter((property) => NodeHelpers.displayParameter(resolved, property, saved, node));
	return [...new Set(shown.map((property) => (property.type === 'notice' ? 'notice' : property.displayName)))];
}

/** The options a user can add to a collection (the Options unless named) of that node. */
function options(node: INodeTypeDescription, typeVersion: number, values: Record<string, unknown>, name = 'options'): string[] {
	const saved = { typeVersion, parameters: values } as unknown as INode;
	const resolved = NodeHelpers.getNodeParameters(node.properties, values as INodeParameters, true, false, saved, node)!;
	const collection = node.properties.find((property) => property.name === name && NodeHelpers.displayParameter(resolved, property, saved, node))!;
	const offered = (collection.options as INodeProperties[]).filter((option) => NodeHelpers.displayParameter(resolved, option, saved, node, resolved));
	return offered.map((option) => option.displayName);
}

describe('the panel puts first what most users set first', () => {
	const image = nodeNamed('liangXinImage');
	const nanoBanana = nodeNamed('liangXinNanoBananaPro');

	it('LiangXin Image 1.1: model, prompt, a Nano Banana model\'s Aspect Ratio and Resolution on top; Callback URL among the Options', () => {
		expect(panel(image, 1.1, { operation: 'createAndWait', model: 'nano-banana-pro' })).toEqual([
			'Operation', 'Model', 'Prompt', 'Aspect Ratio', 'Resolution', 'Model Settings', 'Input Binary Fields', 'Wait Mode', 'Options',
		]);
		expect(panel(image, 1.1, { operation: 'createAndWait', model: 'flux-2-pro' })).toEqual([
			'Operation', 'Model', 'Prompt', 'Model Settings', 'Input Binary Fields', 'Wait Mode', 'Options',
		]);
		const nanoSettings = (typeVersion: number) => options(image, typeVersion, { operation: 'createAndWait', model: 'nano-banana-pro' }, 'nanoBananaProFields');
		expect(nanoSettings(1.1)).toEqual(['Images to Edit (URLs)', 'Reference Images (URLs)', 'Output Format']);
		expect(nanoSettings(1)).toEqual(['Images to Edit (URLs)', 'Reference Images (URLs)', 'Aspect Ratio', 'Resolution', 'Output Format']);
		expect(options(image, 1.1, { operation: 'createAndWait', waitMode: 'poll' })).toContain('Callback URL');
		expect(options(image, 1.1, { operation: 'createTask' })).toContain('Callback URL');
	});

	it('Pause Until Callback: its explanation in a notice, no Callback URL, and Max Wait said for a pause', () => {
		expect(panel(image, 1.1, { operation: 'createAndWait', model: 'flux-2-pro', waitMode: 'pause' })).toEqual([
			'Operation', 'Model', 'Prompt', 'Model Settings', 'Input Binary Fields', 'Wait Mode', 'notice', 'Options',
		]);
		expect(options(image, 1.1, { operation: 'createAndWait', waitMode: 'pause' })).not.toContain('Callback URL');
		const maxWait = (mode: string) =>
			((image.properties.find((property) => property.name === 'options' && property.displayOptions?.show?.operation?.includes('createAndWait'))!
				.options as INodeProperties[]).find((option) => option.name === 'maxWaitMinutes' && option.displayOptions?.show?.['/waitMode']?.includes(mode)))!.description;
		expect(maxWait('poll')).toMatch(/^How long to wait for each task/);
		expect(maxWait('pause')).toMatch(/^How long the pause may wait/);
	});

	it('Nano Banana Pro 1.1: Output Format and Callback URL among the Options', () => {
		expect(panel(nanoBanana, 1.1, { operation: 'createTask' })).toEqual([
			'Operation', 'Prompt', 'Aspect Ratio', 'Resolution', 'Images to Edit (URLs)', 'Reference Images (URLs)', 'Input Binary Fields', 'Options',
		]);
		expect(options(nanoBanana, 1.1, { operation: 'createTask' })).toEqual(expect.arrayContaining(['Callback URL', 'Output Format']));
	});

	it('version 1 nodes keep the layout they were saved with', () => {
		expect(panel(nanoBanana, 1, { operation: 'createTask' })).toEqual([
			'Operation', 'Prompt', 'Aspect Ratio', 'Resolution', 'Images to Edit (URLs)', 'Reference Images (URLs)', 'Input Binary Fields', 'Output Format', 'Callback URL', 'Options',
		]);
		expect(panel(image, 1, { operation: 'createAndWait', model: 'nano-banana-pro' })).toEqual([
			'Operation', 'Model', 'Prompt', 'Model Settings', 'Input Binary Fields', 'Wait Mode', 'Callback URL', 'Options',
		]);
		expect(options(nanoBanana, 1, { operation: 'createTask' })).not.toContain('Callback URL');
	});
});
