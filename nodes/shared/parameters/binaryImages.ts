import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

import type { ReferenceImageMimeType } from '../models/nanoBanana';
import { isAcceptedReferenceImageMimeType, REFERENCE_IMAGE_MIME_TYPES } from '../models/nanoBanana';
import { MAX_CREATE_REQUEST_BYTES } from '../platform/limits';
import { binaryPropertyNameProblem } from '../util/propertyNames';
import { binaryImagePropertiesField } from './fields';
import { invalidItem } from './invalidItem';

/** A binary property of an item, sent as a data URI: checked in prepare, read only when its request is sent. */
export interface BinaryImage {
	property: string;
	mimeType: ReferenceImageMimeType;
	/** Length of its base64 text, known without reading the file. */
	base64Length: number;
}

const label = binaryImagePropertiesField.displayName;

async function base64Length(context: IExecuteFunctions, binary: IBinaryData): Promise<number> {
	// Stored outside the item (filesystem, database, S3): its metadata has the size. Else `data` is the base64.
	if (!binary.id) return binary.data.length;
	const { fileSize } = await context.helpers.getBinaryMetadata(binary.id);
	return 4 * Math.ceil(fileSize / 3);
}

/** The item's Binary Image Properties, each checked (name, presence, type, size) without reading its bytes. */
export async function readBinaryImages(context: IExecuteFunctions, itemIndex: number): Promise<BinaryImage[]> {
	const names = String(context.getNodeParameter('binaryImageProperties', itemIndex, ''))
		.split(',')
		.map((name) => name.trim())
		.filter(Boolean);
	const images: BinaryImage[] = [];
	for (const name of names) {
		const reserved = binaryPropertyNameProblem(label, name);
		if (reserved) throw invalidItem(context, itemIndex, [reserved]);
		const item = context.getInputData()[itemIndex];
		const binary = item?.binary?.[name];
		if (!binary) {
			throw invalidItem(context, itemIndex, [`${label}: the input item has no binary property "${name}"`]);
		}
		const mimeType = (binary.mimeType ?? '').toLowerCase();
		if (!isAcceptedReferenceImageMimeType(mimeType)) {
			throw invalidItem(context, itemIndex, [
				`${label}: "${name}" is ${mimeType || 'of unknown type'}; only ${REFERENCE_IMAGE_MIME_TYPES.join(', ')} are accepted`,
			]);
		}
		images.push({ property: name, mimeType, base64Length: await base64Length(context, binary) });
	}
	return images;
}

const dataUriPrefix = (mimeType: string) => `data:${mimeType};base64,`;
const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** What an image stands for while its request is validated: a data URI of its type (base64 always fits the rule). */
export const standInFor = (image: BinaryImage) => `${dataUriPrefix(image.mimeType)}AAAA`;

/** Refuses an item whose body would pass LiangXin's size limit, naming the binary property that tips it over. */
export function checkRequestSize(context: IExecuteFunctions, itemIndex: number, request: object, images: BinaryImage[]) {
	let bytes = new TextEncoder().encode(JSON.stringify(request)).length;
	for (const image of images) {
		bytes += image.base64Length;
		if (bytes <= MAX_CREATE_REQUEST_BYTES) continue;
		throw invalidItem(context, itemIndex, [
			`${label}: with "${image.property}" (${megabytes(image.base64Length)} as a data URI) the request would be ${megabytes(bytes)}; LiangXin accepts at most ${megabytes(MAX_CREATE_REQUEST_BYTES)} per request. Pass the image as a URL, or make it smaller`,
		]);
	}
}

/** Reads the images' bytes into data URIs: call it just before the request, so that only items being sent hold them. */
export async function dataUrisOf(context: IExecuteFunctions, itemIndex: number, images: BinaryImage[]): Promise<string[]> {
	const dataUris: string[] = [];
	for (const image of images) {
		const buffer = await context.helpers.getBinaryDataBuffer(itemIndex, image.property);
		dataUris.push(`${dataUriPrefix(image.mimeType)}${buffer.toString('base64')}`);
	}
	return dataUris;
}
