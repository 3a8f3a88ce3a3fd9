import type { IExecuteFunctions } from 'n8n-workflow';

import { createRateLimitLabel, createRateLimitRule } from '../parameters/fields';
import { readNumberOption } from '../parameters/numberOption';
import { LiangXinClient } from '../transport/client';

/** A client whose creates keep to the node's create rate limit, an execution-wide option read from the first item. */
export async function connectForCreates(context: IExecuteFunctions): Promise<LiangXinClient> {
	const maxCreatesPerWindow = readNumberOption(context, 0, createRateLimitRule);
	return await LiangXinClient.connect(context, { maxCreatesPerWindow, createLimitSetting: createRateLimitLabel });
}
