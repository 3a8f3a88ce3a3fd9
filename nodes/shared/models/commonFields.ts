import type { FieldDescriptor } from './contract';
import { NON_EMPTY, promptDescriptor } from './prompt';

/** Field descriptors several models document in the same words. */

export const promptField: FieldDescriptor = promptDescriptor(NON_EMPTY);

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
	description: "Whether the upstream model's safety filter is on",
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
