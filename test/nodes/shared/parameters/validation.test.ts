import { runNanoBanana, useSandbox } from '../../../helpers/liangxin';

const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const url = (name: string) => `https://cdn.example.com/${name}`;

/** Every rule of the contract: each bad item fails with a message naming item, field and rule, and nothing is sent. */
describe('validation before any request', () => {
	const sandbox = useSandbox();

	it.each([
		['a prompt of 1 character', { prompt: 'x' }, 'Item 0: Prompt (input.prompt) must be 2 to 3000 characters (got 1)'],
		['a prompt of 3001 characters', { prompt: 'x'.repeat(3001) }, 'Item 0: Prompt (input.prompt) must be 2 to 3000 characters (got 3001)'],
		[
			'4 reference images',
			{ imageInputUrls: `${url('1.png')}, ${url('2.png')}`, referenceImageUrls: `${url('3.jpg')}\n${url('4.webp')}` },
			'Item 0: Images to Edit (URLs) (input.image_input) together with reference images must hold at most 3 images (got 4)',
		],
		['a .gif URL', { referenceImageUrls: url('cat.gif') }, 'Item 0: Reference Images (URLs) #1 (input.reference_images[0]) must be a URL ending in .png, .jpg, .jpeg, .webp'],
		['a data:image/gif URI', { imageInputUrls: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=' }, 'Item 0: Images to Edit (URLs) #1 (input.image_input[0]) must be a URL ending in'],
		['an unknown aspect ratio', { aspectRatio: '7:3' }, 'Item 0: Aspect Ratio (input.aspect_ratio) must be one of 1:1, 2:3, 3:2, 4:3, 3:4, 5:4, 4:5, 16:9, 9:16, 21:9 (got "7:3")'],
		['an unknown resolution', { resolution: '8K' }, 'Item 0: Resolution (input.resolution) must be one of 1K, 2K, 4K, low, medium, high (got "8K")'],
		['an unknown output format', { options: { outputFormat: 'jpeg' } }, 'Item 0: Output Format (input.output_format) must be one of png (got "jpeg")'],
		['a callback URL that is not http(s)', { options: { callbackUrl: 'n8n.example.com/webhook' } }, 'Item 0: Callback URL (callBackUrl) must be an http(s) URL'],
	])('%s', async (_case, parameters, message) => {
		for (const operation of ['createTask', 'createAndWait']) {
			const result = await runNanoBanana(sandbox(), { parameters: { operation, prompt: 'a fine prompt', ...parameters } });
			expect(result.error?.message.startsWith(message)).toBe(true);
			expect((result.error as { description?: string }).description).toContain('Nothing was sent to LiangXin');
		}
		expect(sandbox().log).toHaveLength(0);
	});

	it.each([
		['createAndWait', { maxConcurrentTasks: 0 }, 'Item 0: Max Concurrent Tasks must be a whole number from 1 to 100 (got 0)'],
		['createAndWait', { maxConcurrentTasks: '={{ "many" }}' }, 'Item 0: Max Concurrent Tasks must be a whole number from 1 to 100 (got "many")'],
		['createAndWait', { maxWaitMinutes: 0 }, 'Item 0: Max Wait (Minutes) must be a number from 0.05 to 10080 (got 0)'],
		['createAndWait', { maxCreatesPerWindow: 2.5 }, 'Item 0: Max Creates per 10 Seconds must be a whole number of at least 0 (got 2.5)'],
		['createTask', { maxCreatesPerWindow: -1 }, 'Item 0: Max Creates per 10 Seconds must be a whole number of at least 0 (got -1)'],
	])('%s with the option %j', async (operation, options, message) => {
		const result = await runNanoBanana(sandbox(), { parameters: { operation, prompt: 'a fine prompt', options } });
		expect(result.error?.message).toBe(message);
		expect(sandbox().log).toHaveLength(0);
	});

	it('checks the Max Wait of every item before creating any task', async () => {
		const result = await runNanoBanana(sandbox(), {
			parameters: { operation: 'createAndWait', prompt: '={{ $json.prompt }}', options: { maxWaitMinutes: '={{ $json.wait }}' } },
			items: [{ json: { prompt: 'first image', wait: 1 } }, { json: { prompt: 'second image', wait: -1 } }],
		});
		expect(result.error?.message).toBe('Item 1: Max Wait (Minutes) must be a number from 0.05 to 10080 (got -1)');
		expect(sandbox().log).toHaveLength(0);
	});

	describe('Max Wait is at most 7 days (10080 minutes), checked per item before any request', () => {
		const items = [
			{ json: { prompt: 'first image', taskId: 'task_nano-banana-pro_1777600000000', wait: 10_080 } },
			{ json: { prompt: 'second image', taskId: 'task_nano-banana-pro_1777600000001', wait: 1e12 } },
		];
		it.each([
			['Create & Wait, Poll', { operation: 'createAndWait', waitMode: 'poll' }],
			['Create & Wait, Pause Until Callback', { operation: 'createAndWait', waitMode: 'pause' }],
			['Get Task, Wait Until Done', { operation: 'getTask', taskId: '={{ $json.taskId }}', waitUntilDone: true }],
		])('%s', async (_operation, parameters) => {
			const result = await runNanoBanana(sandbox(), {
				parameters: { ...parameters, prompt: '={{ $json.prompt }}', options: { allowLocalCallbackUrl: true, maxWaitMinutes: '={{ $json.wait }}' } },
				items,
			});
			expect(result.error?.message).toBe('Item 1: Max Wait (Minutes) must be a number from 0.05 to 10080 (got 1000000000000)');
			expect((result.error as { description?: string }).description).toContain('Nothing was sent to LiangXin');
			expect(sandbox().log).toHaveLength(0);
		});
	});

	describe('output options of every item are checked before any task is created, in both wait modes', () => {
		const items = [
			{ json: { prompt: 'first image', property: 'image', maxMb: 5, raw: false } },
			{ json: { prompt: 'second image', property: '__proto__', maxMb: 0, raw: 'yes' } },
		];
		it.each([
			[
				'Put Output in Field',
				{ binaryPropertyPrefix: '={{ $json.property }}' },
				'Item 1: Put Output in Field: "__proto__" cannot name a binary property (__proto__, constructor, prototype are reserved)',
			],
			['Max File Size', { maxFileSizeMb: '={{ $json.maxMb }}' }, 'Item 1: Max File Size (MB) must be a number above 0 (got 0)'],
			['Include Raw Response', { includeRaw: '={{ $json.raw }}' }, 'Item 1: Include Raw Response must be true or false (got "yes")'],
		])('%s', async (_option, options, message) => {
			for (const waitMode of ['poll', 'pause']) {
				const result = await runNanoBanana(sandbox(), {
					parameters: { operation: 'createAndWait', waitMode, prompt: '={{ $json.prompt }}', options: { allowLocalCallbackUrl: true, ...options } },
					items,
				});
				expect({ waitMode, error: result.error?.message }).toEqual({ waitMode, error: message });
			}
			expect(sandbox().log).toHaveLength(0);
		});
	});

	it('suggests passing a rejected URL as binary instead', async () => {
		const result = await runNanoBanana(sandbox(), { parameters: { operation: 'createTask', prompt: 'ok', imageInputUrls: url('a.png?sig=1') } });
		expect(result.error?.message).toContain('pass it in Input Binary Fields instead');
	});

	it('validates every item before creating any task', async () => {
		const result = await runNanoBanana(sandbox(), {
			parameters: { operation: 'createAndWait', prompt: '={{ $json.prompt }}' },
			items: [{ json: { prompt: 'first is fine' } }, { json: { prompt: 'second too' } }, { json: { prompt: '' } }],
		});
		expect(result.error?.message).toBe('Item 2: Prompt (input.prompt) must be 2 to 3000 characters (got 0)');
		expect(sandbox().log).toHaveLength(0);
	});

	it('sends binary images as data URIs, and refuses a GIF binary before sending', async () => {
		const items = [
			{ json: {}, binary: { photo: { data: png.toString('base64'), mimeType: 'image/png', fileName: 'p.png' } } },
			{ json: {}, binary: { photo: { data: png.toString('base64'), mimeType: 'image/gif', fileName: 'p.gif' } } },
		];
		const parameters = { operation: 'createTask', prompt: 'use the photo', binaryImageProperties: 'photo' };

		const refused = await runNanoBanana(sandbox(), { parameters, items });
		expect(refused.error?.message).toBe(
			'Item 1: Input Binary Fields: "photo" is image/gif; only image/png, image/jpeg, image/webp are accepted',
		);
		expect(sandbox().log).toHaveLength(0);

		const sent = await runNanoBanana(sandbox(), { parameters, items: items.slice(0, 1) });
		expect(sent.error).toBeUndefined();
		expect(sandbox().createCalls()[0].body).toMatchObject({
			input: { image_input: [`data:image/png;base64,${png.toString('base64')}`] },
		});
	});

	it('names a missing binary property', async () => {
		const result = await runNanoBanana(sandbox(), {
			parameters: { operation: 'createTask', prompt: 'use the photo', binaryImageProperties: 'photo' },
		});
		expect(result.error?.message).toBe('Item 0: Input Binary Fields: the input item has no binary property "photo"');
	});
});
