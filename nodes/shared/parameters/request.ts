import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { z } from 'zod';

import type { CreateTaskBody } from '../tasks/api';
import { describeIssues } from '../util/zodRules';
import type { BinaryImage } from './binaryImages';
import { checkRequestSize, dataUrisOf, readBinaryImages, standInFor } from './binaryImages';
import { readCallbackUrl } from './fields';
import { invalidItem } from './invalidItem';

/** How a model's request is checked: its contract's schema, the UI labels its messages use, its binary image field. */
interface RequestCheck {
	schema: z.ZodType<CreateTaskBody, z.ZodTypeDef, unknown>;
	/** UI label by request path, e.g. `input.prompt` -> `Prompt`. */
	labels: Record<string, string>;
	/** The list field that images from binary input join; none when the model documents no image field. */
	binaryField?: string;
}

/** What a node reads from an item's parameters, before binary images and the callback URL join it. */
export interface ItemRequest {
	model: string;
	input: Record<string, unknown>;
	check: RequestCheck;
}

/** The parameters of a node that describe a request, and how to read them for an item. */
export interface RequestParameters {
	properties: INodeProperties[];
	/** Options of these requests, for the Options of the operations that create tasks. */
	options?: INodeProperties[];
	/** The model's name in the node's subtitle: an expression over `$parameter`. */
	subtitleModel: string;
	read: (context: IExecuteFunctions, itemIndex: number) => ItemRequest;
}

/** A createTask body checked against its contract, and the binary images that join `binaryField` when it is sent. */
export interface PreparedCreate {
	request: CreateTaskBody;
	binaryImages: BinaryImage[];
	binaryField?: string;
}

const listIn = (input: Record<string, unknown>, field: string) => {
	const value = input[field];
	return Array.isArray(value) ? (value as unknown[]) : [];
};

/** `input` with `values` appended to its list `field`; the field is left out when the list is empty. */
function withList(input: Record<string, unknown>, field: string, values: unknown[]): Record<string, unknown> {
	const rest = { ...input };
	delete rest[field];
	return values.length ? { ...rest, [field]: values } : rest;
}

/**
 * Reads one item's request and checks it against the model's contract, without reading its binary
 * images: each stands in the check for a data URI of its type, and its size is checked from the
 * binary's metadata. Throws an error naming the item, the field and the rule before anything is sent.
 * A pause sets its own callback URL, so it does not read the Callback URL (`withCallbackUrl` false).
 */
export async function prepareCreate(
	context: IExecuteFunctions,
	itemIndex: number,
	parameters: RequestParameters,
	withCallbackUrl = true,
): Promise<PreparedCreate> {
	const { model, input, check } = parameters.read(context, itemIndex);
	const { binaryField } = check;
	const binaryImages = binaryField ? await readBinaryImages(context, itemIndex) : [];
	const callBackUrl = withCallbackUrl ? readCallbackUrl(context, itemIndex) : '';
	const candidate = {
		model,
		...(callBackUrl ? { callBackUrl } : {}),
		input: binaryField ? withList(input, binaryField, [...listIn(input, binaryField), ...binaryImages.map(standInFor)]) : input,
	};
	const parsed = check.schema.safeParse(candidate);
	if (!parsed.success) throw invalidItem(context, itemIndex, describeIssues(check.labels, parsed.error));
	let request = parsed.data;
	if (binaryField && binaryImages.length) {
		const given = listIn(request.input, binaryField);
		request = { ...request, input: withList(request.input, binaryField, given.slice(0, given.length - binaryImages.length)) };
	}
	checkRequestSize(context, itemIndex, request, binaryImages);
	return { request, binaryImages, binaryField };
}

/** The item's request with its binary images as data URIs: built just before it is sent, so that only the items being sent hold one. */
export async function withBinaryImages(
	context: IExecuteFunctions,
	itemIndex: number,
	{ request, binaryImages, binaryField }: PreparedCreate,
): Promise<CreateTaskBody> {
	if (!binaryField || binaryImages.length === 0) return request;
	const dataUris = await dataUrisOf(context, itemIndex, binaryImages);
	return { ...request, input: withList(request.input, binaryField, [...listIn(request.input, binaryField), ...dataUris]) };
}
