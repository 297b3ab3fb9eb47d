import {
	CODED_DIMENSIONS,
	FACT_COLUMNS,
	MASKED_DIMENSIONS,
	whereClause,
	type CodedDimension,
	type FilterCodes,
	type Filters,
	type ListDimension,
	type MaskedDimension,
	type SqlFragment,
	type SqlParam
} from './filters';

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

/*
 * Every figure is computed from `activity_facts` (schema.ts): one row per activity with each
 * filterable attribute as a code or bit mask, so a filter is a predicate on one table and each
 * chart a GROUP BY over it, all inside DuckDB's worker. Multi-valued dimensions (councils,
 * service areas, regions, partner types) are grouped by their mask first, which leaves a few
 * thousand groups to spread over 32 councils or 27 areas.
 */

const dictionaries = new WeakMap<SqlRunner, Promise<FilterCodes>>();

/** The filter dictionary of the loaded dataset, read once per dataset. */
export function filterCodes(db: SqlRunner): Promise<FilterCodes> {
	let codes = dictionaries.get(db);
	if (!codes) {
		codes = loadFilterCodes(db);
		dictionaries.set(db, codes);
		codes.catch(() => dictionaries.delete(db));
	}
	return codes;
}

/** Call after swapping a dataset in: the codes and bits belong to the old one. */
export function forgetFilterCodes(db: SqlRunner) {
	dictionaries.delete(db);
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

async function where(db: SqlRunner, filters: Filters, exclude?: keyof Filters, extra: SqlFragment[] = []) {
	return whereClause(filters, await filterCodes(db), exclude, extra);
}

/** `WHERE …` plus one more condition. */
const and = (where: SqlFragment, condition: string) => (where.sql ? `${where.sql} AND ${condition}` : `WHERE ${condition}`);

export interface CountRow {
	key: string;
	label: string;
	n: number;
}

export async function countActivities(db: SqlRunner, filters: Filters): Promise<number> {
	const w = await where(db, filters);
	const [row] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM activity_facts f ${w.sql}`, w.params);
	return row.n;
}

export interface CouncilCount {
	code: string;
	name: string;
	region: string;
	lon: number;
	lat: number;
	activities: number;
	/** Activities excluding national ones, which would otherwise give every council the same floor. */
	local_activities: number;
}

/** Every council, with zero where it takes part in no filtered activity. */
export async function councilCounts(db: SqlRunner, filters: Filters): Promise<CouncilCount[]> {
	const w = await where(db, filters, 'councils');
	return db.query<CouncilCount>(
		`WITH g AS (SELECT f.council_mask, f.national, count(*) AS n FROM activity_facts f ${w.sql} GROUP BY ALL)
		SELECT c.code, c.name, c.region, c.lon, c.lat,
			coalesce(sum(g.n), 0)::INTEGER AS activities,
			coalesce(sum(g.n) FILTER (WHERE NOT g.national), 0)::INTEGER AS local_activities
		FROM councils c
		LEFT JOIN filter_bits b ON b.dimension = 'councils' AND b.value = c.code
		LEFT JOIN g ON (g.council_mask & b.mask) <> 0
		GROUP BY c.code, c.name, c.region, c.lon, c.lat ORDER BY c.name, c.code`,
		w.params
	);
}

export interface CouncilLink {
	a: string;
	b: string;
	shared: number;
	/** The widest reach among the shared activities, for colouring the link. */
	reach: string;
}

/**
 * Pairs of councils sharing at least one filtered activity. National activities are left out:
 * they would join every pair (496 lines) and are shown as a count instead.
 */
export async function councilLinks(db: SqlRunner, filters: Filters): Promise<CouncilLink[]> {
	const w = await where(db, filters, 'councils');
	return db.query<CouncilLink>(
		`WITH g AS (
			SELECT f.council_mask, f.reach_code, max(f.council_count) AS cc, count(*) AS n
			FROM activity_facts f ${and(w, 'NOT f.national')} GROUP BY ALL
		), l AS (
			SELECT p.a, p.b, sum(g.n) AS shared, arg_max(g.reach_code, g.cc) AS reach_code
			FROM g JOIN council_mask_pairs p ON p.mask = g.council_mask GROUP BY ALL
		)
		SELECT xa.value AS a, xb.value AS b, l.shared::INTEGER AS shared, r.key AS reach
		FROM l
		JOIN filter_bits xa ON xa.dimension = 'councils' AND xa.idx = l.a
		JOIN filter_bits xb ON xb.dimension = 'councils' AND xb.idx = l.b
		LEFT JOIN facet_codes r ON r.dimension = 'reaches' AND r.code = l.reach_code
		ORDER BY shared DESC, a, b`,
		w.params
	);
}

export async function nationalCount(db: SqlRunner, filters: Filters): Promise<number> {
	const w = await where(db, filters, 'councils');
	const [row] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM activity_facts f ${and(w, 'f.national')}`, w.params);
	return row.n;
}

/** A coded dimension's counts: group by the code, then name the (few) groups. */
const codedCounts = (dimension: CodedDimension, label: string, join = '') => (w: string) =>
	`WITH g AS (SELECT ${FACT_COLUMNS[dimension]} AS code, count(*) AS n FROM activity_facts f ${w} GROUP BY ALL)
	SELECT c.key AS key, ${label} AS label, g.n::INTEGER AS n
	FROM g LEFT JOIN facet_codes c ON c.dimension = '${dimension}' AND c.code = g.code ${join}`;

/** A multi-valued dimension's counts: group by the mask, then spread each group over its bits. */
const maskedCounts = (dimension: MaskedDimension, label: string, join = '') => (w: string) =>
	`WITH g AS (SELECT ${FACT_COLUMNS[dimension]} AS mask, count(*) AS n FROM activity_facts f ${w} GROUP BY ALL)
	SELECT b.value AS key, ${label} AS label, sum(g.n)::INTEGER AS n
	FROM filter_bits b ${join} JOIN g ON (g.mask & b.mask) <> 0
	WHERE b.dimension = '${dimension}' GROUP BY ALL`;


/** How each chart dimension groups activities, and the label each group shows. */
const DIMENSION_SQL: Partial<Record<ListDimension, (where: string) => string>> = {
	serviceAreas: maskedCounts('serviceAreas', 'sa.short_label', 'JOIN service_areas sa ON sa.id = b.value'),
	types: codedCounts('types', "coalesce(t.label, 'Type not stated')", 'LEFT JOIN collaborative_types t ON t.id = c.key'),
	reaches: codedCounts('reaches', 'c.key'),
	mechanisms: codedCounts('mechanisms', "CASE WHEN c.key = '' THEN 'Not stated' ELSE c.key END"),
	startYears: (w) =>
		`SELECT CAST(f.start_year AS VARCHAR) AS key, CAST(f.start_year AS VARCHAR) AS label, count(*)::INTEGER AS n
		FROM activity_facts f ${w ? `${w} AND` : 'WHERE'} f.start_year IS NOT NULL GROUP BY ALL`,
	statuses: codedCounts('statuses', 'c.key'),
	sourceKinds: codedCounts('sourceKinds', 'c.key'),
	partnerTypes: maskedCounts('partnerTypes', 'b.value'),
	regions: maskedCounts('regions', 'b.value')
};

export type ChartDimension = keyof typeof DIMENSION_SQL & ListDimension;

/**
 * Counts per value of one dimension under every filter except that dimension's own, so a
 * chart keeps showing the alternatives a user can add (mosaic-style cross-filtering).
 */
export async function dimensionCounts(db: SqlRunner, dimension: ChartDimension, filters: Filters): Promise<CountRow[]> {
	const w = await where(db, filters, dimension);
	const rows = await db.query<CountRow>(`${DIMENSION_SQL[dimension]!(w.sql)} ORDER BY n DESC, label, key`, w.params);
	return dimension === 'startYears' ? rows.sort((x, y) => Number(x.key) - Number(y.key)) : rows;
}

export interface ActivityRow {
	id: string;
	name: string;
	reach: string;
	collaborative_type: string | null;
	delivery_mechanism: string | null;
	status: string;
	start_year: number | null;
	council_count: number;
	source_kind: string;
	councils: string;
	service_areas: string;
}

export type SortKey = 'name' | 'reach' | 'status' | 'start_year' | 'council_count';
/** Whitelisted ORDER BY terms over `activity_facts`: the user picks a key, never SQL. */
const SORT_SQL: Record<SortKey, string> = {
	// k is the activity's place in name order (ties by id).
	name: 'k',
	reach: 'reach_rank',
	// Status codes follow the statuses' alphabetical order.
	status: 'status_code',
	start_year: 'start_year',
	council_count: 'council_count'
};

/** A page of the table: how many rows, from where. Without one, every row (for the CSV download). */
export interface RowPage {
	limit: number;
	offset?: number;
}

/** The page size of the activity table and of the lists in the detail panel. */
export const PAGE_SIZE = 200;

async function pageOfRows(
	db: SqlRunner,
	w: SqlFragment,
	sort: { key: SortKey; descending: boolean },
	page: RowPage | undefined
): Promise<ActivityRow[]> {
	const order = (alias: string) => `${alias}.${SORT_SQL[sort.key]} ${sort.descending ? 'DESC' : 'ASC'} NULLS LAST, ${alias}.k`;
	const limit = page ? `LIMIT ${Math.max(0, Math.floor(page.limit))} OFFSET ${Math.max(0, Math.floor(page.offset ?? 0))}` : '';
	// Only the page's rows are decoded and get their council and service-area lists.
	return db.query<ActivityRow>(
		`WITH p AS (SELECT * FROM activity_facts f ${w.sql} ORDER BY ${order('f')} ${limit})
		SELECT p.id, p.name, r.key AS reach, nullif(t.key, '') AS collaborative_type, nullif(m.key, '') AS delivery_mechanism,
			st.key AS status, p.start_year, p.council_count, sk.key AS source_kind,
			coalesce((SELECT string_agg(c.name, '; ' ORDER BY c.name) FROM filter_bits b JOIN councils c ON c.code = b.value
				WHERE b.dimension = 'councils' AND (p.council_mask & b.mask) <> 0), '') AS councils,
			coalesce((SELECT string_agg(sa.short_label, '; ' ORDER BY sa.short_label) FROM filter_bits b JOIN service_areas sa ON sa.id = b.value
				WHERE b.dimension = 'serviceAreas' AND (p.area_mask & b.mask) <> 0), '') AS service_areas
		FROM p
		LEFT JOIN facet_codes r ON r.dimension = 'reaches' AND r.code = p.reach_code
		LEFT JOIN facet_codes t ON t.dimension = 'types' AND t.code = p.type_code
		LEFT JOIN facet_codes m ON m.dimension = 'mechanisms' AND m.code = p.mechanism_code
		LEFT JOIN facet_codes st ON st.dimension = 'statuses' AND st.code = p.status_code
		LEFT JOIN facet_codes sk ON sk.dimension = 'sourceKinds' AND sk.code = p.kind_code
		ORDER BY ${order('p')}`,
		w.params
	);
}

/** The filtered activities in table order: one page of them, or all without `page`. */
export async function activityRows(
	db: SqlRunner,
	filters: Filters,
	sort: { key: SortKey; descending: boolean } = { key: 'name', descending: false },
	page?: RowPage
): Promise<ActivityRow[]> {
	return pageOfRows(db, await where(db, filters), sort, page);
}

export interface ActivityDetail {
	id: string;
	name: string;
	summary: string | null;
	collaborative_type: string | null;
	type_label: string | null;
	delivery_mechanism: string | null;
	lead_council: string | null;
	start_year: number | null;
	status: string;
	reported_year: number;
	council_count: number;
	reach: string;
	councils_note: string | null;
	benefits: string | null;
	savings: string | null;
	source_kind: string;
	source_file: string | null;
	source_quote: string | null;
	public_record_source: string | null;
	councils: { code: string; name: string; is_lead: boolean }[];
	partners: { name: string; type: string }[];
	service_areas: { id: string; label: string }[];
}

export async function activityDetail(db: SqlRunner, id: string): Promise<ActivityDetail | undefined> {
	const [activity] = await db.query<Omit<ActivityDetail, 'councils' | 'partners' | 'service_areas'>>(
		`SELECT a.*, t.label AS type_label, lc.name AS lead_council
		FROM activities a
		LEFT JOIN collaborative_types t ON t.id = a.collaborative_type
		LEFT JOIN councils lc ON lc.code = a.lead_council_code
		WHERE a.id = ?`,
		[id]
	);
	if (!activity) return undefined;
	const [councils, partners, serviceAreas] = await Promise.all([
		db.query<{ code: string; name: string; is_lead: boolean }>(
			`SELECT c.code, c.name, ac.is_lead FROM activity_councils ac JOIN councils c ON c.code = ac.council_code
			WHERE ac.activity_id = ? ORDER BY ac.is_lead DESC, c.name`,
			[id]
		),
		db.query<{ name: string; type: string }>(
			`SELECT partner_name AS name, partner_type AS type FROM activity_partners WHERE activity_id = ? ORDER BY name`,
			[id]
		),
		db.query<{ id: string; label: string }>(
			`SELECT sa.id, sa.label FROM activity_service_areas s JOIN service_areas sa ON sa.id = s.service_area_id
			WHERE s.activity_id = ? ORDER BY sa.label`,
			[id]
		)
	]);
	return { ...activity, councils, partners, service_areas: serviceAreas };
}

export interface PartnerCount {
	code: string;
	name: string;
	shared: number;
}

export interface CouncilProfile {
	code: string;
	name: string;
	region: string;
	/** The first page of its filtered activities, in name order. */
	activities: ActivityRow[];
	/** How many filtered activities it takes part in. */
	activityTotal: number;
	partners: PartnerCount[];
	neighbours: { code: string; name: string }[];
}

/** The bit of one council, as a condition that an activity includes it (undefined if unknown). */
async function councilMask(db: SqlRunner, ...codes: string[]): Promise<string | undefined> {
	const masks = (await filterCodes(db)).masks.councils;
	if (!codes.every((code) => masks.has(code))) return undefined;
	return codes.reduce((sum, code) => sum | masks.get(code)!, 0n).toString();
}

export async function councilProfile(
	db: SqlRunner,
	code: string,
	filters: Filters,
	page: RowPage = { limit: PAGE_SIZE }
): Promise<CouncilProfile | undefined> {
	const [council] = await db.query<{ code: string; name: string; region: string }>(
		'SELECT code, name, region FROM councils WHERE code = ?',
		[code]
	);
	if (!council) return undefined;
	const mask = await councilMask(db, code);
	const mine: SqlFragment = mask
		? { sql: '(f.council_mask & CAST(? AS UBIGINT)) <> 0', params: [mask] }
		: { sql: 'FALSE', params: [] };
	const own = await where(db, { ...filters, councils: [] }, undefined, [mine]);
	const [activities, [{ n: activityTotal }], partners, neighbours] = await Promise.all([
		pageOfRows(db, own, { key: 'name', descending: false }, page),
		db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM activity_facts f ${own.sql}`, own.params),
		db.query<PartnerCount>(
			`WITH g AS (SELECT f.council_mask, count(*) AS n FROM activity_facts f ${own.sql} GROUP BY ALL)
			SELECT c.code, c.name, sum(g.n)::INTEGER AS shared
			FROM filter_bits b JOIN councils c ON c.code = b.value JOIN g ON (g.council_mask & b.mask) <> 0
			WHERE b.dimension = 'councils' AND b.value <> ?
			GROUP BY ALL ORDER BY shared DESC, c.name`,
			[...own.params, code]
		),
		db.query<{ code: string; name: string }>(
			`SELECT c.code, c.name FROM council_neighbours n JOIN councils c ON c.code = n.neighbour_code
			WHERE n.council_code = ? ORDER BY c.name`,
			[code]
		)
	]);
	return { ...council, activities, activityTotal, partners, neighbours };
}

/** The filtered activities two councils both take part in (what a map link stands for): a page of them and how many. */
export async function sharedActivities(
	db: SqlRunner,
	codeA: string,
	codeB: string,
	filters: Filters,
	page: RowPage = { limit: PAGE_SIZE }
): Promise<{ rows: ActivityRow[]; total: number }> {
	const mask = await councilMask(db, codeA, codeB);
	const both: SqlFragment = mask
		? { sql: '(f.council_mask & CAST(? AS UBIGINT)) = CAST(? AS UBIGINT)', params: [mask, mask] }
		: { sql: 'FALSE', params: [] };
	const w = await where(db, { ...filters, councils: [] }, undefined, [both]);
	const [rows, [{ n }]] = await Promise.all([
		pageOfRows(db, w, { key: 'name', descending: false }, page),
		db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM activity_facts f ${w.sql}`, w.params)
	]);
	return { rows, total: n };
}

export interface SurveyRow {
	table_id: string;
	table_title: string;
	survey_round: number;
	row_order: number;
	row_label: string;
	number: number;
	percent: number | null;
	n: number;
	n_note: string;
	source_file: string;
	source_quote: string;
}

export async function surveyTables(db: SqlRunner): Promise<SurveyRow[]> {
	return db.query<SurveyRow>('SELECT * FROM survey_tables ORDER BY survey_round DESC, table_id, row_order');
}

export interface Reference {
	councils: { code: string; name: string; region: string }[];
	serviceAreas: { id: string; label: string; short_label: string }[];
	types: { id: string; label: string }[];
	mechanisms: string[];
}

export async function reference(db: SqlRunner): Promise<Reference> {
	const [councils, serviceAreas, types, mechanisms] = await Promise.all([
		db.query<{ code: string; name: string; region: string }>('SELECT code, name, region FROM councils ORDER BY name'),
		db.query<{ id: string; label: string; short_label: string }>('SELECT * FROM service_areas ORDER BY short_label'),
		db.query<{ id: string; label: string }>('SELECT * FROM collaborative_types'),
		db.query<{ m: string }>("SELECT key AS m FROM facet_codes WHERE dimension = 'mechanisms' AND key <> '' ORDER BY m")
	]);
	return { councils, serviceAreas, types, mechanisms: mechanisms.map((r) => r.m) };
}

/** What the synthetic generator draws from: the loaded councils, their borders and the vocabularies. */
export async function syntheticReference(db: SqlRunner): Promise<import('./synthetic').SyntheticReference> {
	const [councils, neighbours, serviceAreas, types] = await Promise.all([
		db.query<{ code: string; region: string }>('SELECT code, region FROM councils ORDER BY code'),
		db.query<{ council_code: string; neighbour_code: string }>('SELECT council_code, neighbour_code FROM council_neighbours ORDER BY ALL'),
		db.query<{ id: string; short_label: string }>('SELECT id, short_label FROM service_areas ORDER BY id'),
		db.query<{ id: string }>('SELECT id FROM collaborative_types ORDER BY id')
	]);
	return { councils, neighbours, serviceAreas, types };
}
