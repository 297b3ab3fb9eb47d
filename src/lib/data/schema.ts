/** The tables `npm run data:build` writes to static/data, with the column types DuckDB reads them as. */
export const TABLES = {
	councils: {
		code: 'VARCHAR',
		code_2013: 'VARCHAR',
		name: 'VARCHAR',
		aliases: 'VARCHAR',
		region: 'VARCHAR',
		lon: 'DOUBLE',
		lat: 'DOUBLE'
	},
	service_areas: { id: 'VARCHAR', label: 'VARCHAR', short_label: 'VARCHAR' },
	collaborative_types: { id: 'VARCHAR', label: 'VARCHAR' },
	activities: {
		id: 'VARCHAR',
		name: 'VARCHAR',
		summary: 'VARCHAR',
		collaborative_type: 'VARCHAR',
		delivery_mechanism: 'VARCHAR',
		lead_council_code: 'VARCHAR',
		start_year: 'INTEGER',
		status: 'VARCHAR',
		reported_year: 'INTEGER',
		council_count: 'INTEGER',
		reach: 'VARCHAR',
		councils_note: 'VARCHAR',
		benefits: 'VARCHAR',
		savings: 'VARCHAR',
		source_kind: 'VARCHAR',
		source_file: 'VARCHAR',
		source_quote: 'VARCHAR',
		public_record_source: 'VARCHAR',
		spectrum_level: 'VARCHAR'
	},
	activity_councils: { activity_id: 'VARCHAR', council_code: 'VARCHAR', is_lead: 'BOOLEAN' },
	activity_partners: { activity_id: 'VARCHAR', partner_name: 'VARCHAR', partner_type: 'VARCHAR' },
	activity_service_areas: { activity_id: 'VARCHAR', service_area_id: 'VARCHAR' },
	council_neighbours: { council_code: 'VARCHAR', neighbour_code: 'VARCHAR' },
	survey_tables: {
		table_id: 'VARCHAR',
		table_title: 'VARCHAR',
		survey_round: 'INTEGER',
		row_order: 'INTEGER',
		row_label: 'VARCHAR',
		number: 'INTEGER',
		percent: 'INTEGER',
		n: 'INTEGER',
		n_note: 'VARCHAR',
		source_file: 'VARCHAR',
		source_quote: 'VARCHAR'
	}
} as const satisfies Record<string, Record<string, string>>;

export type TableName = keyof typeof TABLES;
export const TABLE_NAMES = Object.keys(TABLES) as TableName[];

/**
 * Table and column names come from the constant above, never from input, so building this
 * statement from strings is safe; the file is registered under a fixed name.
 */
export function createTableSql(table: TableName, prefix = ''): string {
	const columns = Object.entries(TABLES[table])
		.map(([column, type]) => `'${column}': '${type}'`)
		.join(', ');
	return `CREATE OR REPLACE TABLE ${prefix}${table} AS SELECT * FROM read_csv('${prefix}${table}.csv', header = true, delim = ',', quote = '"', escape = '"', columns = {${columns}})`;
}

/** CSV text for every table: one complete dataset, as `npm run data:build` or an import produces it. */
export type DatasetFiles = Record<TableName, string>;

/** Staging tables are named with this prefix; the swap moves them into place. */
export const STAGING = 'incoming_';

/** The table's declared columns, cast to their declared types, from any staged source. */
export function conformingSelect(table: TableName, from: string): string {
	const columns = Object.entries(TABLES[table]).map(([column, type]) => `CAST(${column} AS ${type}) AS ${column}`);
	return `SELECT ${columns.join(', ')} FROM ${from}`;
}

/**
 * Replaces the whole dataset or nothing: `stage` fills a staging copy of every table (where a
 * malformed input fails harmlessly), then all are swapped in one transaction, each cast to the
 * declared schema. `stage` may create further scratch tables; it lists them in `scratch` so they
 * are dropped whatever happens.
 */
export async function swapDataset(loader: TableLoader, stage: (scratch: string[]) => Promise<void>) {
	const scratch: string[] = [];
	try {
		await stage(scratch);
		await loader.exec('BEGIN TRANSACTION');
		try {
			for (const table of TABLE_NAMES)
				await loader.exec(`CREATE OR REPLACE TABLE ${table} AS ${conformingSelect(table, `${STAGING}${table}`)}`);
			await loader.exec('COMMIT');
		} catch (error) {
			await loader.exec('ROLLBACK');
			throw error;
		}
	} finally {
		for (const table of [...TABLE_NAMES.map((t) => `${STAGING}${t}`), ...scratch]) await loader.exec(`DROP TABLE IF EXISTS ${table}`);
	}
}

/** Replaces the whole dataset from CSV text, all or nothing (see `swapDataset`). */
export async function replaceTables(loader: TableLoader, files: DatasetFiles) {
	await swapDataset(loader, async () => {
		for (const table of TABLE_NAMES) {
			await loader.registerText(`${STAGING}${table}.csv`, files[table]);
			await loader.exec(createTableSql(table, STAGING));
		}
	});
}

/** Anything that can register a file and run a statement: the browser worker or Node's blocking engine. */
export interface TableLoader {
	registerText(fileName: string, text: string): Promise<void>;
	exec(sql: string): Promise<void>;
	/** Creates table `name` from an Arrow IPC stream (column-wise, no text parsing). */
	insertArrowIpc(name: string, stream: Uint8Array): Promise<void>;
}

export async function loadTables(loader: TableLoader, fetchText: (file: string) => Promise<string>, onTable?: (table: TableName) => void) {
	for (const table of TABLE_NAMES) {
		await loader.registerText(`${table}.csv`, await fetchText(`${table}.csv`));
		await loader.exec(createTableSql(table));
		onTable?.(table);
	}
}
