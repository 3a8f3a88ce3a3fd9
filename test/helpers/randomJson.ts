/**
 * Seeded random JSON for property-style tests: the same seed gives the same bodies, so a failure can
 * be replayed. The output is JSON text, so that keys such as `__proto__` become own properties when
 * parsed, as they do in a body n8n parses.
 */

/** mulberry32: a small, well-spread 32-bit generator. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const ODD_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '', ' ', '0', 'a.b'];
const TASK_KEYS = ['taskId', 'task_id', 'state', 'status', 'model', 'param', 'resultJson', 'resultUrls', 'input',
	'callBackUrl', 'failCode', 'failMsg', 'costTime', 'createTime', 'completeTime', 'code', 'msg', 'data'];
const STATES = ['success', 'fail', 'FAILED', 'completed', 'waiting', 'generating', 'upscaling', ''];

export class RandomJson {
	private readonly random: () => number;

	constructor(seed: number) {
		this.random = seededRandom(seed);
	}

	int(max: number): number {
		return Math.floor(this.random() * max);
	}

	chance(probability: number): boolean {
		return this.random() < probability;
	}

	pick<T>(values: readonly T[]): T {
		return values[this.int(values.length)];
	}

	/** A callback-like body as JSON text: mostly `{code, msg, data: {...}}` with odd values, sometimes anything. */
	body(): string {
		const roll = this.random();
		if (roll < 0.15) return this.value(3);
		const usual = (keys: string[]) => {
			const key = this.pick(keys);
			return this.chance(0.7) ? [`${JSON.stringify(key)}:${this.fieldValue(key)}`] : [];
		};
		const members = [...usual(['taskId', 'task_id']), ...usual(['state', 'status']), ...this.members(TASK_KEYS, (key) => this.fieldValue(key))];
		const data = `{${members.join(',')}}`;
		if (roll < 0.3) return data;
		return `{"code":${this.value(1)},"msg":${this.value(1)},"data":${this.chance(0.9) ? data : this.value(2)}}`;
	}

	/** Any JSON value, at most `depth` levels of ordinary nesting (deep chains come on top). */
	value(depth: number): string {
		const roll = this.random();
		if (roll < 0.05) return this.deepChain();
		if (depth <= 0 || roll < 0.5) return this.scalar();
		if (roll < 0.75) return `[${Array.from({ length: this.int(6) }, () => this.value(depth - 1)).join(',')}]`;
		return this.object([...ODD_KEYS, ...TASK_KEYS], () => this.value(depth - 1));
	}

	private object(keys: readonly string[], valueOf: (key: string) => string): string {
		return `{${this.members(keys, valueOf).join(',')}}`;
	}

	private members(keys: readonly string[], valueOf: (key: string) => string): string[] {
		return Array.from({ length: this.int(8) }, () => {
			const key = this.chance(0.8) ? this.pick(keys) : this.string();
			return `${JSON.stringify(key)}:${valueOf(key)}`;
		});
	}

	/** Values a field of a task might carry, valid or not. */
	private fieldValue(key: string): string {
		if (this.chance(0.4)) return this.value(3);
		if (key === 'taskId' || key === 'task_id') {
			return this.pick([JSON.stringify(`task_${this.int(1e9)}`), JSON.stringify('t'.repeat(200 + this.int(120))), '7', '""']);
		}
		if (key === 'state' || key === 'status') return JSON.stringify(this.pick(STATES));
		if (key === 'param' || key === 'resultJson') {
			const inner = this.object(['input', 'resultUrls', 'callBackUrl', ...ODD_KEYS], () => this.value(3));
			return this.chance(0.5) ? JSON.stringify(inner) : inner;
		}
		return this.value(2);
	}

	private scalar(): string {
		const roll = this.random();
		if (roll < 0.15) return this.pick(['null', 'true', 'false']);
		if (roll < 0.35) return this.pick(['0', '-0', '1e308', '-1.5', '123456789012345678901234567890', String(this.int(1e6))]);
		return JSON.stringify(this.string());
	}

	private string(): string {
		const roll = this.random();
		if (roll < 0.01) return 'x'.repeat(20_000 + this.int(100_000));
		if (roll < 0.1) return `https://files.example.com/${this.int(100)}.png?token=secret-${this.int(100)}`;
		if (roll < 0.15) return '{"resultUrls":["http://127.0.0.1/latest/meta-data"]}';
		if (roll < 0.2) return '\u0000\ud800\u202e😀';
		return Array.from({ length: this.int(12) }, () => String.fromCharCode(32 + this.int(95))).join('');
	}

	/** An array or object chain 1000 to 6000 levels deep. */
	private deepChain(): string {
		const depth = 1000 + this.int(5000);
		const [open, close] = this.chance(0.5) ? ['[', ']'] : [`{${JSON.stringify(this.pick(ODD_KEYS))}:`, '}'];
		return `${open.repeat(depth)}${this.scalar()}${close.repeat(depth)}`;
	}
}
