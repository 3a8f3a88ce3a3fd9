/** One createTask body and what LiangXin's docs say about it. */
export interface ContractCase {
	name: string;
	body: Record<string, unknown>;
	/** The field a rejection names, e.g. `input.width`; absent when the body is valid. */
	invalid?: string;
	/** Exactly what the docs describe or show (their example, or every documented field). */
	golden?: true;
}

export type CaseTable = { model: string; cases: ContractCase[] };

export const CALLBACK_URL = 'https://n8n.example.com/webhook/liangxin';
export const PNG_URL = 'https://cdn.example.com/reference.png';
export const JPEG_URL = 'https://cdn.example.com/photo.jpeg';
export const PNG_DATA_URI = 'data:image/png;base64,iVBORw0KGgo=';

/** Builds the bodies of one model's table. */
export function bodiesOf(model: string) {
	return (input: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ model, ...extra, input });
}

export const valid = (name: string, body: Record<string, unknown>): ContractCase => ({ name, body });
export const golden = (name: string, body: Record<string, unknown>): ContractCase => ({ name, body, golden: true });
export const invalid = (name: string, body: Record<string, unknown>, field: string): ContractCase => ({
	name,
	body,
	invalid: field,
});
