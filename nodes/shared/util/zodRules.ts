import { z } from 'zod';

/** The pieces every model contract builds its rules and messages from. */

export const listOf = (values: readonly string[]) => values.join(', ');

/** Shortens values such as data URIs before they are quoted in an error message or an output. */
export function abbreviate(value: string, max = 80): string {
	return value.length <= max ? value : `${value.slice(0, max)}… (${value.length} characters)`;
}

/** A string from a documented list; the message lists the accepted values. */
export const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values as unknown as [T[number], ...T[number][]], {
		errorMap: (_issue, context) => ({
			message: `must be one of ${listOf(values)} (got ${JSON.stringify(context.data)})`,
		}),
	});

/**
 * One readable line per problem, each naming the field by its UI label and its request path, e.g.
 * `Prompt (input.prompt) must be 2 to 3000 characters (got 1)`. `labels` maps request paths to labels.
 */
export function describeIssues(labels: Record<string, string>, error: z.ZodError): string[] {
	return error.issues.map((issue) => {
		const arrayIndex = typeof issue.path.at(-1) === 'number' ? (issue.path.at(-1) as number) : undefined;
		const fieldPath = issue.path.filter((part) => typeof part === 'string').join('.');
		const label = labels[fieldPath] ?? fieldPath;
		const position = arrayIndex === undefined ? '' : ` #${arrayIndex + 1}`;
		const apiPath = arrayIndex === undefined ? fieldPath : `${fieldPath}[${arrayIndex}]`;
		return `${label}${position} (${apiPath}) ${issue.message}`;
	});
}
