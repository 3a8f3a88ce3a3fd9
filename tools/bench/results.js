// @ts-check
'use strict';
// What a bench run writes: results.json (the numbers), results-details.json (how each came about),
// RESULTS.md and results.svg, and the verdict it exits with.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { log } = require('./log');
const { memoryNotes, scenarioNotes } = require('./notes');
const { renderMarkdown, renderSvg } = require('./report');
const { TINY_IMAGES_CONTROL } = require('./scenarios');
const { evaluateTargets, scenariosWhereTheNodeLostOrDuplicated } = require('./targets');
const { VARIANTS } = require('./variants');

/**
 * @typedef {Awaited<ReturnType<typeof import('./measure').measureAll>>} Measured
 * @typedef {import('./measure').IdleBaseline} IdleBaseline
 * @typedef {{ n8nVersion: string, began: number, mode: string, without: string[] }} RunFacts
 */

/** @param {Measured['byName']} byName @param {string} n8nVersion */
function resultsJson(byName, n8nVersion) {
	const variants = Object.keys(VARIANTS);
	return {
		n8nVersion,
		scenarios: [...byName.values()].map(({ results: r }) => ({
			name: r.name,
			items: r.items,
			idealSeconds: r.idealSeconds,
			parameters: r.parameters,
			...Object.fromEntries(variants.filter((variant) => r[variant]).map((variant) => [variant, r[variant]])),
		})),
	};
}

/**
 * @param {Measured} measured @param {IdleBaseline} idle @param {RunFacts} facts
 */
function detailsJson(measured, idle, { n8nVersion, began, mode, without }) {
	const scenarios = Object.fromEntries([...measured.byName.values()].map(({ scenario, details }) => [scenario.name, details]));
	const control = measured.controls[TINY_IMAGES_CONTROL.name];
	const targets = evaluateTargets(measured.byName, idle, control);
	const binaryModes = [...new Set(Object.values(scenarios).flatMap((s) => Object.values(s).flatMap((variant) => variant.binaryDataModes ?? [])))];
	const totalMinutes = Math.max(1, Math.round((Date.now() - began) / 60000));
	return {
		environment: { date: new Date().toISOString(), n8nVersion, n8nNode: '24.21.0', benchNode: process.versions.node, cpus: os.cpus().length, totalMinutes, mode },
		idleBaseline: idle,
		binaryDataModes: binaryModes,
		targets,
		scenarios,
		controls: measured.controls,
		memoryNotes: memoryNotes(measured, idle, control, binaryModes),
		scenarioNotes: scenarioNotes(without),
	};
}

/**
 * Writes the four files into `outDir`, logs the targets, and returns the exit code: 1 when the node
 * lost an item or duplicated a task anywhere, or (strict) when a target is not met.
 * @param {string} outDir @param {Measured} measured @param {IdleBaseline} idle @param {RunFacts} facts @param {boolean} strict
 */
function writeResults(outDir, measured, idle, facts, strict) {
	const results = resultsJson(measured.byName, facts.n8nVersion);
	const details = detailsJson(measured, idle, facts);
	fs.writeFileSync(path.join(outDir, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
	fs.writeFileSync(path.join(outDir, 'results-details.json'), `${JSON.stringify(details, null, 2)}\n`);
	fs.writeFileSync(path.join(outDir, 'RESULTS.md'), renderMarkdown(results, details, details.targets));
	fs.writeFileSync(path.join(outDir, 'results.svg'), renderSvg(results));
	log(`wrote ${path.relative(process.cwd(), outDir) || '.'}/results.json, results-details.json, RESULTS.md, results.svg`);
	for (const target of details.targets) log(`${target.met ? 'MET    ' : 'NOT MET'} ${target.label}: ${target.measured}`);
	const broken = scenariosWhereTheNodeLostOrDuplicated(measured.byName);
	for (const { results: r } of broken) log(`FAIL: the node lost items or created duplicate tasks in ${r.name} (see results-details.json)`);
	if (broken.length > 0) return 1;
	return strict && details.targets.some((target) => !target.met) ? 1 : 0;
}

module.exports = { writeResults };
