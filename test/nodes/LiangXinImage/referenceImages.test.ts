import type { INodeExecutionData } from 'n8n-workflow';

import { fieldsParameterOf } from '../../../nodes/shared/parameters/imageModels';
import { contractOf } from '../../../nodes/shared/models';
import { runImage, useSandbox } from '../../helpers/liangxin';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('a small png')]);
const JPEG = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), Buffer.from('a small jpeg')]);
const URL = 'https://cdn.example.com/reference.png';

const item = (): INodeExecutionData => ({
	json: { prompt: 'use the photos' },
	binary: {
		photo: { data: PNG.toString('base64'), mimeType: 'image/png', fileName: 'photo.png' },
		detail: { data: JPEG.toString('base64'), mimeType: 'image/jpeg', fileName: 'detail.jpg' },
	},
});

const dataUri = (mimeType: string, bytes: Buffer) => `data:${mimeType};base64,${bytes.toString('base64')}`;

describe('LiangXin Image: reference images from binary input join each model\'s documented image field', () => {
	const sandbox = useSandbox({ taskDurationMs: 200 });

	it('flux-2-pro sends them in input.reference_images, after the URLs', async () => {
		const result = await runImage(sandbox(), {
			parameters: {
				operation: 'createTask',
				model: 'flux-2-pro',
				prompt: '={{ $json.prompt }}',
				[fieldsParameterOf(contractOf('flux-2-pro')!)]: { reference_images: URL, width: 512, height: 512 },
				binaryImageProperties: 'photo, detail',
			},
			items: [item()],
		});
		expect(result.error).toBeUndefined();
		expect(sandbox().createCalls()[0].body).toEqual({
			model: 'flux-2-pro',
			input: {
				prompt: 'use the photos',
				width: 512,
				height: 512,
				reference_images: [URL, dataUri('image/png', PNG), dataUri('image/jpeg', JPEG)],
			},
		});
		expect(result.output[0].json.request).toMatchObject({ input: { reference_images: [URL, expect.stringMatching(/^data:image\/png;base64,.*characters\)$/), expect.any(String)] } });
	});

	it('nano-banana-pro-flash sends them in input.image_input', async () => {
		const result = await runImage(sandbox(), {
			parameters: { operation: 'createTask', model: 'nano-banana-pro-flash', prompt: 'use the photo', binaryImageProperties: 'photo' },
			items: [item()],
		});
		expect(result.error).toBeUndefined();
		expect(sandbox().createCalls()[0].body).toEqual({
			model: 'nano-banana-pro-flash',
			input: { prompt: 'use the photo', image_input: [dataUri('image/png', PNG)], aspect_ratio: '1:1', resolution: '1K' },
		});
	});

	it("counts them in the model's limit: flux-2-pro's 4 images across input_image* and reference_images", async () => {
		const result = await runImage(sandbox(), {
			parameters: {
				operation: 'createTask',
				model: 'flux-2-pro',
				prompt: 'use the photos',
				[fieldsParameterOf(contractOf('flux-2-pro')!)]: { input_image: URL, input_image_2: URL, reference_images: URL },
				binaryImageProperties: 'photo, detail',
			},
			items: [item()],
		});
		expect(result.error?.message).toBe(
			'Item 0: More Reference Images (URLs) (input.reference_images) together with input.input_image, input.input_image_2, input.input_image_3, input.input_image_4 must hold at most 4 images (got 5)',
		);
		expect(sandbox().log).toHaveLength(0);
	});

	it('is not offered to a model without a documented image field: its binary input is left alone', async () => {
		const result = await runImage(sandbox(), {
			parameters: { operation: 'createTask', model: 'seedream-v4-5', prompt: 'a fox', binaryImageProperties: 'photo' },
			items: [item()],
		});
		expect(result.error).toBeUndefined();
		expect(sandbox().createCalls()[0].body).toEqual({ model: 'seedream-v4-5', input: { prompt: 'a fox' } });
	});
});
