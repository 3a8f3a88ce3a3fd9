import { z } from 'zod';

import { callBackUrlSchema } from '../platform/callbackUrl';
import { abbreviate, describeIssues as describeIssuesWith, listOf } from '../util/zodRules';
import { NON_EMPTY, promptSchema } from './prompt';

/**
 * What one LiangXin model accepts in `input`, as its documentation states it. A node builds its UI
 * parameters from `fields` and checks every request with `input` before anything is sent.
 */
export interface ModelContract {
	/** The `model` value of createTask. */
	model: string;
	/** Its product name, as LiangXin's model pages call it: what the panel shows. */
	name: string;
	/** What the model is for, in a few words. */
	purpose: string;
	/** The documentation page its fields come from. */
	source: string;
	/** `typed`: a field table is documented. `json`: only a prompt and a JSON object are documented. */
	kind: 'typed' | 'json';
	input: z.ZodType<Record<string, unknown>, z.ZodTypeDef, unknown>;
	/** Every documented `input.*` field, in the documentation's order; for `json` models just the prompt. */
	fields: readonly FieldDescriptor[];
	/** The reference-image fields, when the model documents any. */
	referenceImages?: ReferenceImageSlots;
}

type FieldType = 'string' | 'integer' | 'boolean' | 'options' | 'imageUrl' | 'imageUrls';

export interface FieldDescriptor {
	/** The key inside `input`. */
	name: string;
	label: string;
	type: FieldType;
	description: string;
	required?: true;
	/** For `options`: the documented values, the only ones checked. */
	options?: readonly string[];
	/** The documented default (what LiangXin uses when the field is not sent). */
	default?: string | number | boolean;
	/** Inclusive range; for strings, the length in characters. */
	min?: number;
	max?: number;
	/** A note under the field, e.g. the API's own value a user may meet in LiangXin's docs. */
	hint?: string;
	/** One of the settings most users set first: the panel shows it at its default, not among the added ones. */
	onTop?: true;
}

export interface ReferenceImageSlots {
	/** The fields that count towards `max`. */
	fields: readonly string[];
	max: number;
	/** The list field that images from binary input are sent in. */
	binaryField: string;
}

const got = (value: unknown) => abbreviate(JSON.stringify(value) ?? String(value));

export const text = () => z.string({ invalid_type_error: 'must be text' });

export const flag = () =>
	z.boolean({ errorMap: (_issue, context) => ({ message: `must be true or false (got ${got(context.data)})` }) });

/** A whole number, within the documented range when one is given. */
export function integer({ min, max }: { min?: number; max?: number } = {}) {
	const rule =
		min !== undefined && max !== undefined
			? `a whole number from ${min} to ${max}`
			: min !== undefined
				? `a whole number of at least ${min}`
				: 'a whole number';
	return z.custom<number>(
		(value) =>
			typeof value === 'number' &&
			Number.isInteger(value) &&
			(min === undefined || value >= min) &&
			(max === undefined || value <= max),
		(value) => ({ message: `must be ${rule} (got ${got(value)})` }),
	);
}

/** The prompt most models document: a string that must not be empty. */
export const nonEmptyPrompt = () => promptSchema(NON_EMPTY);

/** The documented limit on how many reference images the given fields hold together. */
export function atMostImages(slots: ReferenceImageSlots, namedField: string) {
	const others = slots.fields.filter((field) => field !== namedField).map((field) => `input.${field}`);
	return (input: Record<string, unknown>, context: z.RefinementCtx) => {
		const count = slots.fields
			.map((field) => input[field])
			.reduce<number>((total, value) => total + (Array.isArray(value) ? value.length : value === undefined ? 0 : 1), 0);
		if (count > slots.max) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: [namedField],
				message: `together with ${listOf(others)} must hold at most ${slots.max} images (got ${count})`,
			});
		}
	};
}

/** `model`, `callBackUrl` and this model's `input`: the whole createTask body. */
export function requestSchemaOf(contract: ModelContract) {
	return z.object({
		model: z.literal(contract.model),
		callBackUrl: callBackUrlSchema.optional(),
		input: contract.input,
	});
}

/** UI label by request path, for messages that name the field as the user sees it. */
export function labelsOf(contract: ModelContract): Record<string, string> {
	return {
		model: 'Model',
		callBackUrl: 'Callback URL',
		input: contract.kind === 'json' ? 'Model Settings (JSON)' : 'Model Settings',
		...Object.fromEntries(contract.fields.map((field) => [`input.${field.name}`, field.label])),
	};
}

/** One readable line per problem, e.g. `Width (input.width) must be a whole number from 256 to 1440 (got 100)`. */
export function describeIssues(contract: ModelContract, error: z.ZodError): string[] {
	return describeIssuesWith(labelsOf(contract), error);
}
