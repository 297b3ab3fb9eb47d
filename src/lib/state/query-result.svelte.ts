/** A query's answer as a view sees it. A refresh keeps showing the last answer until the next arrives. */
export type Loadable<T> = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; message: string };

type Answer<T> = Extract<Loadable<T>, { kind: 'ready' | 'failed' }>;

/**
 * One query's latest answer. `load` only ever writes state, and `current` is derived from it, so
 * an effect that calls `load` depends on the query's inputs alone: had it read the answer it
 * writes, the effect would re-run itself for ever. Answers to superseded requests are dropped.
 */
export class QueryResult<T> {
	private answer = $state.raw<Answer<T> | undefined>(undefined);
	private inFlight = $state(false);
	private generation = 0;

	current = $derived<Loadable<T>>(this.answer ?? (this.inFlight ? { kind: 'loading' } : { kind: 'idle' }));

	async load(query: () => Promise<T>): Promise<void> {
		const generation = ++this.generation;
		this.inFlight = true;
		let next: Answer<T>;
		try {
			next = { kind: 'ready', value: await query() };
		} catch (error) {
			next = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
		}
		if (generation !== this.generation) return;
		this.answer = next;
		this.inFlight = false;
	}

	/** Back to idle: nothing to ask (e.g. no council chosen); a request still running is ignored. */
	clear() {
		this.generation++;
		this.answer = undefined;
		this.inFlight = false;
	}
}
