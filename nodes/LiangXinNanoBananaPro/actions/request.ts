import type { IBinaryData, IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { CreateTaskRequest, ReferenceImageMimeType } from '../../shared/model';
import {
	createTaskRequestSchema,
	FIELD_LABELS,
	isAcceptedReferenceImageMimeType,
	MAX_CREATE_REQUEST_BYTES,
	MODEL,
	REFERENCE_IMAGE_MIME_TYPES,
} from '../../shared/model';
import { abbreviate, describeIssues } from '../../shared/zodRules';
import { binaryPropertyNameProblem } from '../../shared/propertyNames';
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

/** A binary property of an item, sent as a data URI: checked in prepare, read only when its request is sent. */
interface BinaryImage {
	property: string;
	mimeType: ReferenceImageMimeType;
	/** Length of its base64 text, known without reading the file. */
	base64Length: number;
}

/** A createTask body checked against the contract, and the binary images that join `image_input` when it is sent. */
export interface PreparedCreate {
	request: CreateTaskRequest;
	binaryImages: BinaryImage[];
}

async function base64Length(context: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	// Stored outside the item (filesystem, database, S3): its metadata has the size. Else `data` is the base64.
	if (!binary.id) return binary.data.length;
	const { fileSize } = await context.helpers.getBinaryMetadata(binary.id);
	return 4 * Math.ceil(fileSize / 3);
}

async function checkBinaryImages(context: IExecuteFunctions, itemIndex: number): Promise<BinaryImage[]> {
	const names = String(context.getNodeParameter('binaryImageProperties', itemIndex, ''))
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	const images: BinaryImage[] = [];
	for (const name of names) {
		const reserved = binaryPropertyNameProblem('Binary Image Properties', name);
		if (reserved) throw invalidItem(context, itemIndex, [reserved]);
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
		images.push({ property: name, mimeType, base64Length: await base64Length(context, binary) });
	}
	return images;
}

const dataUriPrefix = (mimeType: string) => `data:${mimeType};base64,`;
const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** Refuses an item whose body would pass LiangXin's size limit, naming the binary property that tips it over. */
function checkRequestSize(context: IExecuteFunctions, itemIndex: number, request: CreateTaskRequest, images: BinaryImage[]) {
	let bytes = new TextEncoder().encode(JSON.stringify(request)).length;
	for (const image of images) {
		bytes += image.base64Length;
		if (bytes <= MAX_CREATE_REQUEST_BYTES) continue;
		throw invalidItem(context, itemIndex, [
			`Binary Image Properties: with "${image.property}" (${megabytes(image.base64Length)} as a data URI) the request would be ${megabytes(bytes)}; LiangXin accepts at most ${megabytes(MAX_CREATE_REQUEST_BYTES)} per request. Pass the image as a URL, or make it smaller`,
		]);
	}
}

/** The item's request with its binary images as data URIs: built just before it is sent, so that only the items being sent hold one. */
export async function withBinaryImages(
	context: IExecuteFunctions,
	itemIndex: number,
	{ request, binaryImages }: PreparedCreate,
): Promise<CreateTaskRequest> {
	if (binaryImages.length === 0) return request;
	const dataUris: string[] = [];
	for (const image of binaryImages) {
		const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, image.property);
		dataUris.push(`${dataUriPrefix(image.mimeType)}${buffer.toString('base64')}`);
	}
	const imageInput = [...(request.input.image_input ?? []), ...dataUris];
	return { ...request, input: { ...request.input, image_input: imageInput } };
}

/**
 * Reads one item's parameters into a createTask body, validated against the model's contract, without
 * reading its binary images: each stands in the validation for a data URI of its type (base64 always
 * fits the rule), and its size is checked from the binary's metadata.
 */
export async function prepareCreateTask(
	context: IExecuteFunctions,
	itemIndex: number,
	{ withCallback }: { withCallback: boolean },
): Promise<PreparedCreate> {
	const parameter = (name: string) => context.getNodeParameter(name, itemIndex, '') as unknown;
	const imageUrls = toUrlList(parameter('imageInputUrls'));
	const binaryImages = await checkBinaryImages(context, itemIndex);
	const imageInput = [...imageUrls, ...binaryImages.map((image) => `${dataUriPrefix(image.mimeType)}AAAA`)];
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
	if (!parsed.success) throw invalidItem(context, itemIndex, describeIssues(FIELD_LABELS, parsed.error));
	const { image_input: withStandIns = [], ...input } = parsed.data.input;
	const urls = withStandIns.slice(0, imageUrls.length);
	const request = { ...parsed.data, input: urls.length ? { ...input, image_input: urls } : input };
	checkRequestSize(context, itemIndex, request, binaryImages);
	return { request, binaryImages };
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
