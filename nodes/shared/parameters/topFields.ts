import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { FieldDescriptor, ModelContract } from '../models';
import { fieldProperty } from './fieldProperty';
import { FROM_VERSION_1_1, IN_VERSION_1, isVersion1 } from './nodeVariant';

/**
 * The settings most users set first (a Nano Banana model's Aspect Ratio and Resolution) on the panel
 * itself, at their defaults, as the Nano Banana Pro node has them: from version 1.1 of the LiangXin
 * Image node. Version 1 keeps them among the Model Settings, where its saved workflows have them.
 */

/** `aspect_ratio` -> `aspectRatio`: the parameter's name, the one the Nano Banana Pro node uses. */
const parameterNameOf = (field: FieldDescriptor) => field.name.replace(/_([a-z0-9])/g, (_match, next: string) => next.toUpperCase());

/** The top fields of every model, each shown while its model is selected. */
export function topFieldProperties(contracts: readonly ModelContract[]): INodeProperties[] {
	return contracts.flatMap((contract) =>
		contract.fields
			.filter((field) => field.onTop)
			.map((field) => ({
				...fieldProperty(field),
				name: parameterNameOf(field),
				displayOptions: { show: { model: [contract.model], ...FROM_VERSION_1_1 } },
			})),
	);
}

/** A field among the Model Settings: a top field only in version 1. */
export const settingProperty = (field: FieldDescriptor): INodeProperties =>
	field.onTop ? { ...fieldProperty(field), displayOptions: { show: IN_VERSION_1 } } : fieldProperty(field);

/** The item's value of a field: from the panel for a top field from 1.1, else from the added Model Settings. */
export function fieldValue(context: IExecuteFunctions, itemIndex: number, field: FieldDescriptor, settings: IDataObject): unknown {
	if (field.onTop && !isVersion1(context)) return context.getNodeParameter(parameterNameOf(field), itemIndex, field.default);
	return settings[field.name];
}
