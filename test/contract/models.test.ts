import type { ZodError } from 'zod';

import { contractOf, describeIssues, MODEL_CONTRACTS, requestSchemaOf } from '../../nodes/shared/models';
import { startSandbox, type Sandbox } from '../../tools/sandbox';
import type { ContractCase } from './cases';
import { CASE_TABLES } from './cases';

/**
 * Every case of every model's table goes through the node's contract (zod) and through the sandbox
 * over HTTP. Both must reach the case's verdict: a disagreement means one of them misreads the docs.
 */

type Verdict = 'valid' | { invalid: string };

let sandbox: Sandbox;

beforeAll(async () => {
	// Tasks never finish during the test, so no callback is ever sent to the cases' callback URLs.
	sandbox = await startSandbox({ taskDurationMs: 60_000 });
});
afterAll(() => sandbox.close());

const expectedVerdict = (testCase: ContractCase): Verdict =>
	testCase.invalid === undefined ? 'valid' : { invalid: testCase.invalid };

/** The fields the node names: `input.image_input` for an issue at input.image_input[2]. */
function fieldsOf(error: ZodError): string[] {
	const fields = error.issues.map((issue) => issue.path.filter((part) => typeof part === 'string').join('.'));
	return [...new Set(fields)];
}

function nodeVerdict(model: string, body: unknown): { verdict: Verdict; messages: string[] } {
	const contract = contractOf(model);
	if (!contract) throw new Error(`no contract for ${model}`);
	const parsed = requestSchemaOf(contract).safeParse(body);
	if (parsed.success) return { verdict: 'valid', messages: [] };
	const fields = fieldsOf(parsed.error);
	return { verdict: { invalid: fields.join(' and ') }, messages: describeIssues(contract, parsed.error) };
}

async function sandboxVerdict(body: unknown): Promise<Verdict> {
	const response = await fetch(`${sandbox.baseUrl}/api/v1/jobs/createTask`, {
		method: 'POST',
		headers: { authorization: `Bearer ${sandbox.apiKey}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	const envelope = (await response.json()) as { code: number; msg: string; data: { taskId: string } | null };
	if (response.status === 200) {
		expect(sandbox.tasks.get(envelope.data?.taskId ?? '')?.body).toEqual(body);
		return 'valid';
	}
	expect({ status: response.status, code: envelope.code }).toEqual({ status: 400, code: 400 });
	const field = /^(model|callBackUrl|input(?:\.\w+)?)\b/.exec(envelope.msg)?.[1];
	return { invalid: field ?? `(no field named in "${envelope.msg}")` };
}

describe.each(CASE_TABLES)('$model: node and sandbox agree with the docs', ({ model, cases }) => {
	it.each(cases.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
		const expected = expectedVerdict(testCase);
		const node = nodeVerdict(model, testCase.body);
		expect({ node: node.verdict, sandbox: await sandboxVerdict(testCase.body) }).toEqual({
			node: expected,
			sandbox: expected,
		});
		for (const message of node.messages) expect(message).toContain(`(${testCase.invalid}`);
	});
});

describe('the tables', () => {
	it('cover every model of the registry, each typed model with golden bodies', () => {
		expect(CASE_TABLES.map((table) => table.model).sort()).toEqual(
			MODEL_CONTRACTS.map((contract) => contract.model).sort(),
		);
		for (const table of CASE_TABLES) {
			const goldens = table.cases.filter((testCase) => testCase.golden);
			expect({ model: table.model, goldens: goldens.length > 0 }).toEqual({ model: table.model, goldens: true });
			expect(goldens.every((testCase) => testCase.invalid === undefined)).toBe(true);
		}
	});

	it('an undocumented model value has no contract and the sandbox refuses it', async () => {
		expect(contractOf('seedream-v5-lite-edit')).toBeUndefined();
		expect(await sandboxVerdict({ model: 'seedream-v5-lite-edit', input: { prompt: 'a fox' } })).toEqual({
			invalid: 'model',
		});
	});
});
