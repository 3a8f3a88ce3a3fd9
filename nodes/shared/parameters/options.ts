import type { IExecuteFunctions, INodeProperties, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { abbreviate } from '../util/zodRules';

/** A node's run (an item at a time) or its webhook (the trigger, a resumed pause: no items, read once). */
export type OptionContext = IExecuteFunctions | IWebhookFunctions;

/** An option of the Options collection as set for an item, its default when it is not added: the one place that reads options. */
export function optionValue(context: OptionContext, itemIndex: number, option: INodeProperties): unknown {
	const path = `options.${option.name}`;
	return 'getBodyData' in context
		? context.getNodeParameter(path, option.default)
		: context.getNodeParameter(path, itemIndex, option.default);
}

const FIX_THE_OPTION = 'Nothing was sent to LiangXin for this item. Fix the option and run again.';

/** An option set to a value it cannot take (an expression can yield any value), naming the item, the option and the rule. */
export function optionError(context: OptionContext, itemIndex: number, option: INodeProperties, rule: string, value: unknown, description = FIX_THE_OPTION) {
	return new NodeOperationError(
		context.getNode(),
		`Item ${itemIndex}: ${option.displayName} must be ${rule} (got ${abbreviate(String(JSON.stringify(value)))})`,
		{ itemIndex, description },
	);
}

export function readBooleanOption(context: OptionContext, itemIndex: number, option: INodeProperties): boolean {
	const value = optionValue(context, itemIndex, option);
	if (typeof value === 'boolean') return value;
	throw optionError(context, itemIndex, option, 'true or false', value);
}

export function readTextOption(context: OptionContext, itemIndex: number, option: INodeProperties): string {
	const value = optionValue(context, itemIndex, option);
	if (typeof value === 'string') return value;
	throw optionError(context, itemIndex, option, 'a text', value);
}
