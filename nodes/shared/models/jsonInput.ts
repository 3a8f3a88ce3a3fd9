import { z } from 'zod';

import type { ModelContract } from './contract';
import { nonEmptyPrompt } from './contract';
import { NON_EMPTY, promptDescriptor } from './prompt';

const kindOf = (value: unknown) => (Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value);

const notAnObject: z.ZodErrorMap = (_issue, context) => ({
	message: `must be a JSON object (got ${kindOf(context.data)})`,
});

/**
 * A model whose field table could not be read: only what every model documents is checked (a
 * non-empty prompt inside a JSON object); every other field goes to LiangXin as given.
 */
export function jsonInputModel({ model, name, purpose, source }: Pick<ModelContract, 'model' | 'name' | 'purpose' | 'source'>): ModelContract {
	return {
		model,
		name,
		purpose,
		source,
		kind: 'json',
		input: z.object({ prompt: nonEmptyPrompt() }, { errorMap: notAnObject }).passthrough(),
		fields: [promptDescriptor(NON_EMPTY, '. Other settings go in Model Settings (JSON), unchecked')],
	};
}
