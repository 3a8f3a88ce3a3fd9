import { z } from 'zod';

/** The prompt of every model, written once: its label, its check and its field, from its length rule. */

export const PROMPT_LABEL = 'Prompt';

/** How long a prompt may be, in characters; no upper bound when `max` is absent. */
export interface PromptLength {
	min: number;
	max?: number;
}

/** What most models document: any text that is not empty. */
export const NON_EMPTY: PromptLength = { min: 1 };

/** Characters as a person counts them: code points, so an emoji is one, not two UTF-16 units. */
const characterCount = (text: string) => [...text].length;

/** The rule in words: `2 to 3000 characters`, or none for a prompt that must only not be empty. */
export const lengthInWords = ({ min, max }: PromptLength) => (max === undefined ? undefined : `${min} to ${max} characters`);

/** The prompt's check, its messages naming the rule and what was given. */
export function promptSchema(length: PromptLength) {
	const rule = lengthInWords(length);
	return z
		.string({ required_error: 'is required', invalid_type_error: 'must be text' })
		.refine(
			(text) => characterCount(text) >= length.min && characterCount(text) <= (length.max ?? Infinity),
			(text) => ({ message: rule ? `must be ${rule} (got ${characterCount(text)})` : 'must not be empty' }),
		);
}

/** The prompt's field descriptor; `more` adds to its description. */
export function promptDescriptor(length: PromptLength, more = '') {
	const rule = lengthInWords(length);
	return {
		name: 'prompt',
		label: PROMPT_LABEL,
		type: 'string' as const,
		required: true as const,
		min: length.min,
		...(length.max === undefined ? {} : { max: length.max }),
		description: `What to generate${rule ? `, ${rule}` : '; must not be empty'}${more}`,
	};
}
