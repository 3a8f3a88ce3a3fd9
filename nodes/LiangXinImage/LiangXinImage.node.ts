import { TaskNode } from '../shared/node/taskNode';
import { imageParameters } from '../shared/parameters/imageModels';

/** Any LiangXin image model, chosen in its Model parameter. */
export class LiangXinImage extends TaskNode {
	constructor() {
		super({
			displayName: 'LiangXin Image',
			name: 'liangXinImage',
			description: 'Generate images with any LiangXin image model: Nano Banana, Seedream, Z-Image, Imagen 4, Flux 2 and more',
			icon: { light: 'file:../LiangXinNanoBananaPro/liangxin.svg', dark: 'file:../LiangXinNanoBananaPro/liangxin.dark.svg' },
			parameters: imageParameters,
		});
	}
}
