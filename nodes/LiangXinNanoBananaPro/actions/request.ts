import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CreateTaskRequest } from '../../shared/model';
import {
	abbreviate,
	createTaskRequestSchema,
	describeIssues,
	isAcceptedReferenceImageMimeType,
	MODEL,
	REFERENCE_IMAGE_MIME_TYPES,
} from '../../shared/model';
import { LiangXinClient } from '../../shared/transport';
import { createRateLimitRule } from './fields';
import { readNumberOption } from './numberOption';

/** A client whose creates keep to the node's create rate limit, an execution-wide option read from the first item. */
export async function connectForCreates(context: IExecuteFunctions): Promise<LiangXinClient> {
	const maxCreatesPerWindow = readNumberOption(context, 0, createRateLimitRule);
	return await LiangXinClient.connect(context, { maxCreatesPerWindow });
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

function invalidItem(context: IExecuteFunctions, itemIndex: number, problems: string[]) {
	return new NodeOperationError(context.getNode(), `Item ${itemIndex}: ${problems.join('; ')}`, {
		itemIndex,
		description: 'Nothing was sent to LiangXin for this item. Fix the parameter and run again.',
	});
}

async function binaryImagesAsDataUris(context: IExecuteFunctions, itemIndex: number): Promise<string[]> {
	const names = String(context.getNodeParameter('binaryImageProperties', itemIndex, ''))
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	const dataUris: string[] = [];
	for (const name of names) {
		const item = context.getInputData()[itemIndex];
		const binary = item?.binary?.[name];
		if (!binary) {
			throw invalidItem(context, itemIndex, [
				`Binary Image Properties: the input item has no binary property "${name}"`,
			]);
		}
		const mimeType = (binary.mimeType ?? '').toLowerCase();
		if (!isAcceptedReferenceImageMimeType(mimeType)) {
			throw invalidItem(context, itemIndex, [
				`Binary Image Properties: "${name}" is ${mimeType || 'of unknown type'}; only ${REFERENCE_IMAGE_MIME_TYPES.join(', ')} are accepted`,
			]);
		}
		const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, name);
		dataUris.push(`data:${mimeType};base64,${buffer.toString('base64')}`);
	}
	return dataUris;
}

/** Reads one item's parameters into a createTask body, validated against the model's contract. */
export async function buildCreateTaskRequest(
	context: IExecuteFunctions,
	itemIndex: number,
	{ withCallback }: { withCallback: boolean },
): Promise<CreateTaskRequest> {
	const parameter = (name: string) => context.getNodeParameter(name, itemIndex, '') as unknown;
	const imageInput = [...toUrlList(parameter('imageInputUrls')), ...(await binaryImagesAsDataUris(context, itemIndex))];
	const referenceImages = toUrlList(parameter('referenceImageUrls'));
	const outputFormat = parameter('outputFormat');
	const callBackUrl = withCallback ? String(parameter('callbackUrl')).trim() : '';

	const candidate = {
		model: MODEL,
		...(callBackUrl ? { callBackUrl } : {}),
		input: {
			prompt: parameter('prompt'),
			...(imageInput.length ? { image_input: imageInput } : {}),
			...(referenceImages.length ? { reference_images: referenceImages } : {}),
			aspect_ratio: parameter('aspectRatio'),
			resolution: parameter('resolution'),
			...(outputFormat ? { output_format: outputFormat } : {}),
		},
	};
	const parsed = createTaskRequestSchema.safeParse(candidate);
	if (!parsed.success) throw invalidItem(context, itemIndex, describeIssues(parsed.error));
	return parsed.data;
}

/** The request as echoed in an output item: data URIs shortened so items stay small. */
export function summarizeRequest(request: CreateTaskRequest): IDataObject {
	const shorten = (images?: string[]) =>
		images?.map((image) => (image.startsWith('data:') ? abbreviate(image, 40) : image));
	return {
		...request,
		input: {
			...request.input,
			...(request.input.image_input ? { image_input: shorten(request.input.image_input) } : {}),
			...(request.input.reference_images ? { reference_images: shorten(request.input.reference_images) } : {}),
		},
	};
}
