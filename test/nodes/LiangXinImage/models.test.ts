import type { INodeParameters } from 'n8n-workflow';

import { fieldsParameterOf } from '../../../nodes/shared/parameters/imageModels';
import { OTHER } from '../../../nodes/shared/parameters/modelChoice';
import { contractOf, labelsOf, MODEL_CONTRACTS } from '../../../nodes/shared/models';
import type { ContractCase } from '../../contract/cases';
import { CASE_TABLES } from '../../contract/cases';
import { runImage, useSandbox } from '../../helpers/liangxin';

// About what the node outputs, not when it polls: its poll schedule runs on a faster clock.
jest.mock('../../../nodes/shared/tasks/polling', () => jest.requireActual('../../helpers/pollTimeScale').scaledPolling());

/**
 * The LiangXin Image node, driven by the contract test's case tables: each case's body becomes the
 * node's parameters, and what reaches the sandbox (or the error, with nothing sent) is checked.
 */

const isObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Version 1 of the node, whose Model Settings hold every documented field, so that each case's body maps
 * onto its parameters one to one (1.1 shows a Nano Banana model's Aspect Ratio and Resolution on the
 * panel, always sent: topFields.test.ts).
 */
const CASE_VERSION = 1;

/** The node's parameters that ask for `body`; undefined when no parameter can express it (the UI makes lists of text). */
function parametersOf(body: Record<string, unknown>, operation = 'createTask'): INodeParameters | undefined {
	const { model, callBackUrl, input } = body as { model: string; callBackUrl?: string; input: unknown };
	const contract = contractOf(model)!;
	const { prompt = '', ...fields } = isObject(input) ? input : {};
	const common = { operation, model, prompt, ...(callBackUrl ? { callbackUrl: callBackUrl } : {}) } as INodeParameters;
	if (contract.kind === 'json') return { ...common, inputFields: JSON.stringify(isObject(input) ? fields : input) };
	if (!isObject(input)) return undefined;
	const listFields = contract.fields.filter((field) => field.type === 'imageUrls').map((field) => field.name);
	if (listFields.some((field) => fields[field] !== undefined && !Array.isArray(fields[field]))) return undefined;
	return { ...common, [fieldsParameterOf(contract)]: fields as INodeParameters };
}

const casesOf = (filter: (testCase: ContractCase) => boolean) =>
	CASE_TABLES.flatMap(({ model, cases }) =>
		cases.filter(filter).map((testCase) => [model, testCase.name, testCase] as const),
	);

describe('LiangXin Image: every model through the node', () => {
	const sandbox = useSandbox({ taskDurationMs: 200 });

	it.each(casesOf((testCase) => testCase.golden === true))(
		'%s: %s reaches the sandbox exactly as documented',
		async (_model, _name, testCase) => {
			const result = await runImage(sandbox(), { parameters: parametersOf(testCase.body)!, typeVersion: CASE_VERSION });
			expect(result.error).toBeUndefined();
			expect(sandbox().createCalls().map((call) => call.body)).toEqual([testCase.body]);
		},
	);

	const expressible = casesOf((testCase) => testCase.invalid !== undefined).filter(
		([, , testCase]) => parametersOf(testCase.body) !== undefined,
	);
	it.each(expressible)('%s: %s is refused with 0 requests, naming item, field and rule', async (model, _name, testCase) => {
		const result = await runImage(sandbox(), { parameters: parametersOf(testCase.body)!, typeVersion: CASE_VERSION });
		expect(sandbox().log).toHaveLength(0);
		const message = result.error?.message ?? '';
		const label = labelsOf(contractOf(model)!)[testCase.invalid!];
		expect(message).toMatch(/^Item 0: /);
		expect(message).toContain(`${label}`);
		expect(message).toContain(`(${testCase.invalid}`);
		expect(message).toMatch(/must|is required|not valid/);
	});

	it('covers the invalid cases of every table except those the UI cannot express', () => {
		const skipped = casesOf((testCase) => testCase.invalid !== undefined && parametersOf(testCase.body) === undefined);
		expect(skipped.map(([model, name]) => `${model}: ${name}`)).toEqual([
			'nano-banana-pro: image_input that is not a list',
			'nano-banana-pro: input that is a list',
			'nano-banana-pro-flash: image_input that is not a list',
			'nano-banana-pro-flash: input that is a list',
			'flux-2-pro: reference_images that is not a list',
		]);
	});

	it.each(MODEL_CONTRACTS.map((contract) => [contract.model, contract.kind] as const))(
		'Create & Wait succeeds with %s (%s)',
		async (model) => {
			const result = await runImage(sandbox(), {
				parameters: { operation: 'createAndWait', model, prompt: 'a lighthouse at dawn' },
			});
			expect(result.error).toBeUndefined();
			const taskId = String(result.output[0].json.taskId);
			expect(result.output[0].json).toMatchObject({ model, status: 'success' });
			expect(result.output[0].binary?.data).toMatchObject({ fileName: `${taskId}-1.png`, mimeType: 'image/png' });
			expect((await result.binary(0)).equals(await sandbox().imageBytes(taskId))).toBe(true);
		},
	);

	it('Create & Wait with Other: a typed model value, its fields as JSON; an imagen4 jpeg is image/jpeg .jpg', async () => {
		const result = await runImage(sandbox(), {
			parameters: {
				operation: 'createAndWait',
				model: OTHER,
				otherModel: 'imagen4-ultra',
				prompt: 'a lighthouse at dawn',
				inputFields: '{"output_format": "jpeg", "anything": {"goes": true}}',
			},
		});
		expect(result.error).toBeUndefined();
		expect(sandbox().createCalls()[0].body).toEqual({
			model: 'imagen4-ultra',
			input: { output_format: 'jpeg', anything: { goes: true }, prompt: 'a lighthouse at dawn' },
		});
		const taskId = String(result.output[0].json.taskId);
		expect(result.output[0].binary?.data).toMatchObject({ fileName: `${taskId}-1.jpg`, mimeType: 'image/jpeg' });
		expect((await result.binary(0)).equals(await sandbox().imageBytes(taskId))).toBe(true);
	});

	it('typed imagen4-ultra asked for jpeg also returns image/jpeg .jpg', async () => {
		const result = await runImage(sandbox(), {
			parameters: {
				operation: 'createAndWait',
				model: 'imagen4-ultra',
				prompt: 'a lighthouse at dawn',
				[fieldsParameterOf(contractOf('imagen4-ultra')!)]: { output_format: 'jpg', compression_quality: 80 },
			},
		});
		expect(result.error).toBeUndefined();
		expect(result.output[0].binary?.data).toMatchObject({ mimeType: 'image/jpeg', fileExtension: 'jpg' });
	});

	it('refuses Other without a model value, and Model Settings (JSON) that are not JSON, before any request', async () => {
		const noValue = await runImage(sandbox(), { parameters: { operation: 'createTask', model: OTHER, prompt: 'a fox' } });
		expect(noValue.error?.message).toBe('Item 0: Model Value (model) must be a model value without spaces (got "")');
		const notJson = await runImage(sandbox(), {
			parameters: { operation: 'createTask', model: 'seedream-v5-lite', prompt: 'a fox', inputFields: '{"seed": 1,' },
		});
		expect(notJson.error?.message).toMatch(/^Item 0: Model Settings \(JSON\) \(input\) is not valid JSON: /);
		expect(sandbox().log).toHaveLength(0);
	});
});
