/**
 * The one `AtlasDb` implementation, shared by the browser (DuckDB-WASM in a worker) and the Node
 * tests and build (the same engine, blocking bindings): prepared statements are cached per SQL
 * text, and a dataset swap holds the engine alone.
 */
import { forgetFilterCodes, type AtlasDb } from './queries';
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

export class CachingAtlasDb implements AtlasDb {
	private statements = new Map<string, Promise<PreparedQuery>>();
	private lock = new ReadWriteLock();

	constructor(private engine: EngineConnection) {}

	get loader(): TableLoader {
		return this.engine.loader;
	}

	query<T extends object>(sql: string, params: SqlParam[] = []): Promise<T[]> {
		return this.lock.read(async () => {
			let statement = this.statements.get(sql);
			if (!statement) {
				statement = this.engine.prepare(sql);
				this.statements.set(sql, statement);
				statement.catch(() => this.statements.delete(sql));
			}
			return (await (await statement).query(params)) as T[];
		});
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

	/** Runs a swap with no query in flight; statements and filter codes belong to the old tables. */
	private swap(replace: () => Promise<void>): Promise<void> {
		return this.lock.write(async () => {
			try {
				await replace();
			} finally {
				forgetFilterCodes(this);
				const stale = [...this.statements.values()];
				this.statements.clear();
				await Promise.allSettled(stale.map(async (statement) => (await statement).close()));
			}
		});
	}
}
