import { z } from 'zod';

import { callBackUrlSchema } from '../platform/callbackUrl';
import { abbreviate, listOf, oneOf } from '../util/zodRules';

/**
 * The contract of LiangXin's `nano-banana-pro` model, written once. The node's UI parameters and the
 * validation that runs before any request are both built from these constants and this schema.
 */
export const MODEL = 'nano-banana-pro';

export const PROMPT_LENGTH = { min: 2, max: 3000 } as const;

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
			'For an image hosted elsewhere or of another type, download it and pass it as a binary property instead',
	}));

/** Characters as a person counts them: code points, so an emoji is one, not two UTF-16 units. */
const characterCount = (text: string) => [...text].length;

const prompt = z
	.string({ required_error: 'is required', invalid_type_error: 'must be text' })
	.refine(
		(text) => characterCount(text) >= PROMPT_LENGTH.min && characterCount(text) <= PROMPT_LENGTH.max,
		(text) => ({
			message: `must be ${PROMPT_LENGTH.min} to ${PROMPT_LENGTH.max} characters (got ${characterCount(text)})`,
		}),
	);

export const createTaskInputSchema = z
	.object({
		prompt,
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

export const createTaskRequestSchema = z.object({
	model: z.literal(MODEL),
	callBackUrl: callBackUrlSchema.optional(),
	input: createTaskInputSchema,
});

/** How each request field is called in the node's UI, for error messages a user can act on. */
export const FIELD_LABELS: Record<string, string> = {
	model: 'Model',
	callBackUrl: 'Callback URL',
	'input.prompt': 'Prompt',
	'input.image_input': 'Image Input URLs',
	'input.reference_images': 'Reference Image URLs',
	'input.aspect_ratio': 'Aspect Ratio',
	'input.resolution': 'Resolution',
	'input.output_format': 'Output Format',
};
