import type { INodeProperties } from 'n8n-workflow';

import type { FieldDescriptor } from '../models';

/** The UI parameter of one documented `input.*` field: its type, options, range and default from the contract. */
export function fieldProperty(field: FieldDescriptor): INodeProperties {
	const base = { displayName: field.label, name: field.name, description: field.description };
	switch (field.type) {
		case 'integer':
			return {
				...base,
				type: 'number',
				default: field.default ?? field.min ?? 0,
				typeOptions: {
					numberPrecision: 0,
					...(field.min === undefined ? {} : { minValue: field.min }),
					...(field.max === undefined ? {} : { maxValue: field.max }),
				},
			};
		case 'boolean':
			return { ...base, type: 'boolean', default: field.default ?? false };
		case 'options': {
			const options = field.options ?? [];
			return {
				...base,
				type: 'options',
				options: options.map((value) => ({ name: value, value })),
				default: field.default ?? options[0],
			};
		}
		case 'imageUrls':
			return { ...base, type: 'string', default: '', description: `${field.description}. One per line or comma-separated` };
		default:
			return { ...base, type: 'string', default: field.default ?? '' };
	}
}
