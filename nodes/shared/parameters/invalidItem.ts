import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** An item refused before anything was sent for it; `problems` name the field and the rule. */
export function invalidItem(context: IExecuteFunctions, itemIndex: number, problems: string[]) {
	return new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${problems.join('; ')}`, {
		itemIndex,
		description: 'Nothing was sent to LiangXin for this item. Fix the parameter and run again.',
	});
}
