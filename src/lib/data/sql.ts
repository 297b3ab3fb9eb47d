/**
 * What every query module shares: the engine's interface, the filter dictionary of the loaded
 * dataset, the WHERE clause built from it, and how a cited source is selected. Kept apart from
 * the queries so that queries.ts and insight-queries.ts both depend on it, not on each other.
 */
import { citation } from './model';
import {
	CODED_DIMENSIONS,
	MASKED_DIMENSIONS,
	SqlParams,
	whereClause,
	type CodedDimension,
	type FilterCodes,
	type Filters,
	type MaskedDimension,
	type SqlParam
} from './filters';

/** A source's fields as a query selects them beside the row that cites it (`sources s`). */
export interface CitedSource {
	source_id: string | null;
	source_locator: string | null;
	source_title: string | null;
	source_publisher: string | null;
	source_year: number | null;
	source_type: string | null;
	source_url: string | null;
}
/** The columns of `CitedSource` that come from the joined `sources s` (the locator is the citing row's). */
export const CITED_SOURCE_COLUMNS = 's.title AS source_title, s.publisher AS source_publisher, s.year AS source_year, s.kind AS source_type, s.url AS source_url';

/** "Title (Publisher, Year), Locator" for a row with its source's fields. */
export function citedSource(row: Omit<CitedSource, 'source_url'>): string {
	return citation(
		{ id: row.source_id, title: row.source_title, publisher: row.source_publisher, year: row.source_year, kind: row.source_type },
		row.source_locator
	);
}

/** What the query functions need from an engine: run a prepared statement with bound parameters. */
export interface SqlRunner {
	query<T extends object>(sql: string, params?: SqlParam[]): Promise<T[]>;
}

/** The engine the app holds: queries, plus swapping in a whole new dataset atomically. */
export interface AtlasDb extends SqlRunner {
	replaceDataset(files: import('./schema').DatasetFiles): Promise<void>;
	/** Swaps in generated activities (keeping the reference tables), as atomically as `replaceDataset`. */
	replaceWithSynthetic(dataset: import('./synthetic').SyntheticDataset): Promise<void>;
}



/**
 * A value read from the loaded dataset once, per engine, until `forgetFilterCodes` says a swap
 * replaced the dataset; a failed read is forgotten so the next use tries again. `loaded` gives it
 * without waiting once it has arrived, so a filter's query can leave for the engine in the same
 * task as the click.
 */
function perDataset<T>(load: (db: SqlRunner) => Promise<T>) {
	const cache = new WeakMap<SqlRunner, Promise<T>>();
	const arrived = new WeakMap<SqlRunner, T>();
	forgetters.push((db) => {
		cache.delete(db);
		arrived.delete(db);
	});
	const get = (db: SqlRunner): Promise<T> => {
		let loading = cache.get(db);
		if (!loading) {
			const started = load(db);
			loading = started;
			cache.set(db, started);
			started.then(
				(value) => cache.get(db) === started && arrived.set(db, value),
				() => cache.get(db) === started && cache.delete(db)
			);
		}
		return loading;
	};
	return Object.assign(get, { loaded: (db: SqlRunner): T | undefined => arrived.get(db) });
}
const forgetters: ((db: SqlRunner) => void)[] = [];

/** What a council is, whatever the filters: its name, region and where its label and links sit. */
export interface CouncilPlace {
	name: string;
	region: string;
	lon: number;
	lat: number;
}

/**
 * The loaded dataset's councils by code, in name order (ties by code, both in DuckDB's binary text
 * order), read once per dataset: the figures' queries return codes and counts, and the names,
 * centroids and order of the map's councils come from here.
 */
export const councilPlaces = perDataset((db) =>
	db
		.query<CouncilPlace & { code: string }>('SELECT code, name, region, lon, lat FROM councils ORDER BY name, code')
		.then((rows) => new Map<string, CouncilPlace>(rows.map(({ code, ...place }) => [code, place])))
);

/**
 * The dataset's dictionary both ways: filter values to the codes and bits of `activity_facts`
 * (for WHERE clauses), and codes and bit indexes back to values (for reading the figures).
 */
export interface DatasetCodes extends FilterCodes {
	/** Each single-valued dimension's values by code. */
	keys: Record<CodedDimension, Map<number, string>>;
	/** Each multi-valued dimension's values by bit index. */
	values: Record<MaskedDimension, Map<number, string>>;
}

/** The filter dictionary of the loaded dataset, read once per dataset. */
export const filterCodes = perDataset((db) => loadDatasetCodes(db));

/** The names charts give values that are not their own name, read once per dataset. */
export interface ValueLabels {
	types: Map<string, string>;
	serviceAreas: Map<string, string>;
}
export const valueLabels = perDataset(async (db): Promise<ValueLabels> => {
	const [types, areas] = await Promise.all([
		db.query<{ id: string; label: string }>('SELECT id, label FROM collaborative_types'),
		db.query<{ id: string; label: string }>('SELECT id, short_label AS label FROM service_areas')
	]);
	return { types: new Map(types.map((t) => [t.id, t.label])), serviceAreas: new Map(areas.map((a) => [a.id, a.label])) };
});

/** Call after swapping a dataset in: the codes, bits, labels and council places belong to the old one. */
export function forgetFilterCodes(db: SqlRunner) {
	for (const forget of forgetters) forget(db);
}

async function loadDatasetCodes(db: SqlRunner): Promise<DatasetCodes> {
	const [codeRows, bitRows] = await Promise.all([
		db.query<{ dimension: CodedDimension; key: string; code: number }>('SELECT dimension, key, code FROM facet_codes'),
		db.query<{ dimension: MaskedDimension; value: string; idx: number; mask: string }>(
			'SELECT dimension, value, idx::INTEGER AS idx, CAST(mask AS VARCHAR) AS mask FROM filter_bits'
		)
	]);
	const byDimension = <D extends string, K, V>(dimensions: readonly D[]) =>
		Object.fromEntries(dimensions.map((d) => [d, new Map<K, V>()])) as Record<D, Map<K, V>>;
	const codes = byDimension<CodedDimension, string, number>(CODED_DIMENSIONS);
	const keys = byDimension<CodedDimension, number, string>(CODED_DIMENSIONS);
	const masks = byDimension<MaskedDimension, string, bigint>(MASKED_DIMENSIONS);
	const values = byDimension<MaskedDimension, number, string>(MASKED_DIMENSIONS);
	for (const row of codeRows) {
		codes[row.dimension]?.set(row.key, row.code);
		keys[row.dimension]?.set(row.code, row.key);
	}
	for (const row of bitRows) {
		masks[row.dimension]?.set(row.value, BigInt(row.mask));
		values[row.dimension]?.set(row.idx, row.value);
	}
	return { codes, masks, keys, values };
}

/**
 * A statement's WHERE over `activity_facts f` and its parameters; `extra` adds conditions with
 * parameters of their own (numbered after the filters').
 */
export async function where(db: SqlRunner, filters: Filters, exclude?: keyof Filters, extra: (params: SqlParams) => string[] = () => []) {
	const codes = await filterCodes(db);
	const params = new SqlParams();
	const sql = whereClause(filters, codes, params, exclude);
	const more = extra(params);
	return { sql: more.length ? `${sql} AND ${more.join(' AND ')}` : sql, params };
}
