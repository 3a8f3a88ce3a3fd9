#!/usr/bin/env node
// @ts-check
'use strict';
// `npm run sandbox -- [flags]` (`node tools/sandbox/cli.js`) runs the LiangXin sandbox standalone, for
// the benchmark and for trying the node by hand. Tests start it in their own process (index.js).
const { startSandbox } = require('./index.js');

const USAGE = `Usage: node tools/sandbox/cli.js [flags]
  --port N                  listen port (default 0 = a free port)
  --host H                  listen host: 127.0.0.1 (default) or ::1, loopback only
  --api-key K               accepted Bearer key (default sandbox-test-key)
  --task-ms N               task duration (default 1500)
  --jitter-ms N             uniform ± jitter on the task duration (default 0)
  --slow-task-ms N          duration of "[slow]" prompts (default 60000)
  --duration-scale X        multiplies every task's duration, e.g. 0.01: video jobs of 1-6 min in 0.6-3.6 s
  --fail-ratio R            share of tasks failing at random, 0..1
  --result-images N         images per task (default 1)
  --image-scale X           image pixel scale (default 1/32 = 0.03125)
  --real-size-images        same as --image-scale 1 (1K/2K/4K pixels)
  --video-format F          video of a video task (kling-v3-pro): mp4 (default) or webm ("[webm]" prompts: webm)
  --video-bytes N           pad every video to N bytes, streamed (default: a 1-second video of a few KB)
  --video-result-key K      resultJson key of video URLs: resultUrls (default, documented) or videoUrls
  --max-body-bytes N        createTask body limit (default 10485760)
  --rate-limit MAX/WINDOW   createTask limit per key, e.g. 20/10s, 5/1500ms, off
  --access-denied           answer 403 to every API call
  --create-429-ratio R      share of createTask calls answered 429
  --record-info-5xx-ratio R share of recordInfo calls answered 500
  --drop-connection-ratio R share of calls dropped without an answer
  --malformed-ratio R       share of recordInfo calls answered with a malformed body
  --slow-response-ms N      delay before every answer
  --seed N                  seed of the random decisions
  --callback-repeats N      deliveries of each callback (default 1; none for "[no-callback]" prompts)
  --callback-delay-ms N     pause between repeated deliveries (default 200)
  --callback-retries LIST   retry a delivery not answered 2xx after each delay, e.g. 2000,5000,15000 (default none)
  --verbose                 one line per request on stderr
Control endpoints (no auth): GET /__sandbox/log, POST /__sandbox/configure, /__sandbox/reset,
/__sandbox/fault, /__sandbox/forge-callback`;

/** @type {Record<string, number>} */
const WINDOW_UNIT_MS = { ms: 1, s: 1000, m: 60000 };

/** @param {string} text @returns {import('./types').RateLimit | null} */
function parseRateLimit(text) {
	if (text === 'off') return null;
	const match = /^(\d+)\/(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text);
	if (!match) throw new Error(`--rate-limit expects MAX/WINDOW such as 20/10s, got ${text}`);
	return { max: Number(match[1]), windowMs: Number(match[2]) * WINDOW_UNIT_MS[match[3] ?? 's'] };
}

/** @type {Record<string, [option: keyof import('./types').SandboxOptions, parse: (text: string) => unknown]>} */
const VALUE_FLAGS = {
	'--port': ['port', Number],
	'--host': ['host', String],
	'--api-key': ['apiKey', String],
	'--task-ms': ['taskDurationMs', Number],
	'--jitter-ms': ['taskDurationJitterMs', Number],
	'--slow-task-ms': ['slowTaskMs', Number],
	'--duration-scale': ['durationScale', Number],
	'--fail-ratio': ['failRatio', Number],
	'--result-images': ['resultImages', Number],
	'--image-scale': ['imageScale', Number],
	'--video-format': ['videoFormat', String],
	'--video-bytes': ['videoBytes', Number],
	'--video-result-key': ['videoResultKey', String],
	'--max-body-bytes': ['maxBodyBytes', Number],
	'--rate-limit': ['createRateLimit', parseRateLimit],
	'--create-429-ratio': ['create429Ratio', Number],
	'--record-info-5xx-ratio': ['recordInfo5xxRatio', Number],
	'--drop-connection-ratio': ['dropConnectionRatio', Number],
	'--malformed-ratio': ['malformedRatio', Number],
	'--slow-response-ms': ['slowResponseMs', Number],
	'--seed': ['seed', Number],
	'--callback-repeats': ['callbackRepeats', Number],
	'--callback-delay-ms': ['callbackDelayMs', Number],
	'--callback-retries': ['callbackRetryDelaysMs', (list) => list.split(',').map(Number)],
};
/** @type {Record<string, Partial<import('./types').SandboxOptions>>} */
const SWITCH_FLAGS = {
	'--real-size-images': { imageScale: 1 },
	'--access-denied': { accessDenied: true },
};

/**
 * @param {string[]} args
 * @returns {{ options: Record<string, unknown>, verbose: boolean, help: boolean }}
 */
function parseArgs(args) {
	/** @type {{ options: Record<string, unknown>, verbose: boolean, help: boolean }} */
	const parsed = { options: {}, verbose: false, help: false };
	for (let i = 0; i < args.length; i++) {
		const [flag, inlineValue] = args[i].split(/=(.*)/s);
		if (flag === '--help' || flag === '-h') parsed.help = true;
		else if (flag === '--verbose') parsed.verbose = true;
		else if (flag in SWITCH_FLAGS) Object.assign(parsed.options, SWITCH_FLAGS[flag]);
		else if (flag in VALUE_FLAGS) {
			const value = inlineValue ?? args[++i];
			if (value === undefined) throw new Error(`${flag} needs a value`);
			const [option, parse] = VALUE_FLAGS[flag];
			parsed.options[option] = parse(value);
		} else throw new Error(`unknown flag ${args[i]}`);
	}
	return parsed;
}

/** @param {import('./types').LogEntry} entry */
function describe(entry) {
	return [entry.status ?? 'no answer', entry.method, entry.route === 'callback' ? entry.url : entry.path, entry.taskId, entry.fault]
		.filter((part) => part !== undefined)
		.join(' ');
}

async function main() {
	const { options, verbose, help } = parseArgs(process.argv.slice(2));
	if (help) {
		console.log(USAGE);
		return;
	}
	const sandbox = await startSandbox(options);
	if (verbose) sandbox.onLog((entry) => console.error(`[sandbox] ${describe(entry)}`));
	console.log(`LiangXin sandbox listening on ${sandbox.baseUrl}  (API key: ${sandbox.apiKey})`);
	console.log(JSON.stringify({ baseUrl: sandbox.baseUrl, apiKey: sandbox.apiKey }));
	const stop = () => sandbox.close().then(() => process.exit(0));
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);
}

main().catch((error) => {
	console.error(`sandbox: ${error.message}\n\n${USAGE}`);
	process.exit(1);
});
