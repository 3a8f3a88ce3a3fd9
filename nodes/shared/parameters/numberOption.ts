import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { optionValue } from './options';

/** A number in an operation's Options collection: its field and its check are built from this one rule. */
export interface NumberOptionRule {
	name: string;
	label: string;
	min: number;
	max?: number;
	/** Decimals allowed; whole numbers only when absent. */
	decimals?: number;
	fallback: number;
	description: string;
}

export function numberOptionField(rule: NumberOptionRule): INodeProperties {
	const { fallback } = rule;
	return {
		displayName: rule.label,
		name: rule.name,
		type: 'number',
		typeOptions: {
			minValue: rule.min,
			...(rule.max === undefined ? {} : { maxValue: rule.max }),
			...(rule.decimals ? { numberPrecision: rule.decimals } : {}),
		},
		default: fallback,
		description: rule.description,
	};
}

/**
 * Reads the option for an item and checks it before anything is sent: an expression can yield any
 * value, and a wrong one would otherwise wait forever, poll in a loop or run no item at all.
 */
export function readNumberOption(context: IExecuteFunctions, itemIndex: number, rule: NumberOptionRule): number {
	const value = optionValue(context, itemIndex, numberOptionField(rule));
	const max = rule.max ?? Infinity;
	const whole = !rule.decimals;
	if (typeof value === 'number' && value >= rule.min && value <= max && (!whole || Number.isInteger(value))) return value;
	const range = rule.max === undefined ? `of at least ${rule.min}` : `from ${rule.min} to ${rule.max}`;
	throw new NodeOperationError(
		context.getNode(),
		`Item ${itemIndex}: ${rule.label} must be ${whole ? 'a whole number' : 'a number'} ${range} (got ${JSON.stringify(value)})`,
		{ itemIndex, description: 'Nothing was sent to LiangXin for this item. Fix the option and run again.' },
	);
}
