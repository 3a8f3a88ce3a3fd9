// @ts-check
'use strict';
// Renders bench/RESULTS.md (tables and target verdicts) and bench/results.svg (wall time per
// scenario, a hand-written SVG bar chart) from the measured results.

const { VARIANTS: VARIANT_INFO } = require('./variants');

/**
 * @typedef {Record<string, any> & { name: string, items: number, idealSeconds: number }} ScenarioResults one scenario of results.json, with one entry of metrics per variant measured
 * @typedef {{ n8nVersion: string, scenarios: ScenarioResults[] }} Results results.json
 * @typedef {{ environment: Record<string, any>, scenarios: Record<string, Record<string, any>>, memoryNotes: string[], scenarioNotes: string[], diagnosis?: string[] }} Details results-details.json, as far as the report reads it
 * @typedef {import('./targets').Target} Target
 */

const VARIANTS = Object.entries(VARIANT_INFO).map(([key, info]) => ({ key, ...info }));
/**
 * The variants measured in a scenario of results.json, in the order of VARIANTS.
 * @param {ScenarioResults} scenario
 */
const variantsIn = (scenario) => VARIANTS.filter((variant) => scenario[variant.key]);

/** @type {Record<string, string>} */
const XML_ESCAPES = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' };
/** @param {unknown} text */
const escapeXml = (text) => String(text).replace(/[<>&"]/g, (c) => XML_ESCAPES[c]);
/** @param {number | null | undefined} value @param {number} [digits] */
const fmt = (value, digits = 1) => (value === null || value === undefined ? 'n/a' : Number(value).toFixed(digits));

/**
 * Wall time per scenario: one bar per variant, a dashed mark at the physical limit.
 * @param {Results} results
 */
function renderSvg(results) {
	const scenarios = results.scenarios;
	const width = Math.max(760, 120 + results.scenarios.length * 110);
	const height = 420;
	const margin = { top: 64, right: 24, bottom: 88, left: 64 };
	const plotWidth = width - margin.left - margin.right;
	const plotHeight = height - margin.top - margin.bottom;
	const maxValue = Math.max(1, ...scenarios.flatMap((s) => [...variantsIn(s).map((variant) => s[variant.key].wallSeconds), s.idealSeconds]));
	const step = maxValue > 600 ? 200 : maxValue > 300 ? 100 : maxValue > 120 ? 40 : maxValue > 60 ? 20 : maxValue > 30 ? 10 : 5;
	const shown = VARIANTS.filter((variant) => scenarios.some((scenario) => scenario[variant.key]));
	const top = Math.ceil(maxValue / step) * step;
	const y = (/** @type {number} */ value) => margin.top + plotHeight - (value / top) * plotHeight;
	const groupWidth = plotWidth / scenarios.length;
	const barWidth = Math.min(56, (groupWidth - 24) / Math.max(2, shown.length));
	const parts = [];
	parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
	parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
	parts.push(`<text x="${margin.left}" y="24" font-size="16" font-weight="bold" fill="#111827">Wall time per scenario (seconds, lower is better)</text>`);
	parts.push(`<text x="${margin.left}" y="42" fill="#4b5563">n8n ${escapeXml(results.n8nVersion)}, LiangXin sandbox, 20 creates per 10 s (task durations per scenario: see RESULTS.md). Dashed line: physical limit (ideal).</text>`);
	for (let value = 0; value <= top; value += step) {
		parts.push(`<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(value)}" y2="${y(value)}" stroke="#e5e7eb"/>`);
		parts.push(`<text x="${margin.left - 8}" y="${y(value) + 4}" text-anchor="end" fill="#6b7280">${value}</text>`);
	}
	scenarios.forEach((scenario, index) => {
		const groupX = margin.left + index * groupWidth;
		const center = groupX + groupWidth / 2;
		const present = variantsIn(scenario);
		present.forEach((variant, variantIndex) => {
			const value = scenario[variant.key].wallSeconds;
			const x = center - (present.length * barWidth) / 2 + variantIndex * barWidth;
			parts.push(`<rect x="${x + 2}" y="${y(value)}" width="${barWidth - 4}" height="${y(0) - y(value)}" fill="${variant.color}"><title>${escapeXml(`${scenario.name} ${variant.chartLabel}: ${fmt(value)} s`)}</title></rect>`);
			parts.push(`<text x="${x + barWidth / 2}" y="${y(value) - 4}" text-anchor="middle" fill="#111827">${fmt(value)}</text>`);
		});
		const idealY = y(scenario.idealSeconds);
		parts.push(`<line x1="${center - (present.length * barWidth) / 2 - 6}" x2="${center + (present.length * barWidth) / 2 + 6}" y1="${idealY}" y2="${idealY}" stroke="#dc2626" stroke-width="2" stroke-dasharray="5 3"><title>${escapeXml(`${scenario.name} ideal: ${fmt(scenario.idealSeconds)} s`)}</title></line>`);
		parts.push(`<text x="${center}" y="${y(0) + 18}" text-anchor="middle" font-weight="bold" fill="#111827">${escapeXml(scenario.name)}</text>`);
		parts.push(`<text x="${center}" y="${y(0) + 34}" text-anchor="middle" fill="#6b7280">ideal ${fmt(scenario.idealSeconds)} s</text>`);
	});
	parts.push(`<line x1="${margin.left}" x2="${margin.left}" y1="${margin.top}" y2="${y(0)}" stroke="#9ca3af"/>`);
	// Legend: two entries per line under the chart.
	/** @type {Array<{ label: string, color?: string, ideal?: boolean }>} */
	const legend = [...shown.map((variant) => ({ label: variant.chartLabel, color: variant.color })), { label: 'ideal', ideal: true }];
	legend.forEach((entry, index) => {
		const x = margin.left + (index % 2) * (plotWidth / 2);
		const rowY = height - 34 + Math.floor(index / 2) * 16;
		if (entry.ideal) parts.push(`<line x1="${x}" x2="${x + 12}" y1="${rowY + 6}" y2="${rowY + 6}" stroke="#dc2626" stroke-width="2" stroke-dasharray="5 3"/>`);
		else parts.push(`<rect x="${x}" y="${rowY}" width="12" height="12" fill="${entry.color}"/>`);
		parts.push(`<text x="${x + 18}" y="${rowY + 10}" fill="#111827">${escapeXml(entry.label)}</text>`);
	});
	parts.push('</svg>');
	return `${parts.join('\n')}\n`;
}

/** @param {Results} results */
function metricRows(results) {
	const header = [
		'| Scenario | Items | Ideal s | Variant | Wall s | × ideal | createTask calls | Tasks created | recordInfo calls | recordInfo / task | Items out | Items lost | Duplicate tasks | Peak RSS MiB |',
		'|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
	];
	const rows = [];
	for (const scenario of results.scenarios) {
		for (const variant of variantsIn(scenario)) {
			const m = scenario[variant.key];
			const perTask = m.tasksCreated ? m.recordInfoCalls / m.tasksCreated : null;
			rows.push(
				`| ${scenario.name} | ${scenario.items} | ${fmt(scenario.idealSeconds)} | ${variant.key === 'node' ? '**node**' : variant.label} | ${fmt(m.wallSeconds)} | ${scenario.idealSeconds ? fmt(m.wallSeconds / scenario.idealSeconds, 2) : 'n/a'} | ${m.createCalls} | ${m.tasksCreated} | ${m.recordInfoCalls} | ${fmt(perTask)} | ${m.itemsOut} | ${m.itemsLost} | ${m.duplicateTasks} | ${fmt(m.peakRssMb)} |`,
			);
		}
	}
	return [...header, ...rows].join('\n');
}

/** 'max / p95 / count over 1 s' of a run's download waits; 'n/a' where none was measured (pause mode has no poll). */
const downloadWaitCell = (/** @type {Record<string, any> | undefined} */ m) => (m?.downloadWaitTasks ? `${m.downloadWaitMaxMs} / ${m.downloadWaitP95Ms} / ${m.downloadWaitsOver1s}` : 'n/a');

/** @param {Results} results @param {Details} details */
function detailRows(results, details) {
	const header = [
		'| Scenario | Variant | First create at s | Last task done at s | Tail after it s | createTask: ok / 429 (limit) / 429 (random) / dropped before / dropped after | recordInfo: ok / 500 / dropped | Images downloaded | Download wait ms: max / p95 / over 1 s | With result | Error only |',
		'|---|---|---:|---:|---:|---|---|---:|---|---:|---:|',
	];
	const rows = [];
	for (const [name, scenario] of Object.entries(details.scenarios)) {
		const metrics = results.scenarios.find((candidate) => candidate.name === name);
		for (const variant of VARIANTS) {
			const d = scenario[variant.key];
			if (!d) continue;
			const c = d.createAnswers;
			const r = d.recordInfoAnswers;
			rows.push(
				`| ${name} | ${variant.label} | ${fmt(d.firstCreateAtSeconds, 2)} | ${fmt(d.lastTaskCompleteAtSeconds, 2)} | ${fmt(d.tailAfterLastTaskSeconds, 2)} | ${c.ok} / ${c.rateLimited429} / ${c.random429} / ${c.droppedBeforeCreate} / ${c.droppedAfterCreate} | ${r.ok} / ${r.random500} / ${r.dropped} | ${d.imagesDownloaded} | ${downloadWaitCell(metrics?.[variant.key])} | ${d.itemsWithResult} | ${d.itemsWithErrorOnly} |`,
			);
		}
	}
	return [...header, ...rows].join('\n');
}

/** @param {Results} results @param {Details} details @param {Target[]} targets */
function renderMarkdown(results, details, targets) {
	const verdict = (/** @type {Target} */ target) => (target.met ? '**met**' : '**not met**');
	const lines = [];
	lines.push('# Benchmark: LiangXin node vs the other ways to run a batch');
	lines.push('');
	lines.push(`Measured by \`npm run bench\` (\`node tools/bench/cli.js\`) on ${details.environment.date}: a real n8n ${results.n8nVersion} (\`n8n execute\`, one execution at a time, Node ${details.environment.n8nNode}) against the LiangXin sandbox, ${details.environment.cpus} CPU cores. Every number below comes from that run (\`bench/results.json\`, more in \`bench/results-details.json\`).`);
	lines.push('');
	lines.push('![Wall time per scenario](results.svg)');
	lines.push('');
	lines.push('## Targets');
	lines.push('');
	lines.push('| Target | Verdict | Measured |');
	lines.push('|---|---|---|');
	for (const target of targets) lines.push(`| ${target.label} | ${verdict(target)} | ${target.measured} |`);
	lines.push('');
	lines.push('## Results');
	lines.push('');
	lines.push(metricRows(results));
	lines.push('');
	lines.push('**Ideal** is the physical limit: tasks ranked by creation, the k-th created no earlier than the rate limit allows (20 per 10 s: 0 s for the first 20, +10 s per further 20), plus its own duration as the sandbox drew it; ideal = the latest such finish. The sandbox is seeded per scenario, so in the fault-free scenarios every variant gets the same task durations in creation order (the one-at-a-time variant is measured against the same ideal: running items in parallel is what it gives up). **Wall** runs from n8n\'s execution start to its end (n8n\'s boot is not included). **Items lost**: input items with neither a result nor an error item. **Duplicate tasks**: items for which LiangXin created more than one task (from the sandbox\'s task records, including tasks created by a call whose connection then dropped). **Peak RSS**: VmHWM of the `n8n execute` process that ran the workflow, read at its exit.');
	lines.push('');
	lines.push('## Where the time and the requests went');
	lines.push('');
	lines.push(detailRows(results, details));
	lines.push('');
	lines.push(`Times are seconds from the execution start. "Tail after it" is the wall time left after the last task finished on LiangXin (detection by polling, the download, n8n's bookkeeping). "Download wait", per task with a result, from the sandbox's request log: when its first image request arrived minus when the poll that saw it finished arrived (the first recordInfo call answered with the final state); max, p95 and how many tasks waited more than 1 s (behind other items' downloads, or in the stock workflows behind the rest of their round). Not measured in pause mode (no poll sees the tasks finish).`);
	lines.push('');
	lines.push('## Memory');
	lines.push('');
	for (const line of details.memoryNotes) lines.push(`- ${line}`);
	lines.push('');
	lines.push('## Scenarios and variants');
	lines.push('');
	for (const line of details.scenarioNotes) lines.push(`- ${line}`);
	lines.push('');
	if (details.diagnosis?.length) {
		lines.push('## Diagnosis');
		lines.push('');
		for (const line of details.diagnosis) lines.push(line);
		lines.push('');
	}
	lines.push('## Reproduce');
	lines.push('');
	lines.push('```bash');
	const minutes = `~${details.environment.totalMinutes} min here`;
	if ('n1000' in details.scenarios) lines.push(`npm run bench -- --large   # every scenario with n1000, every variant (${minutes}); writes bench/results.json, RESULTS.md, results.svg`);
	else lines.push(`npm run bench             # all scenarios but n1000 (--large), every variant (${minutes}); writes bench/results.json, RESULTS.md, results.svg`);
	lines.push('npm run bench -- --quick  # n10 only, for CI: exits 1 if the node loses an item or creates a duplicate task');
	lines.push('```');
	lines.push('');
	return `${lines.join('\n')}\n`;
}

module.exports = { renderSvg, renderMarkdown };
