import {
	FACT_COLUMNS,
	MASKED_DIMENSIONS,
	filterCondition,
	yearCondition,
	LIST_DIMENSIONS,
	searchCondition,
	SqlParams,
	type CodedDimension,
	type Filters,
	type ListDimension,
	type MaskedDimension
} from './filters';
import { SPECTRUM_ORDER } from './schema';
import { CITED_SOURCE_COLUMNS, citedSource, councilPlaces, filterCodes, where, type CitedSource, type SqlRunner } from './sql';

export * from './sql';

/*
 * Every figure is computed from `activity_facts` (schema.ts): one row per activity with each
 * filterable attribute as a code or bit mask, so a filter is a predicate on one table and each
 * chart a GROUP BY over it, all inside DuckDB's worker. Multi-valued dimensions (councils,
 * service areas, regions, partner types) are grouped by their mask first, which leaves a few
 * thousand groups to spread over 32 councils or 27 areas.
 */

export interface CountRow {
	key: string;
	label: string;
	n: number;
}

export async function countActivities(db: SqlRunner, filters: Filters): Promise<number> {
	const w = await where(db, filters);
	const [row] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM activity_facts f ${w.sql}`, w.params.values);
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

/** Groups by set of councils; `filtered` is the statement's filtered activity_facts rows. */
const COUNCIL_GROUPS = (filtered: string) =>
	`SELECT council_mask, national, reach_code, max(council_count) AS cc, max(spectrum_rank) AS sr, count(*) AS n FROM ${filtered} GROUP BY ALL`;
/** Every council's code with how many grouped activities include it (zero for none); its name only to order by. */
const COUNCILS_FROM_GROUPS = (groups: string) =>
	`SELECT c.code, c.name,
		coalesce(sum(g.n), 0)::INTEGER AS activities,
		coalesce(sum(g.n) FILTER (WHERE NOT g.national), 0)::INTEGER AS local_activities
	FROM councils c
	LEFT JOIN filter_bits b ON b.dimension = 'councils' AND b.value = c.code
	LEFT JOIN ${groups} g ON (g.council_mask & b.mask) <> 0
	GROUP BY c.code, c.name`;
/**
 * Council pairs sharing grouped non-national activities, with the widest reach and the most
 * integrated spectrum level (NULL when none is derivable) among them.
 */
const LINKS_FROM_GROUPS = (groups: string) =>
	`SELECT xa.value AS a, xb.value AS b, l.shared::INTEGER AS shared, r.key AS reach, (${SPECTRUM_ORDER})[l.sr] AS spectrum
	FROM (
		SELECT p.a, p.b, sum(g.n) AS shared, arg_max(g.reach_code, g.cc) AS reach_code, max(g.sr) AS sr
		FROM ${groups} g JOIN council_mask_pairs p ON p.mask = g.council_mask
		WHERE NOT g.national GROUP BY ALL
	) l
	JOIN filter_bits xa ON xa.dimension = 'councils' AND xa.idx = l.a
	JOIN filter_bits xb ON xb.dimension = 'councils' AND xb.idx = l.b
	LEFT JOIN facet_codes r ON r.dimension = 'reaches' AND r.code = l.reach_code`;

export interface CouncilLink {
	a: string;
	b: string;
	shared: number;
	/** The widest reach among the shared activities, for colouring the link. */
	reach: string;
	/** The most integrated spectrum level among the shared activities; null when none is derivable. */
	spectrum: string | null;
}

/*
 * Chart counts from a FROM item of activity_facts columns with a weight `w` per row (1 for an
 * activity; a count for rows that are already groups of activities).
 */

/** A coded dimension's counts: sum by the code, then name the (few) groups. */
const codedCounts = (dimension: CodedDimension, label: string, join = '') => (from: string) =>
	`SELECT c.key AS key, ${label} AS label, g.n::INTEGER AS n
	FROM (SELECT ${FACT_COLUMNS[dimension].slice(2)} AS code, sum(w) AS n FROM ${from} GROUP BY ALL HAVING sum(w) > 0) g
	LEFT JOIN facet_codes c ON c.dimension = '${dimension}' AND c.code = g.code ${join}`;

/** A multi-valued dimension's counts: sum by the mask, then spread each group over its bits. */
const maskedCounts = (dimension: MaskedDimension, label: string, join = '') => (from: string) =>
	`SELECT b.value AS key, ${label} AS label, sum(g.n)::INTEGER AS n
	FROM filter_bits b ${join}
	JOIN (SELECT ${FACT_COLUMNS[dimension].slice(2)} AS mask, sum(w) AS n FROM ${from} GROUP BY ALL HAVING sum(w) > 0) g ON (g.mask & b.mask) <> 0
	WHERE b.dimension = '${dimension}' GROUP BY ALL`;

/**
 * The label of a value where it is not its key, shared by DIMENSION_SQL and the combined parts of
 * mapAndCharts: `c` is the value's facet code, `t` its collaborative type, `sa` its service area
 * and `co` its council.
 */
const CODED_LABELS = {
	types: "coalesce(t.label, 'Type not stated')",
	mechanisms: "CASE WHEN c.key = '' THEN 'Not stated' ELSE c.key END"
} as const;
const SERVICE_AREA_LABEL = 'sa.short_label';
const COUNCIL_LABEL = 'co.name';

/** How each chart dimension groups filtered activities, and each group's label. */
const DIMENSION_SQL = {
	serviceAreas: maskedCounts('serviceAreas', SERVICE_AREA_LABEL, 'JOIN service_areas sa ON sa.id = b.value'),
	types: codedCounts('types', CODED_LABELS.types, 'LEFT JOIN collaborative_types t ON t.id = c.key'),
	reaches: codedCounts('reaches', 'c.key'),
	mechanisms: codedCounts('mechanisms', CODED_LABELS.mechanisms),
	startYears: (from: string) =>
		`SELECT CAST(start_year AS VARCHAR) AS key, CAST(start_year AS VARCHAR) AS label, sum(w)::INTEGER AS n
		FROM ${from} WHERE start_year IS NOT NULL GROUP BY ALL HAVING sum(w) > 0`,
	statuses: codedCounts('statuses', 'c.key'),
	sourceKinds: codedCounts('sourceKinds', 'c.key'),
	// 'none' stands for "not derivable", as in the filter.
	spectrumLevels: codedCounts('spectrumLevels', 'c.key'),
	partnerTypes: maskedCounts('partnerTypes', 'b.value'),
	regions: maskedCounts('regions', 'b.value'),
	// The council filter's option counts: each council's activities under every other filter.
	councils: maskedCounts('councils', COUNCIL_LABEL, 'JOIN councils co ON co.code = b.value')
} satisfies Partial<Record<ListDimension, (from: string) => string>>;

const codedLabel = (dimensions: ChartDimension[], yearsPart: number | undefined) => {
	const special = Object.entries(CODED_LABELS).filter(([d]) => (dimensions as string[]).includes(d));
	const cases = [
		...(yearsPart === undefined ? [] : [`WHEN g.part = ${yearsPart} THEN CAST(g.code AS VARCHAR)`]),
		...special.map(([d, label]) => `WHEN g.dimension = '${d}' THEN ${label}`)
	];
	return cases.length ? `CASE ${cases.join(' ')} ELSE c.key END` : 'c.key';
};

/**
 * The names a multi-valued chart's values take, as DIMENSION_SQL gives them, for the combined
 * masked part (`b` the value's bit). A value the named table lacks is left out, as the inner
 * joins of DIMENSION_SQL leave it out.
 */
const MASKED_JOINS: [dimension: ChartDimension, join: string, label: string, found: string][] = [
	['serviceAreas', "LEFT JOIN service_areas sa ON g.dimension = 'serviceAreas' AND sa.id = b.value", SERVICE_AREA_LABEL, 'sa.id'],
	['councils', "LEFT JOIN councils co ON g.dimension = 'councils' AND co.code = b.value", COUNCIL_LABEL, 'co.code']
];
const maskedLabel = (dimensions: ChartDimension[]) => {
	const named = MASKED_JOINS.filter(([d]) => dimensions.includes(d));
	return named.length ? `CASE g.dimension ${named.map(([d, , label]) => `WHEN '${d}' THEN ${label}`).join(' ')} ELSE b.value END` : 'b.value';
};

/** The activity_facts column a chart groups by. */
const chartColumn = (dimension: ChartDimension) =>
	dimension === 'startYears' ? 'start_year' : FACT_COLUMNS[dimension as CodedDimension | MaskedDimension].slice(2);
const isMasked = (dimension: ListDimension) => (MASKED_DIMENSIONS as readonly string[]).includes(dimension);

export type ChartDimension = keyof typeof DIMENSION_SQL & ListDimension;

/** Chart order: biggest first; the timeline by year. */
const chartOrder = (dimension: ChartDimension) => (dimension === 'startYears' ? 'CAST(key AS INTEGER)' : 'n DESC, label, key');

/**
 * Counts per value of one dimension under every filter except that dimension's own, so a
 * chart keeps showing the alternatives a user can add (mosaic-style cross-filtering).
 */
export async function dimensionCounts(db: SqlRunner, dimension: ChartDimension, filters: Filters): Promise<CountRow[]> {
	const w = await where(db, filters, dimension);
	return db.query<CountRow>(
		`SELECT * FROM (${DIMENSION_SQL[dimension](`(SELECT *, 1 AS w FROM activity_facts f ${w.sql})`)}) ORDER BY ${chartOrder(dimension)}`,
		w.params.values
	);
}

/** The figures of the map and the charts for one set of filters. */
export interface MapAndCharts<D extends ChartDimension> {
	total: number;
	national: number;
	/**
	 * Every council, zero where it takes part in no filtered activity. The council filter narrows
	 * these like any other (with East Ayrshire chosen, each council counts what it shares with East
	 * Ayrshire), so the map never shows more than the total.
	 */
	councils: CouncilCount[];
	/** Pairs sharing filtered activities; national ones would join all 496 pairs, so they are `national` instead. */
	links: CouncilLink[];
	charts: Record<D, CountRow[]>;
}

/**
 * Everything the map and the given charts show, in one statement: one scan of activity_facts
 * works out, per activity, which of the filters it fails; an activity failing none counts
 * everywhere (the total, the map's shading, links and national count), one failing only chart
 * dimension D still counts in D's chart (cross-filtering). The map follows every filter, the
 * council filter included, so it never disagrees with the total; the council filter's option
 * counts are the 'councils' chart. Its SQL text depends only on the charts asked for and on
 * whether there is a search, so DuckDB prepares it once and every filter change only binds new values.
 */
export async function mapAndCharts<D extends ChartDimension>(db: SqlRunner, filters: Filters, charts: readonly D[]): Promise<MapAndCharts<D>> {
	const [codes, places] = await Promise.all([filterCodes(db), councilPlaces(db)]);
	const params = new SqlParams();
	// Dimensions some chart leaves out ("soft") are tested per activity; an activity failing more
	// than one counts nowhere, one failing only soft dimension i counts only in i's chart
	// (`missed = i`), one failing none counts everywhere (`missed = -1`). The other dimensions
	// and the search filter every part alike.
	const soft: ListDimension[] = [...new Set(charts)];
	const tests = soft.map((d) => `coalesce(${filterCondition(d, filters, codes, params)}, false)`);
	const hard = LIST_DIMENSIONS.filter((d) => !soft.includes(d)).map((d) => filterCondition(d, filters, codes, params));
	hard.push(yearCondition(filters, params));
	const search = searchCondition(filters, params);
	if (search) hard.push(search);
	const misses = tests.length ? tests.map((_, i) => `CAST(NOT t${i} AS INTEGER)`).join(' + ') : '0';
	const missed = tests.length ? `CASE ${tests.map((_, i) => `WHEN NOT t${i} THEN ${i}`).join(' ')} ELSE -1 END` : '-1';
	/** Rows counting for a part that leaves out soft dimension i (or none). */
	const counts = (i?: number) => (i === undefined ? 'missed = -1' : `missed IN (-1, ${i})`);
	const rowsFor = (i?: number) => `(SELECT *, 1 AS w FROM sel WHERE ${counts(i)})`;
	// Single-valued charts share one grouping by all their columns, each counting its own rows;
	// each chart then sums that small table.
	const coded = soft.filter((d) => !isMasked(d)) as D[];
	const kg = coded.length ? `, kg AS (SELECT ${coded.map(chartColumn).join(', ')}, missed, count(*) AS n FROM sel GROUP BY ALL)` : '';
	// The charts of coded dimensions in one part: every kg row once per such chart, counted where
	// that chart counts it, then named; one part instead of one each keeps the plan small, and at
	// a few thousand activities the plan's size, not the rows, is what a query costs.
	const years = coded.includes('startYears' as D) ? 3 + charts.indexOf('startYears' as D) : undefined;
	const codedPart = coded.length
		? `SELECT part, row_number() OVER (PARTITION BY part ORDER BY ${years === undefined ? '' : `CASE WHEN part = ${years} THEN CAST(key AS INTEGER) END, `}n DESC, label, key),
			key, label, n, NULL, NULL, NULL FROM (
			SELECT g.part, ${years === undefined ? 'c.key' : `CASE WHEN g.part = ${years} THEN CAST(g.code AS VARCHAR) ELSE c.key END`} AS key,
				${codedLabel(coded, years)} AS label, g.n::INTEGER AS n
			FROM (
				SELECT u.part, u.dimension, CASE u.part ${coded.map((d) => `WHEN ${3 + charts.indexOf(d)} THEN kg.${chartColumn(d)}`).join(' ')} END AS code, sum(kg.n) AS n
				FROM kg JOIN (VALUES ${coded.map((d) => `(${3 + charts.indexOf(d)}, '${d}', ${soft.indexOf(d)})`).join(', ')}) u(part, dimension, i)
					ON kg.missed IN (-1, u.i)
				GROUP BY ALL
			) g
			LEFT JOIN facet_codes c ON c.dimension = g.dimension AND c.code = g.code
			${coded.includes('types' as D) ? "LEFT JOIN collaborative_types t ON g.dimension = 'types' AND t.id = c.key" : ''}
			${years === undefined ? '' : `WHERE g.part <> ${years} OR g.code IS NOT NULL`}
		)`
		: undefined;
	// Likewise the multi-valued charts: each activity group once per such chart, spread over its bits.
	const masked = soft.filter(isMasked) as D[];
	const named = MASKED_JOINS.filter(([d]) => masked.includes(d as D));
	const maskedPart = masked.length
		? `SELECT part, row_number() OVER (PARTITION BY part ORDER BY n DESC, label, key), key, label, n, NULL, NULL, NULL FROM (
			SELECT g.part, b.value AS key, ${maskedLabel(masked)} AS label, sum(g.n)::INTEGER AS n
			FROM (
				SELECT u.part, u.dimension, CASE u.part ${masked.map((d) => `WHEN ${3 + charts.indexOf(d)} THEN s.${chartColumn(d)}`).join(' ')} END AS mask, count(*) AS n
				FROM sel s JOIN (VALUES ${masked.map((d) => `(${3 + charts.indexOf(d)}, '${d}', ${soft.indexOf(d)})`).join(', ')}) u(part, dimension, i)
					ON s.missed IN (-1, u.i)
				GROUP BY ALL
			) g
			JOIN filter_bits b ON b.dimension = g.dimension AND (g.mask & b.mask) <> 0
			${named.map(([, join]) => join).join('\n')}
			WHERE ${named.map(([d, , , found]) => `(g.dimension <> '${d}' OR ${found} IS NOT NULL)`).join(' AND ') || 'TRUE'}
			GROUP BY ALL
		)`
		: undefined;
	const columns = [...new Set(['council_mask', 'national', 'reach_code', 'council_count', 'spectrum_rank', ...charts.map(chartColumn)])];
	const parts = [
		`SELECT 0 AS part, 0 AS ord, NULL AS key, NULL AS label, count(*) FILTER (WHERE ${counts()})::INTEGER AS n,
			count(*) FILTER (WHERE national AND ${counts()})::INTEGER AS m, NULL AS extra,
			NULL::VARCHAR AS spectrum FROM sel`,
		`SELECT 1, row_number() OVER (ORDER BY name, code), code, NULL, activities, local_activities, NULL, NULL FROM (${COUNCILS_FROM_GROUPS('cg')})`,
		`SELECT 2, row_number() OVER (ORDER BY shared DESC, a, b), a, b, shared, NULL, reach, spectrum FROM (${LINKS_FROM_GROUPS('cg')})`,
		...(codedPart ? [codedPart] : []),
		...(maskedPart ? [maskedPart] : [])
	];
	const rows = await db.query<{ part: number; key: string; label: string; n: number; m: number; extra: string; spectrum: string | null }>(
		`WITH sel AS MATERIALIZED (
			SELECT ${columns.join(', ')}, ${missed} AS missed FROM (
				SELECT ${columns.map((c) => `f.${c}`).join(', ')}, ${tests.map((t, i) => `${t} AS t${i}`).join(', ')}
				FROM activity_facts f WHERE ${hard.length ? hard.join(' AND ') : 'TRUE'}
			) WHERE ${misses} <= 1
		), cg AS (${COUNCIL_GROUPS(rowsFor())})${kg}
		SELECT * FROM (${parts.join('\n UNION ALL ')}) ORDER BY part, ord`,
		params.values
	);
	const out: MapAndCharts<D> = {
		total: 0,
		national: 0,
		councils: [],
		links: [],
		charts: Object.fromEntries(charts.map((d) => [d, []])) as unknown as Record<D, CountRow[]>
	};
	for (const row of rows) {
		if (row.part === 0) {
			out.total = row.n;
			out.national = row.m;
		} else if (row.part === 1) {
			const place = places.get(row.key)!;
			out.councils.push({ code: row.key, ...place, activities: row.n, local_activities: row.m });
		} else if (row.part === 2) {
			out.links.push({ a: row.key, b: row.label, shared: row.n, reach: row.extra, spectrum: row.spectrum });
		} else {
			out.charts[charts[row.part - 3]].push({ key: row.key, label: row.label, n: row.n });
		}
	}
	return out;
}

export interface ActivityRow {
	id: string;
	name: string;
	reach: string;
	collaborative_type: string | null;
	delivery_mechanism: string | null;
	status: string;
	start_year: number | null;
	end_year: number | null;
	/** The year the status is "as of": when the source reported it. */
	reported_year: number | null;
	/** The year of the one source the activity cites (null where none is listed). */
	source_year: number | null;
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

/**
 * The page size of the activity table and of the lists in the detail panel: the whole embedded
 * dataset fits on one page, and building 100 rather than 200 rows after each filter click takes
 * ~40 ms off the update at 100,000 activities (the table is below the fold; "Show more" adds pages).
 */
export const PAGE_SIZE = 100;

async function pageOfRows(
	db: SqlRunner,
	w: { sql: string; params: SqlParams },
	sort: { key: SortKey; descending: boolean },
	page: RowPage | undefined
): Promise<ActivityRow[]> {
	const order = (alias: string) => `${alias}.${SORT_SQL[sort.key]} ${sort.descending ? 'DESC' : 'ASC'} NULLS LAST, ${alias}.k`;
	const limit = page
		? `LIMIT ${w.params.add(Math.max(0, Math.floor(page.limit)))} OFFSET ${w.params.add(Math.max(0, Math.floor(page.offset ?? 0)))}`
		: '';
	// Only the page's rows are decoded and given their council and service-area lists.
	return db.query<ActivityRow>(
		`WITH p AS (SELECT * FROM activity_facts f ${w.sql} ORDER BY ${order('f')} ${limit})
		SELECT p.id, p.name, r.key AS reach, nullif(t.key, '') AS collaborative_type, nullif(m.key, '') AS delivery_mechanism,
			st.key AS status, p.start_year, p.end_year, a.reported_year, src.year AS source_year, p.council_count, sk.key AS source_kind,
			coalesce(cl.labels, '') AS councils, coalesce(al.labels, '') AS service_areas
		FROM p
		LEFT JOIN activities a ON a.id = p.id
		LEFT JOIN sources src ON src.id = a.source_id
		LEFT JOIN mask_labels cl ON cl.dimension = 'councils' AND cl.mask = p.council_mask
		LEFT JOIN mask_labels al ON al.dimension = 'serviceAreas' AND al.mask = p.area_mask
		LEFT JOIN facet_codes r ON r.dimension = 'reaches' AND r.code = p.reach_code
		LEFT JOIN facet_codes t ON t.dimension = 'types' AND t.code = p.type_code
		LEFT JOIN facet_codes m ON m.dimension = 'mechanisms' AND m.code = p.mechanism_code
		LEFT JOIN facet_codes st ON st.dimension = 'statuses' AND st.code = p.status_code
		LEFT JOIN facet_codes sk ON sk.dimension = 'sourceKinds' AND sk.code = p.kind_code
		ORDER BY ${order('p')}`,
		w.params.values
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
	end_year: number | null;
	status: string;
	reported_year: number;
	council_count: number;
	reach: string;
	councils_note: string | null;
	benefits: string | null;
	savings: string | null;
	source_kind: string;
	source_quote: string | null;
	/** "Title (Publisher, Year), Locator": never a file name. */
	source_citation: string;
	/** The source's official page, where it has one. */
	source_url: string | null;
	/** The year of the source (null where it has none). */
	source_year: number | null;
	/** Derived by the documented rule in spectrum.ts (or set in the data); null where not derivable. */
	spectrum_level: string | null;
	councils: { code: string; name: string; is_lead: boolean }[];
	partners: { name: string; type: string }[];
	service_areas: { id: string; label: string }[];
}

export async function activityDetail(db: SqlRunner, id: string): Promise<ActivityDetail | undefined> {
	const [row] = await db.query<Omit<ActivityDetail, 'councils' | 'partners' | 'service_areas' | 'source_citation' | 'source_year'> & CitedSource>(
		`SELECT a.*, t.label AS type_label, lc.name AS lead_council, ${CITED_SOURCE_COLUMNS}
		FROM activities a
		LEFT JOIN collaborative_types t ON t.id = a.collaborative_type
		LEFT JOIN councils lc ON lc.code = a.lead_council_code
		LEFT JOIN sources s ON s.id = a.source_id
		WHERE a.id = ?`,
		[id]
	);
	if (!row) return undefined;
	const { source_title, source_publisher, source_type, source_locator, ...activity } = row;
	const source_citation = citedSource({ source_id: row.source_id, source_title, source_publisher, source_year: row.source_year, source_type, source_locator });
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
	return { ...activity, source_citation, councils, partners, service_areas: serviceAreas };
}

/**
 * What "shared" means everywhere in the Atlas (map links and their tooltip, link panel, council
 * profile, network matrix, comparison, briefing): the activities, under the current filters, that
 * both councils take part in, **not counting national schemes** (24 or more councils), which every
 * council shares with nearly every other. Where a view also shows national schemes it counts them
 * apart, in these words.
 */
export const SHARED_MEANS = 'activities both take part in under the current filters, not counting national schemes';

export interface PartnerCount {
	code: string;
	name: string;
	/** Shared activities in the sense of SHARED_MEANS. */
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
	/** Councils it shares activities with (SHARED_MEANS: national schemes not counted), most first. */
	partners: PartnerCount[];
	neighbours: { code: string; name: string }[];
}

/** The OR of some councils' bits, or undefined if any is unknown. */
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
	// Its activities under every filter, the council filter included, so with East Ayrshire chosen
	// a council's profile lists what it shares with East Ayrshire: the figure its map shading shows.
	const own = () =>
		where(db, filters, undefined, (params) => [
			mask ? `(f.council_mask & CAST(${params.add(mask)} AS UBIGINT)) <> 0` : 'FALSE'
		]);
	const [rowsWhere, countWhere, partnersWhere] = await Promise.all([own(), own(), own()]);
	const others = partnersWhere.params.add(code);
	const [activities, [{ n: activityTotal }], partners, neighbours] = await Promise.all([
		pageOfRows(db, rowsWhere, { key: 'name', descending: false }, page),
		db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM activity_facts f ${countWhere.sql}`, countWhere.params.values),
		db.query<PartnerCount>(
			`WITH g AS (SELECT f.council_mask, count(*) AS n FROM activity_facts f ${partnersWhere.sql} AND NOT f.national GROUP BY ALL)
			SELECT c.code, c.name, sum(g.n)::INTEGER AS shared
			FROM filter_bits b JOIN councils c ON c.code = b.value JOIN g ON (g.council_mask & b.mask) <> 0
			WHERE b.dimension = 'councils' AND b.value <> ${others}
			GROUP BY ALL ORDER BY shared DESC, c.name`,
			partnersWhere.params.values
		),
		db.query<{ code: string; name: string }>(
			`SELECT c.code, c.name FROM council_neighbours n JOIN councils c ON c.code = n.neighbour_code
			WHERE n.council_code = ? ORDER BY c.name`,
			[code]
		)
	]);
	return { ...council, activities, activityTotal, partners, neighbours };
}

/**
 * The filtered activities two councils both take part in (the council filter included, as on the
 * map): a page of them and how many.
 */
export async function sharedActivities(
	db: SqlRunner,
	codeA: string,
	codeB: string,
	filters: Filters,
	page: RowPage = { limit: PAGE_SIZE }
): Promise<{ rows: ActivityRow[]; total: number; /** How many of `total` are national schemes (not "shared" in the SHARED_MEANS sense). */ national: number }> {
	const mask = await councilMask(db, codeA, codeB);
	const both = () =>
		where(db, filters, undefined, (params) => {
			if (!mask) return ['FALSE'];
			const m = params.add(mask);
			return [`(f.council_mask & CAST(${m} AS UBIGINT)) = CAST(${m} AS UBIGINT)`];
		});
	const [rowsWhere, countWhere] = await Promise.all([both(), both()]);
	const [rows, [{ n, national }]] = await Promise.all([
		pageOfRows(db, rowsWhere, { key: 'name', descending: false }, page),
		db.query<{ n: number; national: number }>(
			`SELECT count(*)::INTEGER AS n, count(*) FILTER (WHERE f.national)::INTEGER AS national FROM activity_facts f ${countWhere.sql}`,
			countWhere.params.values
		)
	]);
	return { rows, total: n, national };
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
	source_id: string;
	source_quote: string;
	/** "Title (Publisher, Year)" of the report the figure is printed in. */
	source_citation: string;
}

export async function surveyTables(db: SqlRunner): Promise<SurveyRow[]> {
	const rows = await db.query<Omit<SurveyRow, 'source_citation'> & CitedSource>(
		`SELECT t.*, NULL AS source_locator, ${CITED_SOURCE_COLUMNS}
		FROM survey_tables t LEFT JOIN sources s ON s.id = t.source_id
		ORDER BY t.survey_round DESC, t.table_id, t.row_order`
	);
	return rows.map(({ source_title, source_publisher, source_year, source_type, source_locator, source_url, ...row }) => ({
		...row,
		source_citation: citedSource({ source_id: row.source_id, source_title, source_publisher, source_year, source_type, source_locator })
	}));
}

export interface Reference {
	councils: { code: string; name: string; region: string }[];
	serviceAreas: { id: string; label: string; short_label: string }[];
	types: { id: string; label: string }[];
	mechanisms: string[];
	/** How many activities the dataset holds from each kind of source, whatever the filters. */
	sourceKinds: import('./coverage').SourceKindTotal[];
}

export async function reference(db: SqlRunner): Promise<Reference> {
	const [councils, serviceAreas, types, mechanisms, sourceKinds] = await Promise.all([
		db.query<{ code: string; name: string; region: string }>('SELECT code, name, region FROM councils ORDER BY name'),
		db.query<{ id: string; label: string; short_label: string }>('SELECT * FROM service_areas ORDER BY short_label'),
		db.query<{ id: string; label: string }>('SELECT * FROM collaborative_types'),
		db.query<{ m: string }>("SELECT key AS m FROM facet_codes WHERE dimension = 'mechanisms' AND key <> '' ORDER BY m"),
		db.query<{ kind: string; n: number }>('SELECT source_kind AS kind, count(*)::INTEGER AS n FROM activities GROUP BY ALL ORDER BY kind')
	]);
	return { councils, serviceAreas, types, mechanisms: mechanisms.map((r) => r.m), sourceKinds };
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

// The Insight views' queries live beside these, in their own module.
export * from './insight-queries';
