import type { CaseTable } from './case';
import { bodiesOf, golden, invalid, PNG_URL, valid } from './case';

// Models whose field table could not be read: only "model and input.prompt are required" is known.
function jsonInputTable(model: string, examplePrompt: string): CaseTable {
	const body = bodiesOf(model);
	return {
		model,
		cases: [
			golden("the docs' example prompt", body({ prompt: examplePrompt })),
			valid('a one-character prompt', body({ prompt: 'x' })),
			valid('any other fields, passed as given', body({ prompt: examplePrompt, image_urls: [PNG_URL], strength: 0.4, extra: { nested: true } })),
			invalid('no prompt', body({ image_urls: [PNG_URL] }), 'input.prompt'),
			invalid('an empty prompt', body({ prompt: '' }), 'input.prompt'),
			invalid('a prompt that is not text', body({ prompt: 5 }), 'input.prompt'),
			invalid('input that is a list', { model, input: [examplePrompt] }, 'input'),
			invalid('input that is text', { model, input: examplePrompt }, 'input'),
		],
	};
}

export const jsonInputTables: CaseTable[] = [
	jsonInputTable(
		'seedream-v4-5-edit',
		'Turn the reference product photo into a professional marketing poster with elegant typography',
	),
	jsonInputTable('seedream-v5-lite', 'A clean mobile wallpaper of a glowing forest at midnight, soft mist, high detail'),
	jsonInputTable('gemini-2.5-flash-image-preview', 'Turn this room into a warm Japanese minimalist space'),
	jsonInputTable('imagen4-fast', 'A lighthouse on a cliff at dawn'),
];
