import type { INodeProperties } from 'n8n-workflow';

import type { FieldDescriptor } from '../models';
import { NOT_SENT, optionsInWords } from './optionNames';

/**
 * The UI parameter of one documented `input.*` field: its type, options in words, range and default
 * from the contract. Added to a collection, it starts at LiangXin's documented default; where none is
 * documented it starts empty (a number box with nothing in it, the choice "Default (Not Sent)"), and an
 * empty field is not sent. A switch has no empty state: added, it is sent.
 */
export function fieldProperty(field: FieldDescriptor): INodeProperties {
	const base = { displayName: field.label, name: field.name, description: field.description, ...(field.hint ? { hint: field.hint } : {}) };
	switch (field.type) {
		case 'integer':
			return {
				...base,
				type: 'number',
				default: field.default ?? null,
				typeOptions: {
					numberPrecision: 0,
					...(field.min === undefined ? {} : { minValue: field.min }),
					...(field.max === undefined ? {} : { maxValue: field.max }),
				},
			};
		case 'boolean':
			return { ...base, type: 'boolean', default: field.default ?? false };
		case 'options': {
			const options = optionsInWords(field.name, field.options ?? []);
			return field.default === undefined
				? { ...base, type: 'options', options: [NOT_SENT, ...options], default: NOT_SENT.value }
				: { ...base, type: 'options', options, default: field.default };
		}
		case 'imageUrls':
			return { ...base, type: 'string', default: '', description: `${field.description}. One per line or comma-separated` };
		default:
			return { ...base, type: 'string', default: field.default ?? '' };
	}
}
