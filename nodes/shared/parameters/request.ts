import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { z } from 'zod';

import type { CreateTaskBody } from '../tasks/api';
import { LiangXinClient } from '../transport/client';
import { maskQueryValues } from '../util/urls';
import { abbreviate, describeIssues } from '../util/zodRules';
import type { BinaryImage } from './binaryImages';
import { checkRequestSize, dataUrisOf, readBinaryImages, standInFor } from './binaryImages';
import { createRateLimitLabel, createRateLimitRule, readCallbackUrl } from './fields';
import { invalidItem } from './invalidItem';
import { readNumberOption } from './numberOption';

/** A client whose creates keep to the node's create rate limit, an execution-wide option read from the first item. */
export async function connectForCreates(context: IExecuteFunctions): Promise<LiangXinClient> {
	const maxCreatesPerWindow = readNumberOption(context, 0, createRateLimitRule);
	return await LiangXinClient.connect(context, { maxCreatesPerWindow, createLimitSetting: createRateLimitLabel });
}

/** Matches where an entry starts: a URL or a data URI, after optional spaces. Sticky, so it looks at one position. */
const ENTRY_START = /\s*(?:https?:\/\/|data:)/iy;

/** A line's entries: a comma separates only when the next entry starts a URL or a data URI. */
function splitLine(line: string): string[] {
	const entries: string[] = [];
	let start = 0;
	for (let comma = line.indexOf(','); comma !== -1; comma = line.indexOf(',', comma + 1)) {
		ENTRY_START.lastIndex = comma + 1;
		if (!ENTRY_START.test(line)) continue;
		entries.push(line.slice(start, comma));
		start = comma + 1;
	}
	entries.push(line.slice(start));
	return entries;
}

/**
 * Splits a list typed by a user: one per line or comma-separated. A comma only separates when the
 * next entry starts a URL, because data URIs contain commas themselves. Linear in the length: the
 * text can come from an expression, and a regex that backtracks over it can block the event loop.
 */
export function toUrlList(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(toUrlList);
	if (typeof value !== 'string') return value === undefined || value === null ? [] : [String(value)];
	return value
		.split(/\r\n|\r|\n/)
		.flatMap(splitLine)
		.map((entry) => entry.trim())
		.filter(Boolean);
}

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
 */
export async function prepareCreate(
	context: IExecuteFunctions,
	itemIndex: number,
	parameters: RequestParameters,
): Promise<PreparedCreate> {
	const { model, input, check } = parameters.read(context, itemIndex);
	const { binaryField } = check;
	const binaryImages = binaryField ? await readBinaryImages(context, itemIndex) : [];
	const callBackUrl = readCallbackUrl(context, itemIndex);
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
