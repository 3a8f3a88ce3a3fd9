import type { FieldDescriptor } from './contract';

/** Field descriptors several models document in the same words. */

export const promptField: FieldDescriptor = {
	name: 'prompt',
	label: 'Prompt',
	type: 'string',
	required: true,
	min: 1,
	description: 'What to generate; must not be empty',
};

export const seedField: FieldDescriptor = {
	name: 'seed',
	label: 'Seed',
	type: 'integer',
	description: 'The same seed repeats a result',
};

export const safetyCheckerField: FieldDescriptor = {
	name: 'enable_safety_checker',
	label: 'Enable Safety Checker',
	type: 'boolean',
	description: "The upstream model's safety filter",
};

export const aspectRatioField = (
	options: readonly string[],
	description: string,
	defaultValue?: string,
): FieldDescriptor => ({
	name: 'aspect_ratio',
	label: 'Aspect Ratio',
	type: 'options',
	options,
	...(defaultValue === undefined ? {} : { default: defaultValue }),
	description,
});
