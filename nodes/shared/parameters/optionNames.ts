import type { INodePropertyOptions } from 'n8n-workflow';

/**
 * What a user reads for each documented value of a model's choice: the values stay as LiangXin
 * documents them (saved workflows keep them), the names are words.
 */

/** The shape a ratio gives, in a word. */
const RATIO_WORDS: Record<string, string> = {
	'1:1': 'Square',
	'2:3': 'Portrait',
	'3:4': 'Portrait',
	'4:5': 'Portrait',
	'9:16': 'Portrait',
	'3:2': 'Landscape',
	'4:3': 'Landscape',
	'5:4': 'Landscape',
	'16:9': 'Widescreen',
	'21:9': 'Ultrawide',
};

/** `widescreen_16_9` -> `16:9`: the ratio a named aspect ratio stands for; a ratio stands for itself. */
const ratioOf = (value: string) => /(\d+)_(\d+)$/.exec(value)?.slice(1).join(':') ?? value;

const ratioName = (value: string) => `${RATIO_WORDS[ratioOf(value)] ?? 'Ratio'} (${ratioOf(value)})`;

const NAMES: Record<string, Record<string, string>> = {
	resolution: { '1K': '1K', '2K': '2K', '4K': '4K', low: 'Low', medium: 'Medium', high: 'High' },
	person_generation: { dont_allow: "Don't Allow", allow_adult: 'Allow Adults', allow_all: 'Allow All' },
	safety_settings: {
		block_low_and_above: 'Block Low and Above',
		block_medium_and_above: 'Block Medium and Above',
		block_only_high: 'Block Only High',
		block_none: 'Block None',
	},
	language: {
		auto: 'Detect Automatically',
		en: 'English',
		zh: 'Chinese',
		'zh-CN': 'Chinese (China)',
		hi: 'Hindi',
		ja: 'Japanese',
		ko: 'Korean',
		pt: 'Portuguese',
		es: 'Spanish',
	},
	output_format: { png: 'PNG', jpeg: 'JPEG', jpg: 'JPEG', 'image/png': 'PNG', 'image/jpeg': 'JPEG' },
};

const DESCRIPTIONS: Record<string, Record<string, string>> = {
	resolution: {
		'1K': 'About 1024 px on the long edge',
		'2K': 'About 2048 px on the long edge',
		'4K': 'About 4096 px on the long edge',
		low: 'Quality preset',
		medium: 'Quality preset',
		high: 'Quality preset',
	},
	safety_settings: {
		block_low_and_above: 'The strictest: blocks content of low, medium and high risk',
		block_none: 'Blocks nothing',
	},
};

/** The empty choice of a field LiangXin documents no default for: nothing is sent, LiangXin decides. */
export const NOT_SENT: INodePropertyOptions = { name: 'Default (Not Sent)', value: '', description: "LiangXin's default for this model applies" };

/**
 * A field's documented values as options, in words. Values of one meaning (a ratio and its name, jpg
 * and jpeg) share a name: the named form (else the first) keeps it, the others follow it saying how
 * they are sent. Groups keep the documented order.
 */
export function optionsInWords(field: string, values: readonly string[]): INodePropertyOptions[] {
	const nameOf = (value: string) => (field === 'aspect_ratio' ? ratioName(value) : (NAMES[field]?.[value] ?? value));
	const groups = new Map<string, string[]>();
	for (const value of values) groups.set(nameOf(value), [...(groups.get(nameOf(value)) ?? []), value]);
	return [...groups].flatMap(([name, group]) => {
		const owner = group.find((value) => value.includes('_')) ?? group[0];
		const others = group.filter((value) => value !== owner);
		const description = DESCRIPTIONS[field]?.[owner];
		return [
			{ name, value: owner, ...(description ? { description } : {}) },
			...others.map((value) => ({
				name: `${name.replace(/ \(.*\)$/, '')} (Sent as ${value})`,
				value,
				description: `The same as ${name}, in another spelling LiangXin accepts`,
			})),
		];
	});
}
