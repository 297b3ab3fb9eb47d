/**
 * The one `AtlasDb` implementation, shared by the browser (DuckDB-WASM in a worker) and the Node
 * tests and build (the same engine, blocking bindings): prepared statements are cached per SQL
 * text, and a dataset swap holds the engine alone.
 */
import { forgetFilterCodes, type AtlasDb } from './sql';
import type { SqlParam } from './filters';
import { replaceTables, type DatasetFiles, type TableLoader } from './schema';
import type { SyntheticDataset } from './synthetic';
import { ReadWriteLock } from './rw-lock';

/** A prepared statement, whatever the bindings: run with parameters, close when done. */
export interface PreparedQuery {
	query(params: SqlParam[]): Promise<object[]>;
	close(): Promise<void>;
}

export interface EngineConnection {
	prepare(sql: string): Promise<PreparedQuery>;
	loader: TableLoader;
}

/**
 * Answers kept per dataset: every view of the last dozens of filter states, so turning a filter
 * off again costs no query. More bought nothing a user repeats, and at 256 the cache alone grew
 * the page's heap by a sixth over a long session.
 */
const CACHED_ANSWERS = 64;
/** Larger answers (a CSV export of every row) are not kept: they would hold memory for one use. */
const CACHED_ROWS = 5_000;

export class CachingAtlasDb implements AtlasDb {
	private statements = new Map<string, Promise<PreparedQuery>>();
	/** The prepared ones, to run without an `await` that would let the page's render go first. */
	private prepared = new Map<string, PreparedQuery>();
	/**
	 * Answers by statement and parameters, most recently used last. Every query is a SELECT over
	 * tables that change only in a swap, which clears it, so turning a filter off again is
	 * answered without the engine. Callers must not edit the rows they are given.
	 */
	private answers = new Map<string, Promise<object[]>>();
	private lock = new ReadWriteLock();

	constructor(private engine: EngineConnection) {}

	/** For swaps and tests; statements run on it directly bypass the lock and the answer cache. */
	get loader(): TableLoader {
		return this.engine.loader;
	}

	query<T extends object>(sql: string, params: SqlParam[] = []): Promise<T[]> {
		const key = `${sql}\u0000${JSON.stringify(params)}`;
		const cached = this.answers.get(key);
		if (cached) {
			this.answers.delete(key);
			this.answers.set(key, cached);
			return cached as Promise<T[]>;
		}
		const answer = this.lock.read(() => this.run(sql, params));
		this.answers.set(key, answer);
		if (this.answers.size > CACHED_ANSWERS) this.answers.delete(this.answers.keys().next().value!);
		answer.then(
			(rows) => rows.length > CACHED_ROWS && this.answers.get(key) === answer && this.answers.delete(key),
			() => this.answers.get(key) === answer && this.answers.delete(key)
		);
		return answer as Promise<T[]>;
	}

	private async run(sql: string, params: SqlParam[]): Promise<object[]> {
		const ready = this.prepared.get(sql);
		if (ready) return ready.query(params);
		let statement = this.statements.get(sql);
		if (!statement) {
			const preparing = this.engine.prepare(sql);
			statement = preparing;
			this.statements.set(sql, preparing);
			preparing.then(
				(prepared) => this.statements.get(sql) === preparing && this.prepared.set(sql, prepared),
				() => this.statements.get(sql) === preparing && this.statements.delete(sql)
			);
		}
		return (await statement).query(params);
	}

	replaceDataset(files: DatasetFiles): Promise<void> {
		return this.swap(() => replaceTables(this.loader, files));
	}

	replaceWithSynthetic(dataset: SyntheticDataset): Promise<void> {
		return this.swap(async () => {
			// Loaded on demand: only a synthetic view needs it.
			const { replaceWithSynthetic } = await import('./synthetic-load');
			await replaceWithSynthetic(this.loader, dataset);
		});
	}

	/**
	 * Runs a swap with no query in flight. Answers and filter codes are dropped as soon as it is
	 * asked for, so a query made while it waits is answered from the new tables, not the cache;
	 * and again when it is done, with the statements prepared on the old tables.
	 */
	private swap(replace: () => Promise<void>): Promise<void> {
		this.answers.clear();
		forgetFilterCodes(this);
		return this.lock.write(async () => {
			try {
				await replace();
			} finally {
				this.answers.clear();
				forgetFilterCodes(this);
				const stale = [...this.statements.values()];
				this.statements.clear();
				this.prepared.clear();
				await Promise.allSettled(stale.map(async (statement) => (await statement).close()));
			}
		});
	}
}
