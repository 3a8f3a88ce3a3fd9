// @ts-check
'use strict';
// A workflow run as n8n reports it (`n8n execute --rawOutput`, or its executions API), and the binary
// data of its items.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

/**
 * @typedef {object} BinaryRef an output item's binary property
 * @property {string} mimeType
 * @property {string} [fileName]
 * @property {string} [fileExtension]
 * @property {string} data base64 in memory mode; the mode name ('filesystem-v2') when stored on disk
 * @property {string} [id] `filesystem-v2:<path>` when stored on disk
 * @property {number} [bytes]
 */

/**
 * @typedef {object} OutputItem
 * @property {Record<string, any>} json
 * @property {Record<string, BinaryRef>} [binary]
 * @property {{ item: number, input?: number } | Array<{ item: number }>} [pairedItem]
 */

/**
 * @typedef {object} ExecutionResult
 * @property {boolean} ok the run finished with status success
 * @property {string} status n8n's execution status (success, error, ...)
 * @property {any} error the run's error (message, description, node, ...), if any
 * @property {Record<string, any[]>} runData run data per node name
 * @property {(nodeName: string, outputIndex?: number) => OutputItem[]} items output items of a node's last run
 * @property {(nodeName: string) => any} nodeError the error of a node's last run, if any
 * @property {number | null} exitCode
 * @property {any} run the whole parsed output
 */

/** n8n ids are 16 alphanumeric characters. */
function newId() {
	return crypto.randomBytes(12).toString('base64url').replace(/[-_]/g, 'x').slice(0, 16);
}

/**
 * `n8n execute --rawOutput` prints log lines, then the run as `JSON.stringify(run, null, 2)`.
 * A failed run is printed the same way (through the logger, after "Execution error:").
 * @param {string} output
 * @returns {any} the run, or undefined when there is none
 */
function parseRunOutput(output) {
	const lines = output.split('\n');
	const start = lines.indexOf('{');
	const end = start < 0 ? -1 : lines.indexOf('}', start);
	if (end < 0) return undefined;
	return JSON.parse(lines.slice(start, end + 1).join('\n'));
}

/**
 * @param {any} run an execution with its data, as n8n prints or returns it
 * @param {number | null} exitCode
 * @returns {ExecutionResult}
 */
function executionResult(run, exitCode) {
	const { resultData } = run.data;
	/** @param {string} nodeName */
	const lastRun = (nodeName) => {
		const runs = resultData.runData[nodeName];
		if (!runs?.length) throw new Error(`node "${nodeName}" did not run`);
		return runs[runs.length - 1];
	};
	return {
		ok: run.status === 'success' && !resultData.error,
		status: run.status,
		error: resultData.error,
		runData: resultData.runData,
		items: (nodeName, outputIndex = 0) => lastRun(nodeName).data?.main?.[outputIndex] ?? [],
		nodeError: (nodeName) => lastRun(nodeName).error,
		exitCode,
		run,
	};
}

/**
 * Bytes of an output item's binary property. n8n 2.41 keeps binary data on disk by default
 * (N8N_DEFAULT_BINARY_DATA_MODE=filesystem): the run data then holds only a reference
 * `filesystem-v2:<path under .n8n/storage>`; in memory mode (`default`) `data` is base64.
 * @param {string} n8nFolder @param {BinaryRef} binary
 */
function readBinary(n8nFolder, binary) {
	if (!binary.id) return Buffer.from(binary.data, 'base64');
	const separator = binary.id.indexOf(':');
	const [mode, fileId] = separator < 0 ? [binary.id, ''] : [binary.id.slice(0, separator), binary.id.slice(separator + 1)];
	if (mode !== 'filesystem-v2') throw new Error(`cannot read binary data stored in mode ${mode}`);
	const storageDir = path.join(n8nFolder, 'storage');
	const file = path.resolve(storageDir, fileId);
	if (!file.startsWith(storageDir + path.sep)) throw new Error(`binary id escapes the storage folder: ${binary.id}`);
	return fs.readFileSync(file);
}

module.exports = { newId, parseRunOutput, executionResult, readBinary };
