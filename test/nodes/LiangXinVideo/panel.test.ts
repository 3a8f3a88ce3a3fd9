import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeParameters, INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { LiangXinVideo } from '../../../nodes/LiangXinVideo/LiangXinVideo.node';
import { LiangXinImage } from '../../../nodes/LiangXinImage/LiangXinImage.node';
import { VIDEO_TASKS } from '../../../nodes/shared/actions/taskMedia';
import { readMaxWaitMs } from '../../../nodes/shared/parameters/fields';
import { executeContext } from '../../helpers/n8n';

const ROOT = join(__dirname, '../../..');
const { description } = new LiangXinVideo();
const property = (name: string) => description.properties.find((candidate) => candidate.name === name);
/** The options of an operation's Options collection, by name. */
function optionsOf(operation: string): Record<string, INodeProperties> {
	const collection = description.properties.find(
		(candidate) => candidate.name === 'options' && candidate.displayOptions?.show?.operation?.includes(operation),
	);
	return Object.fromEntries((collection?.options as INodeProperties[]).map((option) => [option.name, option]));
}

describe('the LiangXin Video node in the panel', () => {
	it('is registered in package.json, starts at version 1.1, and is usable as an AI tool that says how it waits', () => {
		const packageJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
		expect(packageJson.n8n.nodes).toContain('dist/nodes/LiangXinVideo/LiangXinVideo.node.js');
		expect(description).toMatchObject({ name: 'liangXinVideo', displayName: 'LiangXin Video', version: [1.1], defaultVersion: 1.1 });
		const usable = description.usableAsTool as { replacements: { description: string } };
		expect(usable.replacements.description).toContain('up to 10 minutes per video unless Max Wait is set, and returns video URLs unless Download Videos is on');
	});

	it('lists Kling 3 Pro (kling-v3-pro, citing its LiangXin page) and Other, a model value typed by the user', () => {
		const models = property('model')!.options as INodePropertyOptions[];
		expect(models.map(({ name, value }) => [name, value])).toEqual([
			['Kling 3 Pro', 'kling-v3-pro'],
			['Other', 'other'],
		]);
		expect(models[0].description).toContain('https://docs.liangxin.ai/market/kling/v3-pro-generate-video');
		expect(property('model')!.default).toBe('kling-v3-pro');
		expect(property('otherModel')!.displayOptions?.show?.model).toEqual(['other']);
	});

	it("sends Model Settings (JSON) unchecked, and says so with a link to LiangXin's market", () => {
		expect(property('inputFields')).toMatchObject({ displayName: 'Model Settings (JSON)', type: 'json' });
		expect(property('uncheckedNotice')!.displayName).toMatch(/unchecked.*href="https:\/\/docs\.liangxin\.ai\/market"/);
	});

	it('has the operations of the image nodes, in the words of videos', () => {
		const operations = property('operation')!.options as Array<INodePropertyOptions & { action: string }>;
		expect(operations.map(({ name, value, action }) => [name, value, action])).toEqual([
			['Generate Video', 'createAndWait', 'Generate a video and wait for it'],
			['Start Generation', 'createTask', 'Start a video generation without waiting'],
			['Get Generation', 'getTask', 'Get a video generation by its task ID'],
		]);
		const imageOperations = new LiangXinImage().description.properties.find((candidate) => candidate.name === 'operation')!.options as INodePropertyOptions[];
		expect(imageOperations.map(({ value }) => value)).toEqual(operations.map(({ value }) => value));
		expect(property('waitMode')!.options).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'pause' })]));
	});

	it('defaults to what videos need: Max File Size 500 MB, Max Wait 30 minutes, videos downloaded', () => {
		const createAndWait = optionsOf('createAndWait');
		expect(createAndWait.maxFileSizeMb.default).toBe(500);
		expect(createAndWait.maxWaitMinutes.default).toBe(30);
		expect(createAndWait.downloadVideos).toMatchObject({ displayName: 'Download Videos', default: true });
		const getTask = optionsOf('getTask');
		expect(getTask.downloadVideos.default).toBe(true);
		expect(getTask.maxWaitMinutes.default).toBe(30);
		// The image nodes keep theirs.
		const image = new LiangXinImage().description.properties.find(
			(candidate) => candidate.name === 'options' && candidate.displayOptions?.show?.operation?.includes('createAndWait'),
		)!.options as INodeProperties[];
		expect(image.find((option) => option.name === 'maxFileSizeMb')!.default).toBe(50);
		expect(image.find((option) => option.name === 'maxWaitMinutes')!.default).toBe(10);
	});

	it('as an AI agent\'s tool waits 10 minutes per video unless Max Wait is set; 30 outside a tool', () => {
		const node = new LiangXinVideo();
		// n8n registers a node's tool variant as a copy whose type name ends in Tool.
		const tool = Object.assign(Object.create(node) as INodeType, { description: { ...node.description, name: 'liangXinVideoTool' } });
		const maxWaitOf = (type: INodeType, options: INodeParameters = {}) =>
			readMaxWaitMs(executeContext({ node: type, parameters: { operation: 'createAndWait', prompt: 'a clip', options } }), 0, VIDEO_TASKS.maxWait) / 60_000;
		expect(maxWaitOf(tool)).toBe(10);
		expect(maxWaitOf(tool, { maxWaitMinutes: 20 })).toBe(20);
		expect(maxWaitOf(node)).toBe(30);
	});
});
