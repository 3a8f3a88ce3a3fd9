/** At most `limit` pieces of work at once; the others wait their turn in call order. */
export class Slots {
	private active = 0;

	private readonly waiting: Array<() => void> = [];

	constructor(private readonly limit: number) {}

	async use<T>(work: () => Promise<T>): Promise<T> {
		if (this.active < this.limit) this.active++;
		else await new Promise<void>((resolve) => this.waiting.push(resolve));
		try {
			return await work();
		} finally {
			// The slot passes straight to the next in line, or is freed.
			const next = this.waiting.shift();
			if (next) next();
			else this.active--;
		}
	}
}
