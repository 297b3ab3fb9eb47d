/**
 * The same DuckDB-WASM engine the browser runs, in Node (blocking bindings), loaded with the
 * same table definitions, so SQL tests see what users see.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { createDuckDB, NODE_RUNTIME, VoidLogger, type DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import type { AtlasDb } from '../../src/lib/data/queries';
import { CachingAtlasDb } from '../../src/lib/data/engine';
import { loadTables, type TableLoader } from '../../src/lib/data/schema';
import { toPlainRows } from '../../src/lib/data/arrow-rows';

const require = createRequire(fileURLToPath(import.meta.url));
const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));

/** The engine, with its loader and (for profiling) its raw connection. */
export type WasmDb = AtlasDb & { close(): void; loader: TableLoader; connection: DuckDBConnection };

export async function openWasmDb(dataDir: string): Promise<WasmDb> {
	const duck = await createDuckDB(
		{
			mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
			eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') }
		},
		new VoidLogger(),
		NODE_RUNTIME
	);
	await duck.instantiate();
	const connection = duck.connect();
	connection.query('SET autoinstall_known_extensions = false');
	connection.query('SET autoload_known_extensions = false');
	const loader: TableLoader = {
		registerText: async (name, text) => duck.registerFileText(name, text),
		exec: async (sql) => void connection.query(sql),
		insertArrowIpc: async (name, stream) => connection.insertArrowFromIPCStream(stream, { name, create: true })
	};
	await loadTables(
		loader,
		async (file) => fs.readFileSync(path.join(dataDir, file), 'utf8')
	);
	const db = Object.assign(
		new CachingAtlasDb({
			loader,
			prepare: async (sql) => {
				const statement = connection.prepare(sql);
				return { query: async (params) => toPlainRows(statement.query(...params)), close: async () => statement.close() };
			}
		}),
		{ close: () => connection.close(), connection }
	);
	return db;
}
