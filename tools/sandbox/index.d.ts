// Types of the LiangXin sandbox (scripts/sandbox/index.js), for TypeScript tests.

/**
 * Log-normal (median `medianMs`, log-space standard deviation `sigma`); a share `longShare` of tasks
 * is instead uniform in [longMinMs, maxMs]; every duration is multiplied by its resolution's factor
 * (default 1) and capped at maxMs.
 */
export interface TaskDurationDistribution {
	medianMs: number;
	sigma: number;
	longShare: number;
	longMinMs: number;
	maxMs: number;
	resolutionFactors?: Partial<Record<'1K' | '2K' | '4K', number>>;
}

export type TaskState = 'waiting' | 'queuing' | 'generating' | 'success' | 'fail';

export interface SandboxOptions {
	/** Bearer key accepted on /api/v1/*. Default 'sandbox-test-key'. */
	apiKey: string;
	/** Default '127.0.0.1'; fixed once listening. */
	host: string;
	/** Default 0 (a free port); fixed once listening. */
	port: number;
	/** Time from create to success/fail. Default 1500. 10% waiting, 10% queuing, 80% generating. */
	taskDurationMs: number;
	/** Uniform ±jitter on taskDurationMs. Default 0. */
	taskDurationJitterMs: number;
	/** Heavy-tailed durations instead of taskDurationMs ± jitter. Default null. Drawn in creation order from the seed. */
	taskDurations: TaskDurationDistribution | null;
	/** Duration of tasks whose prompt contains `[slow]`. Default 60000. */
	slowTaskMs: number;
	/** Share of tasks that fail at random (failCode '500'). Default 0. `[fail]` in a prompt always fails (failCode '422'). */
	failRatio: number;
	/** Result images per successful task. Default 1; `[images=N]` in a prompt overrides it. */
	resultImages: number;
	/** Pixel scale of result images: 1/32 (default, fast) or 1 (real 1K/2K/4K size). */
	imageScale: number;
	/** createTask bodies above this answer 413. Default 10 MiB. */
	maxBodyBytes: number;
	/** Sliding-window limit of created tasks per API key; beyond it 429 + Retry-After. Default null (off). */
	createRateLimit: { max: number; windowMs: number } | null;
	/** Answer every /api/v1 call with 403 "insufficient quota or access denied". Default false. */
	accessDenied: boolean;
	/** Share of createTask calls answered 429 "group saturated" (no Retry-After). Default 0. */
	create429Ratio: number;
	/** Share of recordInfo calls answered HTTP 500 (task-layer envelope). Default 0. */
	recordInfo5xxRatio: number;
	/** Share of calls whose socket is destroyed without an answer; createTask drops before or after creating the task. Default 0. */
	dropConnectionRatio: number;
	/** Share of recordInfo calls answered 200 with a non-JSON or wrong-shape body. Default 0. */
	malformedRatio: number;
	/** Delay before every emulated answer. Default 0. */
	slowResponseMs: number;
	/** Seed of every random decision; null (default) = a fresh random seed. */
	seed: number | null;
	/** Deliveries of each callback. Default 1; 2 = the same callback arrives twice; `[no-callback]` in a prompt: none. */
	callbackRepeats: number;
	/** Pause between repeated deliveries. Default 200. */
	callbackDelayMs: number;
	/** A delivery not answered 2xx is tried again after each of these delays in turn. Default [] (no retry). */
	callbackRetryDelaysMs: number[];
}

export type SandboxRoute = 'createTask' | 'recordInfo' | 'image' | 'unknown' | 'callback' | 'forgedCallback';

export type LogFault =
	| 'queued'
	| 'drop'
	| 'drop-before-create'
	| 'drop-after-create'
	| 'random-429'
	| 'random-500'
	| 'malformed';

export interface LogEntry {
	/** ms epoch: when the request arrived (or the callback was sent). */
	at: number;
	method: string;
	/** URL path; 'callback' for outgoing callbacks. */
	path: string;
	route: SandboxRoute;
	query: Record<string, string>;
	/** HTTP status answered (or, for callbacks, answered by the receiver); null when dropped or unreachable. */
	status: number | null;
	/** Request body (callbacks: the body sent): parsed JSON, else the raw string; null when absent or too large. */
	body: unknown;
	bodyBytes?: number;
	/** Answer body (JSON value or string); null for images and drops. */
	response?: unknown;
	responseBytes?: number;
	taskId?: string;
	/** Whether the request carried the right Bearer key (the value itself is never stored). */
	authorized: boolean;
	fault?: LogFault;
	/** Callbacks only. */
	url?: string;
	delivery?: number;
	/** Callbacks: 1 for the first try of a delivery, then 2, 3, ... for its retries (callbackRetryDelaysMs). */
	attempt?: number;
	error?: string;
}

export interface SandboxTask {
	taskId: string;
	model: string;
	/** The createTask body as received. */
	body: any;
	/** JSON string of body, as recordInfo returns it. */
	param: string;
	createdAt: number;
	durationMs: number;
	completeAt: number;
	transitions: Array<{ state: TaskState; at: number }>;
	finalState: 'success' | 'fail';
	failCode: string;
	failMsg: string;
	/** Pixels after imageScale; jpeg only when the model documents it (imagen4-ultra's output_format). */
	image: { width: number; height: number; format: 'png' | 'jpeg'; count: number };
	resultUrls: string[];
	callback: { url: string; repeats: number; delayMs: number } | null;
	/** 'drop-after-create' when the creating call's connection was dropped after the task was created. */
	fault: LogFault | null;
}

export interface QueuedFault {
	path: 'createTask' | 'recordInfo' | 'image';
	/** Required unless `drop` is set. */
	status?: number;
	/** Object -> JSON, string -> sent as is. Default: task-layer envelope (platform envelope for 401). */
	body?: unknown;
	headers?: Record<string, string>;
	/** How many next calls get this answer. Default 1. */
	times?: number;
	/** Destroy the socket instead of answering: 'before' processing, or 'after' it (the task gets created). */
	drop?: 'before' | 'after';
}

export interface SandboxSnapshot {
	options: SandboxOptions;
	log: LogEntry[];
	tasks: Array<SandboxTask & { state: TaskState }>;
	pendingFaults: QueuedFault[];
}

export interface Sandbox {
	readonly baseUrl: string;
	readonly port: number;
	readonly apiKey: string;
	readonly options: SandboxOptions;
	/** Live array, cleared by reset(). */
	readonly log: LogEntry[];
	/** Live map taskId -> task, cleared by reset(). */
	readonly tasks: Map<string, SandboxTask>;
	/** Changes options at runtime (not host/port); returns the options now in force. */
	configure(partialOptions: Partial<SandboxOptions>): SandboxOptions;
	/** Clears log, tasks, rate-limit counters, queued faults, pending callbacks, image cache; restores the start options when resetOptions. */
	reset(resetOptions?: boolean): void;
	/** Closes the server, every socket and timer. */
	close(): Promise<void>;
	createCalls(): LogEntry[];
	recordInfoCalls(): LogEntry[];
	imageCalls(): LogEntry[];
	/** Real callback deliveries (forged ones have route 'forgedCallback'). */
	callbackCalls(): LogEntry[];
	/** Called with each new log entry; returns an unsubscribe function. */
	onLog(listener: (entry: LogEntry) => void): () => void;
	/** Resolves with all matching entries once there are `count` (default 1); rejects after timeoutMs (default 5000). */
	waitForLog(predicate: (entry: LogEntry) => boolean, count?: number, timeoutMs?: number): Promise<LogEntry[]>;
	waitForCallbacks(count?: number, timeoutMs?: number): Promise<LogEntry[]>;
	taskState(taskId: string): TaskState | undefined;
	/** Exactly the bytes served at the task's n-th result URL. */
	imageBytes(taskId: string, n?: number): Promise<Buffer>;
	queueFault(fault: QueuedFault): void;
	pendingFaults(): QueuedFault[];
	/** POSTs body (string as is, anything else as JSON, content-type application/json) to url; logged as route 'forgedCallback'. */
	forgeCallback(url: string, body: unknown, headers?: Record<string, string>): Promise<LogEntry>;
	snapshot(): SandboxSnapshot;
}

export const DEFAULT_OPTIONS: Readonly<SandboxOptions>;

export function startSandbox(options?: Partial<SandboxOptions>): Promise<Sandbox>;
