import { z } from 'zod';

import { abbreviate, listOf, oneOf } from '../util/zodRules';
import type { PromptLength } from './prompt';
import { promptSchema } from './prompt';

/**
 * The rules of LiangXin's Nano Banana models (`nano-banana-pro`, and the Flash model built on them):
 * their values, their reference-image rule and the schema of their input. nanoBananaPro.ts gives them
 * the common contract shape, from which both nodes build their parameters and their checks.
 */
export const MODEL = 'nano-banana-pro';

export const PROMPT_LENGTH: PromptLength = { min: 2, max: 3000 };

/** `image_input` and `reference_images` together. */
export const MAX_REFERENCE_IMAGES = 3;

export const ASPECT_RATIOS = [
	'1:1',
	'2:3',
	'3:2',
	'4:3',
	'3:4',
	'5:4',
	'4:5',
	'16:9',
	'9:16',
	'21:9',
] as const;
export const DEFAULT_ASPECT_RATIO: AspectRatio = '1:1';

export const RESOLUTIONS = ['1K', '2K', '4K', 'low', 'medium', 'high'] as const;
export const DEFAULT_RESOLUTION: Resolution = '2K';

export const OUTPUT_FORMATS = ['png'] as const;

const REFERENCE_IMAGE_EXTENSIONS = ['png', 'jpg', 'jpeg', 'webp'] as const;
export const REFERENCE_IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;

type AspectRatio = (typeof ASPECT_RATIOS)[number];
export type Resolution = (typeof RESOLUTIONS)[number];
export type ReferenceImageMimeType = (typeof REFERENCE_IMAGE_MIME_TYPES)[number];

const extensionList = REFERENCE_IMAGE_EXTENSIONS.map((extension) => `.${extension}`).join(', ');

export const REFERENCE_IMAGE_RULE =
	`a URL ending in ${extensionList}, or a data URI of ${listOf(REFERENCE_IMAGE_MIME_TYPES)}`;

const referenceImageUrlPattern = new RegExp(
	`^https?://\\S+\\.(${REFERENCE_IMAGE_EXTENSIONS.join('|')})$`,
	'i',
);
const referenceImageDataUriPattern = new RegExp(
	`^data:(${REFERENCE_IMAGE_MIME_TYPES.join('|')});base64,[A-Za-z0-9+/]+={0,2}$`,
	'i',
);

/** The documented rule: the URL itself ends with the extension (no query string), or a data URI. */
export function isAcceptedReferenceImage(value: string): boolean {
	return referenceImageUrlPattern.test(value) || referenceImageDataUriPattern.test(value);
}

export function isAcceptedReferenceImageMimeType(mimeType: string): mimeType is ReferenceImageMimeType {
	return (REFERENCE_IMAGE_MIME_TYPES as readonly string[]).includes(mimeType);
}

const referenceImage = z
	.string({ invalid_type_error: 'must be a string' })
	.refine(isAcceptedReferenceImage, (value) => ({
		message:
			`must be ${REFERENCE_IMAGE_RULE} (got "${abbreviate(value)}"). ` +
			'For an image hosted elsewhere or of another type, download it and pass it in Input Binary Fields instead',
	}));

export const createTaskInputSchema = z
	.object({
		prompt: promptSchema(PROMPT_LENGTH),
		image_input: z.array(referenceImage).optional(),
		reference_images: z.array(referenceImage).optional(),
		aspect_ratio: oneOf(ASPECT_RATIOS).optional(),
		resolution: oneOf(RESOLUTIONS).optional(),
		output_format: oneOf(OUTPUT_FORMATS).optional(),
	})
	.superRefine((input, context) => {
		const count = (input.image_input?.length ?? 0) + (input.reference_images?.length ?? 0);
		if (count > MAX_REFERENCE_IMAGES) {
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['image_input'],
				message: `together with reference images must hold at most ${MAX_REFERENCE_IMAGES} images (got ${count})`,
			});
		}
	});
