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
 * replaced the dataset; a failed read is forgotten so the next use tries again.
 */
function perDataset<T>(load: (db: SqlRunner) => Promise<T>) {
	const cache = new WeakMap<SqlRunner, Promise<T>>();
	forgetters.push((db) => cache.delete(db));
	return (db: SqlRunner): Promise<T> => {
		let loaded = cache.get(db);
		if (!loaded) {
			loaded = load(db);
			cache.set(db, loaded);
			loaded.catch(() => cache.delete(db));
		}
		return loaded;
	};
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
 * The loaded dataset's councils by code, read once per dataset: the figures' queries return
 * codes and counts, and the names and centroids are joined to them from here.
 */
export const councilPlaces = perDataset((db) =>
	db
		.query<CouncilPlace & { code: string }>('SELECT code, name, region, lon, lat FROM councils')
		.then((rows) => new Map<string, CouncilPlace>(rows.map(({ code, ...place }) => [code, place])))
);

/** The filter dictionary of the loaded dataset, read once per dataset. */
export const filterCodes = perDataset((db) => loadFilterCodes(db));

/** Call after swapping a dataset in: the codes, bits and council places belong to the old one. */
export function forgetFilterCodes(db: SqlRunner) {
	for (const forget of forgetters) forget(db);
}

async function loadFilterCodes(db: SqlRunner): Promise<FilterCodes> {
	const [codeRows, bitRows] = await Promise.all([
		db.query<{ dimension: CodedDimension; key: string; code: number }>('SELECT dimension, key, code FROM facet_codes'),
		db.query<{ dimension: MaskedDimension; value: string; mask: string }>(
			'SELECT dimension, value, CAST(mask AS VARCHAR) AS mask FROM filter_bits'
		)
	]);
	const codes = Object.fromEntries(CODED_DIMENSIONS.map((d) => [d, new Map<string, number>()])) as FilterCodes['codes'];
	const masks = Object.fromEntries(MASKED_DIMENSIONS.map((d) => [d, new Map<string, bigint>()])) as FilterCodes['masks'];
	for (const row of codeRows) codes[row.dimension]?.set(row.key, row.code);
	for (const row of bitRows) masks[row.dimension]?.set(row.value, BigInt(row.mask));
	return { codes, masks };
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
