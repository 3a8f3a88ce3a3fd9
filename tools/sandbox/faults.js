// @ts-check
'use strict';
// Scripted one-shot faults (queueFault) and the random fault knobs (…Ratio options).

const FAULT_ROUTES = ['createTask', 'recordInfo', 'image'];
const DROP_MOMENTS = ['before', 'after'];

// recordInfo answers that a tolerant client must survive: HTTP 200 but not the expected body.
const MALFORMED_RECORD_INFO_BODIES = [
	'<html><body><h1>502 Bad Gateway</h1></body></html>',
	'{"code":200,"msg":"success","data":{"taskId":',
	'{"code":200,"msg":"success","data":"temporarily unavailable"}',
	'{"code":200,"msg":"success"}',
	'',
];

/**
 * @param {import('./types').QueuedFault} fault
 * @returns {string | null} what is wrong with the fault description
 */
function queuedFaultError(fault) {
	if (!fault || !FAULT_ROUTES.includes(fault.path)) return `fault.path must be one of ${FAULT_ROUTES.join(', ')}`;
	if (fault.drop !== undefined && !DROP_MOMENTS.includes(fault.drop)) {
		return `fault.drop must be one of ${DROP_MOMENTS.join(', ')}`;
	}
	const { status } = fault;
	if (fault.drop === undefined && !(status !== undefined && Number.isInteger(status) && status >= 100 && status <= 599)) {
		return 'fault.status must be an HTTP status (100..599) unless fault.drop is set';
	}
	if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times > 0)) {
		return 'fault.times must be an integer > 0';
	}
	return null;
}

function createFaultQueue() {
	/** @type {Array<import('./types').QueuedFault & { remaining: number }>} */
	let queued = [];
	return {
		/** @param {import('./types').QueuedFault} fault */
		add(fault) {
			const error = queuedFaultError(fault);
			if (error) throw new Error(error);
			queued.push({ ...fault, remaining: fault.times ?? 1 });
		},
		/**
		 * The next scripted fault for a route, consumed by this call.
		 * @param {import('./types').ApiRoute} route
		 */
		take(route) {
			const fault = queued.find((candidate) => candidate.path === route);
			if (!fault) return undefined;
			fault.remaining -= 1;
			if (fault.remaining === 0) queued = queued.filter((candidate) => candidate !== fault);
			return fault;
		},
		pending() {
			return queued.map(({ remaining, ...fault }) => ({ ...fault, times: remaining }));
		},
		clear() {
			queued = [];
		},
	};
}

/** @param {() => number} random @param {number} ratio */
function chance(random, ratio) {
	return ratio > 0 && random() < ratio;
}

/** @param {() => number} random */
function malformedRecordInfoBody(random) {
	return MALFORMED_RECORD_INFO_BODIES[Math.floor(random() * MALFORMED_RECORD_INFO_BODIES.length)];
}

module.exports = { createFaultQueue, chance, malformedRecordInfoBody };
