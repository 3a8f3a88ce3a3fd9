// @ts-check
'use strict';
// The sandbox's data and its API, as JSDoc types: tsc checks the code against them, and TypeScript
// tests get them through index.js.

/**
 * Log-normal (median `medianMs`, log-space standard deviation `sigma`); a share `longShare` of tasks
 * is instead uniform in [longMinMs, maxMs]; every duration is multiplied by its resolution's factor
 * (default 1), raised to minMs (default 0) and capped at maxMs.
 * @typedef {object} TaskDurationDistribution
 * @property {number} medianMs
 * @property {number} sigma
 * @property {number} longShare
 * @property {number} longMinMs
 * @property {number} maxMs
 * @property {number} [minMs]
 * @property {Partial<Record<'1K' | '2K' | '4K', number>>} [resolutionFactors]
 */

/** @typedef {'waiting' | 'queuing' | 'generating' | 'success' | 'fail'} TaskState */

/**
 * @typedef {object} SandboxOptions
 * @property {string} apiKey Bearer key accepted on /api/v1/*. Default 'sandbox-test-key'.
 * @property {string} host Default '127.0.0.1'; fixed once listening.
 * @property {number} port Default 0 (a free port); fixed once listening.
 * @property {number} taskDurationMs Time from create to success/fail. Default 1500. 10% waiting, 10% queuing, 80% generating.
 * @property {number} taskDurationJitterMs Uniform ±jitter on taskDurationMs. Default 0.
 * @property {TaskDurationDistribution | null} taskDurations Heavy-tailed durations instead of taskDurationMs ± jitter. Default null. Drawn in creation order from the seed.
 * @property {number} slowTaskMs Duration of tasks whose prompt contains `[slow]`. Default 60000.
 * @property {TaskDurationDistribution | null} videoDurations Durations of video tasks (kling-v3-pro). Default 1-6 min, median ~2.6 min (options.js VIDEO_DURATIONS); null: as image tasks.
 * @property {number} durationScale Multiplies every task's duration (image and video, `[slow]` included), e.g. 1/100 to run jobs of minutes in seconds. Default 1.
 * @property {number} failRatio Share of tasks that fail at random (failCode '500'). Default 0. `[fail]` in a prompt always fails (failCode '422').
 * @property {number} resultImages Result images per successful task. Default 1; `[images=N]` in a prompt overrides it.
 * @property {number} imageScale Pixel scale of result images: 1/32 (default, fast) or 1 (real 1K/2K/4K size).
 * @property {'mp4' | 'webm'} videoFormat The video of a video task. Default 'mp4'; `[webm]` in a prompt: 'webm'.
 * @property {number | null} videoBytes Pads every video to this size while it streams (still a valid video; never held in memory). Default null: the 1-second fixture (a few KB).
 * @property {'resultUrls' | 'videoUrls'} videoResultKey The key of resultJson that lists a video task's result URLs: resultUrls (default, as documented) or the videoUrls dialect.
 * @property {number} maxBodyBytes createTask bodies above this answer 413. Default 10 MiB.
 * @property {RateLimit | null} createRateLimit Sliding-window limit of created tasks per API key; beyond it 429 + Retry-After. Default null (off).
 * @property {boolean} accessDenied Answer every /api/v1 call with 403 "insufficient quota or access denied". Default false.
 * @property {number} create429Ratio Share of createTask calls answered 429 "group saturated" (no Retry-After). Default 0.
 * @property {number} recordInfo5xxRatio Share of recordInfo calls answered HTTP 500 (task-layer envelope). Default 0.
 * @property {number} dropConnectionRatio Share of calls whose socket is destroyed without an answer; createTask drops before or after creating the task. Default 0.
 * @property {number} malformedRatio Share of recordInfo calls answered 200 with a non-JSON or wrong-shape body. Default 0.
 * @property {number} slowResponseMs Delay before every emulated answer. Default 0.
 * @property {number | null} seed Seed of every random decision; null (default) = a fresh random seed.
 * @property {number} callbackRepeats Deliveries of each callback. Default 1; 2 = the same callback arrives twice; `[no-callback]` in a prompt: none.
 * @property {number} callbackDelayMs Pause between repeated deliveries. Default 200.
 * @property {number[]} callbackRetryDelaysMs A delivery not answered 2xx is tried again after each of these delays in turn. Default [] (no retry).
 */

/** @typedef {{ max: number, windowMs: number }} RateLimit at most `max` per sliding `windowMs` */

/** @typedef {'createTask' | 'recordInfo' | 'image'} ApiRoute 'image': a result file, image or video */
/** @typedef {ApiRoute | 'unknown' | 'callback' | 'forgedCallback'} SandboxRoute */
/** @typedef {'queued' | 'drop' | 'drop-before-create' | 'drop-after-create' | 'random-429' | 'random-500' | 'malformed'} LogFault */

/**
 * @typedef {object} LogEntry
 * @property {number} at ms epoch: when the request arrived (or the callback was sent).
 * @property {string} method
 * @property {string} path URL path; 'callback' for outgoing callbacks.
 * @property {SandboxRoute} route
 * @property {Record<string, string>} query
 * @property {number | null} status HTTP status answered (or, for callbacks, answered by the receiver); null when dropped or unreachable.
 * @property {any} body Request body (callbacks: the body sent): parsed JSON, else the raw string; null when absent or too large.
 * @property {number} [bodyBytes]
 * @property {any} [response] Answer body (JSON value or string); null for images and drops.
 * @property {number} [responseBytes]
 * @property {string} [taskId]
 * @property {boolean} authorized Whether the request carried the right Bearer key (the value itself is never stored).
 * @property {LogFault} [fault]
 * @property {string} [url] Callbacks only.
 * @property {number} [delivery] Callbacks only.
 * @property {number} [attempt] Callbacks: 1 for the first try of a delivery, then 2, 3, ... for its retries (callbackRetryDelaysMs).
 * @property {number} [answeredAt] Callbacks only: ms epoch when the receiver's answer (or the failure) came.
 * @property {string} [error]
 */

/**
 * @typedef {object} TaskCallback
 * @property {string} url
 * @property {number} repeats deliveries
 * @property {number} delayMs between deliveries
 * @property {number[]} retryDelaysMs before each retry of a delivery not answered 2xx
 */

/**
 * @typedef {object} SandboxTask
 * @property {string} taskId
 * @property {string} model
 * @property {any} body The createTask body as received.
 * @property {string} param JSON string of body, as recordInfo returns it.
 * @property {number} createdAt
 * @property {number} durationMs
 * @property {number} completeAt
 * @property {Array<{ state: TaskState, at: number }>} transitions
 * @property {'success' | 'fail'} finalState
 * @property {string} failCode
 * @property {string} failMsg
 * @property {{ width: number, height: number, format: 'png' | 'jpeg', count: number } | null} image Pixels after imageScale; jpeg only when the model documents it (imagen4-ultra's output_format). null for a video task.
 * @property {{ format: 'mp4' | 'webm', count: number, bytes: number | null } | null} video bytes: videoBytes when the task was created. null for an image task.
 * @property {string[]} resultUrls
 * @property {'resultUrls' | 'videoUrls'} resultKey The key of resultJson that lists resultUrls.
 * @property {TaskCallback | null} callback
 * @property {LogFault | null} fault 'drop-after-create' when the creating call's connection was dropped after the task was created.
 */

/**
 * @typedef {object} QueuedFault
 * @property {ApiRoute} path
 * @property {number} [status] Required unless `drop` is set.
 * @property {unknown} [body] Object -> JSON, string -> sent as is. Default: task-layer envelope (platform envelope for 401).
 * @property {Record<string, string>} [headers]
 * @property {number} [times] How many next calls get this answer. Default 1.
 * @property {'before' | 'after'} [drop] Destroy the socket instead of answering: 'before' processing, or 'after' it (the task gets created).
 */

/**
 * @typedef {object} SandboxSnapshot
 * @property {SandboxOptions} options
 * @property {LogEntry[]} log
 * @property {Array<SandboxTask & { state: TaskState }>} tasks
 * @property {QueuedFault[]} pendingFaults
 */

/**
 * @typedef {object} Sandbox
 * @property {string} baseUrl
 * @property {number} port
 * @property {string} apiKey
 * @property {SandboxOptions} options
 * @property {LogEntry[]} log Live array, cleared by reset().
 * @property {Map<string, SandboxTask>} tasks Live map taskId -> task, cleared by reset().
 * @property {(partialOptions: Partial<SandboxOptions>) => SandboxOptions} configure Changes options at runtime (not host/port); returns the options now in force.
 * @property {(resetOptions?: boolean) => void} reset Clears log, tasks, rate-limit counters, queued faults, pending callbacks, image cache; restores the start options when resetOptions.
 * @property {() => Promise<void>} close Closes the server, every socket and timer.
 * @property {() => LogEntry[]} createCalls
 * @property {() => LogEntry[]} recordInfoCalls
 * @property {() => LogEntry[]} imageCalls Requests for result files, images and videos.
 * @property {() => LogEntry[]} callbackCalls Real callback deliveries (forged ones have route 'forgedCallback').
 * @property {(listener: (entry: LogEntry) => void) => () => void} onLog Called with each new log entry; returns an unsubscribe function.
 * @property {(predicate: (entry: LogEntry) => boolean, count?: number, timeoutMs?: number) => Promise<LogEntry[]>} waitForLog Resolves with all matching entries once there are `count` (default 1); rejects after timeoutMs (default 5000).
 * @property {(count?: number, timeoutMs?: number) => Promise<LogEntry[]>} waitForCallbacks
 * @property {(taskId: string) => TaskState | undefined} taskState
 * @property {(taskId: string, n?: number) => Promise<Buffer>} imageBytes Exactly the bytes served at the task's n-th result URL.
 * @property {(taskId: string) => Buffer} videoBytes Exactly the bytes served at a video task's result URL.
 * @property {(fault: QueuedFault) => void} queueFault
 * @property {() => QueuedFault[]} pendingFaults
 * @property {(url: string, body: unknown, headers?: Record<string, string>) => Promise<LogEntry>} forgeCallback POSTs body (string as is, anything else as JSON, content-type application/json) to url; logged as route 'forgedCallback'.
 * @property {() => SandboxSnapshot} snapshot
 */

module.exports = {};
