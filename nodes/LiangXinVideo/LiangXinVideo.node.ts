import { VIDEO_TASKS } from '../shared/actions/taskMedia';
import { TaskNode } from '../shared/node/taskNode';
import { videoParameters } from '../shared/parameters/videoModels';

/** Any LiangXin video model (Kling 3 Pro, or a model value typed in Other), its videos stored as binary files. */
export class LiangXinVideo extends TaskNode {
	constructor() {
		super({
			displayName: 'LiangXin Video',
			name: 'liangXinVideo',
			description: 'Generate videos with LiangXin video models: Kling 3 Pro and any other model value of the market',
			icon: { light: 'file:../LiangXinNanoBananaPro/liangxin.svg', dark: 'file:../LiangXinNanoBananaPro/liangxin.dark.svg' },
			parameters: videoParameters,
			media: VIDEO_TASKS,
			// Added after the image nodes' 1.1: it has only 1.1's behaviour (one output in both wait modes).
			versions: [1.1],
		});
	}
}
