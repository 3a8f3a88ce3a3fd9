// The harness gets a large run from `n8n execute` whole: n8n prints it in one write just before it
// calls process.exit(), and the part of that write still waiting in a pipe when the process ends is lost.
import { createHash } from 'node:crypto';

import type { N8nInstance } from './runtime';
import { SETUP_TIMEOUT_MS, useRealN8n } from './suite';
import { chain, manualTrigger } from './workflows';

const ITEM_COUNT = 1500;
/** 8-character blocks per item: 2560 of them make 20 KB, so the run holds ~30 MB of items. */
const BLOCKS_PER_ITEM = 2560;
const CODE_NODE = 'Many Items';

/** The text of item `index` as the Code node below makes it: the index as 8 digits, repeated. */
const itemText = (index: number) => String(index).padStart(8, '0').repeat(BLOCKS_PER_ITEM);
const digest = (texts: string[]) => createHash('sha256').update(texts.join('\n')).digest('hex');

let n8n: N8nInstance;
let workflowId: string;

const realN8n = useRealN8n('e2e-large-run-output');

beforeAll(async () => {
	({ n8n } = realN8n());
	workflowId = await n8n.importWorkflow(
		chain('e2e large run output', [
			manualTrigger(),
			{
				name: CODE_NODE,
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				parameters: {
					jsCode: `return Array.from({ length: ${ITEM_COUNT} }, (_, index) => ({ json: { index, text: String(index).padStart(8, '0').repeat(${BLOCKS_PER_ITEM}) } }));`,
				},
			},
		]),
	);
}, SETUP_TIMEOUT_MS);

describe('a large run from n8n execute', () => {
	test(`arrives whole: all ${ITEM_COUNT} items of 20 KB (~30 MB of run data), in order and unchanged`, async () => {
		const result = await n8n.execute(workflowId);

		expect(result.ok).toBe(true);
		const items = result.items(CODE_NODE);
		expect(items).toHaveLength(ITEM_COUNT);
		expect(items.map((item) => item.json.index)).toEqual([...Array(ITEM_COUNT).keys()]);
		expect(items.at(-1)!.json).toEqual({ index: ITEM_COUNT - 1, text: itemText(ITEM_COUNT - 1) });
		expect(digest(items.map((item) => item.json.text))).toBe(digest([...Array(ITEM_COUNT).keys()].map(itemText)));
	});
});
