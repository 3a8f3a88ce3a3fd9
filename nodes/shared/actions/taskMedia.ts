import type { ResultOptions } from '../output/outputOptions';
import { IMAGE_RESULTS, VIDEO_RESULTS } from '../output/outputOptions';
import type { ToolSpec } from '../parameters/aiTool';
import { IMAGE_TOOL } from '../parameters/aiTool';
import type { MaxWaitRule } from '../parameters/fields';
import { maxWaitRule, maxWaitRuleOf } from '../parameters/fields';
import type { PollSchedule } from '../tasks/pollSchedule';
import { ADAPTIVE_SCHEDULE, VIDEO_SCHEDULE } from '../tasks/pollSchedule';

/**
 * What a node's tasks make, and what follows from it for its operations: their words, the result
 * options (what is downloaded, up to which size), Max Wait's defaults, the poll schedule and how the
 * node describes itself as an AI agent's tool.
 */
export interface TaskMedia {
	/** How the operations' names say it, e.g. "Generate Video", "Generate a video and wait for it". */
	words: { title: string; one: string; many: string };
	results: ResultOptions;
	maxWait: MaxWaitRule;
	schedule: PollSchedule;
	tool: ToolSpec;
}

export const IMAGE_TASKS: TaskMedia = {
	words: { title: 'Image', one: 'an image', many: 'images' },
	results: IMAGE_RESULTS,
	maxWait: maxWaitRule,
	schedule: ADAPTIVE_SCHEDULE,
	tool: IMAGE_TOOL,
};

/** As an agent's tool, a video node waits 10 minutes by default: twice the image nodes', for jobs of minutes. */
const VIDEO_TOOL_MAX_WAIT_MINUTES = 10;

/** Video jobs take minutes and their files hundreds of MB: Max Wait 30 minutes, Max File Size 500 MB, the video schedule. */
export const VIDEO_TASKS: TaskMedia = {
	words: { title: 'Video', one: 'a video', many: 'videos' },
	results: VIDEO_RESULTS,
	maxWait: maxWaitRuleOf(30, VIDEO_TOOL_MAX_WAIT_MINUTES),
	schedule: VIDEO_SCHEDULE,
	tool: { noun: 'video', download: 'Download Videos', maxWaitMinutes: VIDEO_TOOL_MAX_WAIT_MINUTES },
};
