// @ts-check
'use strict';
// What became of each input item of a run, read from n8n's run data: a result, error items (with the
// task IDs they name), or nothing (lost). The node's items map to inputs by pairedItem; the stock
// workflows' by where they end and their prompt or task ID.

const NODE_NAME = 'LiangXin Nano Banana Pro';
/** The node of the video scenarios' workflow (bench/video-node.workflow.json). */
const VIDEO_NODE_NAME = 'LiangXin Video';
/** Terminal nodes of the stock loop: where every item ends, as a result or as an error. */
const STOCK_RESULT_NODES = ['Done'];
const STOCK_ERROR_NODES = ['Create Failed', 'Task Failed', 'Download Failed', 'Gave Up'];

/**
 * @typedef {import('../sandbox').SandboxTask} SandboxTask
 * @typedef {import('../n8n-runtime').ExecutionResult} ExecutionResult
 * @typedef {import('../n8n-runtime').OutputItem} OutputItem
 * @typedef {{ taskId: string | null, message: string, node?: string }} ErrorOutcome
 * @typedef {{ results: number, errors: ErrorOutcome[] }} Outcome what became of one input item
 * @typedef {{ itemsOut: number, outcomes: Outcome[], binaryModes: string[] }} Classified
 */

/** @param {SandboxTask | undefined} task @returns {string | undefined} */
const promptOf = (task) => task?.body?.input?.prompt;

/**
 * Items of every run of a node (a node inside a loop runs once per round).
 * @param {Record<string, any[]>} runData @param {string} nodeName
 * @returns {OutputItem[]}
 */
function allRunItems(runData, nodeName) {
	return (runData[nodeName] ?? []).flatMap((run) => run.data?.main?.[0] ?? []);
}

/** @param {OutputItem} item */
function pairedIndex(item) {
	const paired = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
	return typeof paired?.item === 'number' ? paired.item : undefined;
}

/** @param {OutputItem[]} items @returns {string[]} how n8n stored their binary data */
function binaryModes(items) {
	const modes = new Set();
	for (const item of items) {
		for (const binary of Object.values(item.binary ?? {})) {
			modes.add(binary.id ? binary.id.split(':')[0] : 'default (in memory, base64)');
		}
	}
	return [...modes];
}

/** @param {unknown} error */
function errorText(error) {
	if (error === undefined) return 'no error text';
	if (typeof error === 'string') return error;
	const { message } = /** @type {{ message?: unknown }} */ (error);
	return String(message ?? JSON.stringify(error)).slice(0, 200);
}

/**
 * @param {ExecutionResult} result @param {string[]} prompts @param {number} outputIndex the node's results output
 * @returns {Classified}
 */
function classifyNodeRun(result, prompts, outputIndex) {
	const nodeName = [NODE_NAME, VIDEO_NODE_NAME].find((name) => result.runData[name]);
	const items = nodeName ? result.items(nodeName, outputIndex) : [];
	/** @type {Outcome[]} */
	const outcomes = prompts.map(() => ({ results: 0, errors: [] }));
	for (const item of items) {
		const index = pairedIndex(item);
		if (index === undefined || !outcomes[index]) continue;
		const taskId = item.json.taskId ?? null;
		if (item.json.error !== undefined) outcomes[index].errors.push({ taskId, message: String(item.json.error) });
		else if (item.json.status === 'success' && Object.keys(item.binary ?? {}).length > 0) outcomes[index].results++;
		else outcomes[index].errors.push({ taskId, message: `unexpected item: state ${item.json.state}` });
	}
	return { itemsOut: items.length, outcomes, binaryModes: binaryModes(items) };
}

/**
 * @param {ExecutionResult} result @param {string[]} prompts @param {Map<string, SandboxTask>} tasksById
 * @returns {Classified}
 */
function classifyStockRun(result, prompts, tasksById) {
	const promptIndex = new Map(prompts.map((prompt, index) => [prompt, index]));
	/** @type {Outcome[]} */
	const outcomes = prompts.map(() => ({ results: 0, errors: [] }));
	/** @param {Record<string, any>} json @returns {string | null} */
	const taskIdOf = (json) => json.data?.taskId ?? json.taskId ?? null;
	/** @param {Record<string, any>} json */
	const indexOf = (json) => {
		if (typeof json.prompt === 'string' && promptIndex.has(json.prompt)) return promptIndex.get(json.prompt);
		const prompt = promptOf(tasksById.get(taskIdOf(json) ?? ''));
		return prompt === undefined ? undefined : promptIndex.get(prompt);
	};
	let itemsOut = 0;
	const resultItems = [];
	for (const nodeName of [...STOCK_RESULT_NODES, ...STOCK_ERROR_NODES]) {
		for (const item of allRunItems(result.runData, nodeName)) {
			itemsOut++;
			const index = indexOf(item.json);
			if (index === undefined) continue;
			if (STOCK_RESULT_NODES.includes(nodeName) && Object.keys(item.binary ?? {}).length > 0) {
				outcomes[index].results++;
				resultItems.push(item);
			} else {
				const message = nodeName === 'Task Failed' ? `task failed: ${item.json.data?.failCode} ${item.json.data?.failMsg}` : `${nodeName}: ${errorText(item.json.error)}`;
				outcomes[index].errors.push({ taskId: taskIdOf(item.json), message, node: nodeName });
			}
		}
	}
	return { itemsOut, outcomes, binaryModes: binaryModes(resultItems) };
}

module.exports = { NODE_NAME, promptOf, classifyNodeRun, classifyStockRun };
