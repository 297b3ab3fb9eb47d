/**
 * Many readers at once, or one writer alone. A dataset swap is a run of statements on the same
 * connection the queries use: without this, a query that arrives mid-swap runs inside the swap's
 * transaction and finds tables dropped or renamed. The writer waits for queries already running,
 * and queries that arrive meanwhile wait for the writer, so none is starved.
 */
export class ReadWriteLock {
	private readers = 0;
	/** Settles when the active or queued writer has finished. */
	private writer: Promise<void> | undefined;
	private onDrained: (() => void) | undefined;

	async read<T>(work: () => Promise<T>): Promise<T> {
		while (this.writer) await this.writer;
		this.readers++;
		try {
			return await work();
		} finally {
			if (--this.readers === 0) this.onDrained?.();
		}
	}

	async write<T>(work: () => Promise<T>): Promise<T> {
		while (this.writer) await this.writer;
		let finished!: () => void;
		this.writer = new Promise<void>((resolve) => (finished = resolve));
		try {
			if (this.readers > 0) await new Promise<void>((resolve) => (this.onDrained = resolve));
			this.onDrained = undefined;
			return await work();
		} finally {
			this.writer = undefined;
			finished();
		}
	}
}
