/** Names that reach an object's prototype machinery instead of becoming a property of its own. */
const RESERVED_PROPERTY_NAMES = ['__proto__', 'constructor', 'prototype'];

/** Why `name`, typed into the option `label`, cannot name a binary property; undefined when it can. */
export function binaryPropertyNameProblem(label: string, name: string): string | undefined {
	if (!RESERVED_PROPERTY_NAMES.includes(name)) return undefined;
	return `${label}: "${name}" cannot name a binary property (${RESERVED_PROPERTY_NAMES.join(', ')} are reserved)`;
}
