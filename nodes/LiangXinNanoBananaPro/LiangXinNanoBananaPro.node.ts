import { TaskNode } from '../shared/node/taskNode';
import { nanoBananaProParameters } from '../shared/parameters/nanoBananaPro';

/** Nano Banana Pro alone, each of its fields a parameter of its own. */
export class LiangXinNanoBananaPro extends TaskNode {
	constructor() {
		super({
			displayName: 'LiangXin Nano Banana Pro',
			name: 'liangXinNanoBananaPro',
			description: 'Generate images with Nano Banana Pro (Gemini 3 Pro Image) through LiangXin',
			icon: { light: 'file:liangxin.svg', dark: 'file:liangxin.dark.svg' },
			parameters: nanoBananaProParameters,
		});
	}
}
