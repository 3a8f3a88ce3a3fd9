import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { maskCallbackToken } from '../../shared/callbackToken';
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

/**
 * Splits a list typed by a user: one per line or comma-separated. A comma only separates when the
 * next entry starts a URL, because data URIs contain commas themselves.
 */
export function toUrlList(value: unknown): string[] {
	if (Array.isArray(value)) return value.flatMap(toUrlList);
	if (typeof value !== 'string') return value === undefined || value === null ? [] : [String(value)];
	return value
		.split(/\s*[\r\n]+\s*|\s*,\s*(?=https?:\/\/|data:)/i)
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

/** The request as echoed in an output item: data URIs shortened so items stay small, the callback's token masked. */
export function summarizeRequest(request: CreateTaskRequest): IDataObject {
	const shorten = (images?: string[]) =>
		images?.map((image) => (image.startsWith('data:') ? abbreviate(image, 40) : image));
	return {
		...request,
		...(request.callBackUrl ? { callBackUrl: maskCallbackToken(request.callBackUrl) } : {}),
		input: {
			...request.input,
			...(request.input.image_input ? { image_input: shorten(request.input.image_input) } : {}),
			...(request.input.reference_images ? { reference_images: shorten(request.input.reference_images) } : {}),
		},
	};
}
