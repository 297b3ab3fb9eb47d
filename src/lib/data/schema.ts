import { SPECTRUM_LEVELS } from './model';

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
		end_year: 'INTEGER',
		status: 'VARCHAR',
		reported_year: 'INTEGER',
		council_count: 'INTEGER',
		reach: 'VARCHAR',
		councils_note: 'VARCHAR',
		benefits: 'VARCHAR',
		savings: 'VARCHAR',
		source_kind: 'VARCHAR',
		source_id: 'VARCHAR',
		source_locator: 'VARCHAR',
		source_quote: 'VARCHAR',
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
		source_id: 'VARCHAR',
		source_quote: 'VARCHAR'
	},
	/** What activities and survey figures cite (data/sources.csv without the report files' names). */
	sources: { id: 'VARCHAR', title: 'VARCHAR', publisher: 'VARCHAR', year: 'INTEGER', kind: 'VARCHAR', url: 'VARCHAR' }
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

/**
 * A statement that fails unless every staging table has exactly the declared columns and types,
 * in order, so a swap can move staged tables into place without copying them.
 */
export function stagedSchemaCheckSql(): string {
	const expected = TABLE_NAMES.map(
		(table) =>
			`('${STAGING}${table}', '${Object.entries(TABLES[table])
				.map(([column, type]) => `${column} ${type}`)
				.join(', ')}')`
	).join(', ');
	return `WITH expected(table_name, signature) AS (VALUES ${expected}),
		actual AS (
			SELECT table_name, string_agg(column_name || ' ' || data_type, ', ' ORDER BY column_index) AS signature
			FROM duckdb_columns() WHERE schema_name = 'main' AND table_name LIKE '${STAGING}%' GROUP BY table_name
		)
		SELECT CASE WHEN count(*) > 0 THEN error('The new dataset does not match the schema: ' || string_agg(e.table_name || ' (' || coalesce(a.signature, 'missing') || ')', '; ')) END
		FROM expected e LEFT JOIN actual a USING (table_name) WHERE a.signature IS DISTINCT FROM e.signature`;
}

/**
 * Tables derived from the dataset for fast filtering, rebuilt whenever the dataset is loaded or
 * swapped (inside the swap's transaction, so they never disagree with it). queries.ts reads them.
 *
 * - `filter_bits`: one bit per council, service area, region and partner type (64 at most each).
 * - `facet_codes`: a small integer per value of the single-valued dimensions, in value order.
 * - `activity_facts`: one row per activity, every filterable attribute as a code or bit mask, so
 *   any filter is a predicate on one table, with no join or subquery per activity. `k` is the
 *   activity's position in name order; `spectrum_rank` orders the spectrum levels (NULL: none).
 * - `council_mask_pairs`: the council pairs inside every distinct set of councils that
 *   non-national activities have, for the map's links.
 * - `mask_labels`: every distinct set of councils and of service areas, as the table lists it.
 */
export const DERIVED_TABLES = ['filter_bits', 'facet_codes', 'activity_facts', 'council_mask_pairs', 'mask_labels'] as const;

const REACH_ORDER = "['single', 'cluster', 'regional', 'national', 'unspecified']";
/**
 * Least to most integrated, as a SQL list: `spectrum_rank` is a level's place in it (from 1; NULL
 * where no level is derivable), which the figures read back through the same SPECTRUM_LEVELS.
 */
const SPECTRUM_ORDER = `[${SPECTRUM_LEVELS.map((level) => `'${level}'`).join(', ')}]`;

export const DERIVED_SQL: string[] = [
	`CREATE OR REPLACE TABLE filter_bits AS
	WITH v AS (
		SELECT DISTINCT 'councils' AS dimension, code AS value FROM councils WHERE code IS NOT NULL
		UNION SELECT DISTINCT 'serviceAreas', id FROM service_areas WHERE id IS NOT NULL
		UNION SELECT DISTINCT 'regions', region FROM councils WHERE region IS NOT NULL
		UNION SELECT DISTINCT 'partnerTypes', partner_type FROM activity_partners WHERE partner_type IS NOT NULL
	), numbered AS (
		SELECT dimension, value, row_number() OVER (PARTITION BY dimension ORDER BY value) - 1 AS idx FROM v
	)
	SELECT dimension, value, CAST(idx AS UTINYINT) AS idx,
		CASE WHEN idx < 64 THEN CAST(1 AS UBIGINT) << CAST(idx AS INTEGER)
			ELSE error('The atlas can filter by at most 64 values of ' || dimension) END AS mask
	FROM numbered`,
	`CREATE OR REPLACE TABLE facet_codes AS
	WITH v AS (
		SELECT DISTINCT 'types' AS dimension, coalesce(collaborative_type, '') AS key FROM activities
		UNION ALL SELECT DISTINCT 'mechanisms', coalesce(delivery_mechanism, '') FROM activities
		UNION ALL SELECT DISTINCT 'statuses', status FROM activities
		UNION ALL SELECT DISTINCT 'reaches', reach FROM activities
		UNION ALL SELECT DISTINCT 'sourceKinds', source_kind FROM activities
		UNION ALL SELECT DISTINCT 'spectrumLevels', coalesce(spectrum_level, 'none') FROM activities
	)
	SELECT dimension, key, CAST(row_number() OVER (PARTITION BY dimension ORDER BY key) AS INTEGER) AS code FROM v WHERE key IS NOT NULL`,
	`CREATE OR REPLACE TABLE activity_facts AS
	WITH cm AS (
		SELECT ac.activity_id AS id, bit_or(cb.mask) AS council_mask, bit_or(rb.mask) AS region_mask
		FROM activity_councils ac
		JOIN filter_bits cb ON cb.dimension = 'councils' AND cb.value = ac.council_code
		LEFT JOIN councils c ON c.code = ac.council_code
		LEFT JOIN filter_bits rb ON rb.dimension = 'regions' AND rb.value = c.region
		GROUP BY 1
	), sm AS (
		SELECT s.activity_id AS id, bit_or(b.mask) AS area_mask
		FROM activity_service_areas s JOIN filter_bits b ON b.dimension = 'serviceAreas' AND b.value = s.service_area_id
		GROUP BY 1
	), pm AS (
		SELECT p.activity_id AS id, bit_or(b.mask) AS partner_mask
		FROM activity_partners p JOIN filter_bits b ON b.dimension = 'partnerTypes' AND b.value = p.partner_type
		GROUP BY 1
	), codes AS (SELECT * FROM facet_codes)
	SELECT CAST(row_number() OVER (ORDER BY a.name, a.id) - 1 AS INTEGER) AS k,
		a.id, a.name,
		t.code AS type_code, m.code AS mechanism_code, st.code AS status_code, r.code AS reach_code, sk.code AS kind_code,
		sp.code AS spectrum_code,
		CAST(list_position(${REACH_ORDER}, a.reach) AS UTINYINT) AS reach_rank,
		CAST(list_position(${SPECTRUM_ORDER}, a.spectrum_level) AS UTINYINT) AS spectrum_rank,
		a.start_year,
		a.end_year,
		a.council_count,
		a.reach = 'national' AS national,
		coalesce(cm.council_mask, 0) AS council_mask,
		coalesce(cm.region_mask, 0) AS region_mask,
		coalesce(sm.area_mask, 0) AS area_mask,
		coalesce(pm.partner_mask, 0) AS partner_mask
	FROM activities a
	LEFT JOIN cm ON cm.id = a.id
	LEFT JOIN sm ON sm.id = a.id
	LEFT JOIN pm ON pm.id = a.id
	LEFT JOIN codes t ON t.dimension = 'types' AND t.key = coalesce(a.collaborative_type, '')
	LEFT JOIN codes m ON m.dimension = 'mechanisms' AND m.key = coalesce(a.delivery_mechanism, '')
	LEFT JOIN codes st ON st.dimension = 'statuses' AND st.key = a.status
	LEFT JOIN codes r ON r.dimension = 'reaches' AND r.key = a.reach
	LEFT JOIN codes sk ON sk.dimension = 'sourceKinds' AND sk.key = a.source_kind
	LEFT JOIN codes sp ON sp.dimension = 'spectrumLevels' AND sp.key = coalesce(a.spectrum_level, 'none')
	ORDER BY k`,
	`CREATE OR REPLACE TABLE council_mask_pairs AS
	SELECT m.council_mask AS mask, x.idx AS a, y.idx AS b
	FROM (SELECT DISTINCT council_mask FROM activity_facts WHERE NOT national AND bit_count(council_mask) >= 2) m
	JOIN filter_bits x ON x.dimension = 'councils' AND (m.council_mask & x.mask) <> 0
	JOIN filter_bits y ON y.dimension = 'councils' AND (m.council_mask & y.mask) <> 0 AND x.idx < y.idx`,
	`CREATE OR REPLACE TABLE mask_labels AS
	SELECT 'councils' AS dimension, m.mask, string_agg(c.name, '; ' ORDER BY c.name) AS labels
	FROM (SELECT DISTINCT council_mask AS mask FROM activity_facts WHERE council_mask <> 0) m
	JOIN filter_bits b ON b.dimension = 'councils' AND (m.mask & b.mask) <> 0
	JOIN councils c ON c.code = b.value
	GROUP BY m.mask
	UNION ALL
	SELECT 'serviceAreas', m.mask, string_agg(sa.short_label, '; ' ORDER BY sa.short_label)
	FROM (SELECT DISTINCT area_mask AS mask FROM activity_facts WHERE area_mask <> 0) m
	JOIN filter_bits b ON b.dimension = 'serviceAreas' AND (m.mask & b.mask) <> 0
	JOIN service_areas sa ON sa.id = b.value
	GROUP BY m.mask`
];

async function buildDerived(loader: TableLoader) {
	for (const sql of DERIVED_SQL) await loader.exec(sql);
}

/**
 * Replaces the whole dataset or nothing: `stage` fills a staging copy of every table (where a
 * malformed input fails harmlessly), the copies are checked against the declared schema, then
 * in one transaction they replace the loaded tables and the derived tables are rebuilt. `stage`
 * may create further scratch tables; it lists them in `scratch` so they are dropped whatever
 * happens.
 */
export async function swapDataset(loader: TableLoader, stage: (scratch: string[]) => Promise<void>) {
	const scratch: string[] = [];
	try {
		await stage(scratch);
		await loader.exec(stagedSchemaCheckSql());
		await loader.exec('BEGIN TRANSACTION');
		try {
			// Renamed, not copied: at a million activities a copy would cost seconds and memory.
			for (const table of TABLE_NAMES) {
				await loader.exec(`DROP TABLE IF EXISTS ${table}`);
				await loader.exec(`ALTER TABLE ${STAGING}${table} RENAME TO ${table}`);
			}
			await buildDerived(loader);
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
	await buildDerived(loader);
}
