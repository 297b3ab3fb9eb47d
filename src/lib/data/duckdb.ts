/**
 * The one module that owns DuckDB-WASM in the browser: created lazily on first use, once,
 * from the locally bundled eh build, with extension autoloading off so nothing is fetched.
 */
import type { AsyncDuckDB } from '@duckdb/duckdb-wasm';
import { toPlainRows } from './arrow-rows';
import { CachingAtlasDb } from './engine';
import type { AtlasDb } from './queries';
import { loadTables, TABLE_NAMES, type TableLoader, type TableName } from './schema';

export type DbState =
	| { kind: 'idle' }
	| { kind: 'loading'; step: string; loaded: number; total: number }
	| { kind: 'ready'; activities: number; millis: number }
	| { kind: 'failed'; message: string };

type Listener = (state: DbState) => void;

let state: DbState = { kind: 'idle' };
const listeners = new Set<Listener>();
let dbPromise: Promise<AtlasDb> | undefined;

function setState(next: DbState) {
	state = next;
	for (const listener of listeners) listener(state);
}

export function dbState(): DbState {
	return state;
}

export function onDbState(listener: Listener): () => void {
	listeners.add(listener);
	listener(state);
	return () => listeners.delete(listener);
}

async function instantiate(dataBase: string): Promise<AtlasDb> {
	const started = performance.now();
	const total = TABLE_NAMES.length + 1;
	setState({ kind: 'loading', step: 'Starting the query engine', loaded: 0, total });
	// Every table's file is asked for at once, while the engine compiles, not one after another.
	const files = new Map(
		TABLE_NAMES.map((table) => {
			const file = `${table}.csv`;
			const text = fetch(`${dataBase}/${file}`).then((response) => {
				if (!response.ok) throw new Error(`Could not load ${file} (HTTP ${response.status})`);
				return response.text();
			});
			// Read when its table is loaded; if the engine fails first, nobody will.
			text.catch(() => undefined);
			return [file, text] as const;
		})
	);
	const [duckdb, { default: wasmUrl }, { default: workerUrl }] = await Promise.all([
		import('@duckdb/duckdb-wasm'),
		import('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url'),
		import('@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url')
	]);
	const worker = new Worker(workerUrl);
	const db: AsyncDuckDB = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	await db.instantiate(wasmUrl);
	const connection = await db.connect();
	await connection.query('SET autoinstall_known_extensions = false');
	await connection.query('SET autoload_known_extensions = false');

	let loaded = 1;
	const loader: TableLoader = {
		registerText: (name, text) => db.registerFileText(name, text),
		exec: async (sql) => void (await connection.query(sql)),
		insertArrowIpc: (name, stream) => connection.insertArrowFromIPCStream(stream, { name, create: true })
	};
	await loadTables(
		loader,
		(file) => files.get(file) ?? Promise.reject(new Error(`No such table file: ${file}`)),
		(table: TableName) => setState({ kind: 'loading', step: `Loaded ${table}`, loaded: ++loaded, total })
	);
	const runner = new CachingAtlasDb({
		loader,
		prepare: async (sql) => {
			const statement = await connection.prepare(sql);
			return { query: async (params) => toPlainRows(await statement.query(...params)), close: () => statement.close() };
		}
	});
	const [{ n }] = await runner.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM activities');
	setState({ kind: 'ready', activities: n, millis: Math.round(performance.now() - started) });
	return runner;
}

/**
 * Starts the shared engine without waiting for it, for a page that will surely query: its ~2 s of
 * compiling then overlaps the page's own start-up. A failure is reported through `onDbState`,
 * and the next `getDb` tries again.
 */
export function startDb(dataBase: string) {
	if (typeof window === 'undefined') return;
	getDb(dataBase).catch(() => undefined);
}

/** The shared engine; the first call starts it, later calls get the same promise. */
export function getDb(dataBase: string): Promise<AtlasDb> {
	if (typeof window === 'undefined') return Promise.reject(new Error('DuckDB-WASM runs in the browser only'));
	dbPromise ??= instantiate(dataBase).catch((error: unknown) => {
		const message = error instanceof Error ? error.message : String(error);
		setState({ kind: 'failed', message });
		dbPromise = undefined;
		throw error;
	});
	return dbPromise;
}
