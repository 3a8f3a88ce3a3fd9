import type { IDataObject } from 'n8n-workflow';

import type { CreateTaskBody } from '../tasks/api';
import { maskQueryValues } from '../util/urls';
import { abbreviate } from '../util/zodRules';

/** The request as echoed in an output item: data URIs shortened so items stay small, the callback URL's query values (its token) masked. */
export function summarizeRequest(request: CreateTaskBody): IDataObject {
	const shorten = (value: unknown): unknown =>
		Array.isArray(value)
			? value.map(shorten)
			: typeof value === 'string' && value.startsWith('data:')
				? abbreviate(value, 40)
				: value;
	const input = Object.fromEntries(Object.entries(request.input).map(([field, value]) => [field, shorten(value)]));
	return {
		...request,
		...(request.callBackUrl ? { callBackUrl: maskQueryValues(request.callBackUrl) } : {}),
		input,
	} as IDataObject;
}
