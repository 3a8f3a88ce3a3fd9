/** What LiangXin's platform allows, whatever the model: the limits the nodes keep to before a request. */

/**
 * Not documented: LiangXin answers 413 "request body too large" without saying where the limit is.
 * 10 MB is a common API-gateway limit (the sandbox refuses bodies over 10 MiB). Binary images are sent
 * as base64 data URIs, a third larger than the files, so this leaves about 7.5 MB of images per request.
 */
export const MAX_CREATE_REQUEST_BYTES = 10_000_000;

/**
 * Inferred, not documented: peers report that LiangXin accepts about 20 new tasks per 10 s per account
 * and answers 429 beyond it (the request is not queued).
 */
export const REPORTED_CREATE_LIMIT = { tasks: 20, windowMs: 10_000 } as const;

/** Longer task IDs are refused: LiangXin's are about 40 characters, and the trigger stores what it receives. */
export const MAX_TASK_ID_LENGTH = 256;

/**
 * The most an API answer may hold once decompressed. LiangXin's are a few KB; n8n sets no limit,
 * so a small gzip answer could otherwise unpack to hundreds of MB in memory.
 */
export const MAX_ANSWER_BYTES = 1024 * 1024;
