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
import { SPECTRUM_LEVELS } from './model';
import {
	CITED_SOURCE_COLUMNS,
	citedSource,
	councilPlaces,
	filterCodes,
	valueLabels,
	where,
	type CitedSource,
	type CouncilPlace,
	type DatasetCodes,
	type SqlRunner,
	type ValueLabels
} from './sql';

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

export interface CouncilLink {
	a: string;
	b: string;
	shared: number;
	/** The widest reach among the shared activities, for colouring the link. */
	reach: string;
	/** The most integrated spectrum level among the shared activities; null when none is derivable. */
	spectrum: string | null;
}

/** The activity_facts column a chart groups by. */
const chartColumn = (dimension: ChartDimension) =>
	dimension === 'startYears' ? 'start_year' : FACT_COLUMNS[dimension as CodedDimension | MaskedDimension].slice(2);
const isMasked = (dimension: ListDimension): dimension is MaskedDimension => (MASKED_DIMENSIONS as readonly string[]).includes(dimension);

/** Every filter dimension is also a chart: the dashboard's charts and the filter panel's option counts. */
export type ChartDimension = ListDimension;

/**
 * A chart's groups as the engine returns them: each value by its code (a single-valued
 * dimension's facet code, a multi-valued one's bit index, or the start year) with its count.
 */
interface CodedCount {
	code: number | null;
	n: number;
}

/** The names a chart's values are read by, from the dataset's dictionaries (loaded once per dataset). */
interface ChartNames {
	codes: DatasetCodes;
	labels: ValueLabels;
	councils: Map<string, CouncilPlace>;
}
const chartNames = async (db: SqlRunner): Promise<ChartNames> => {
	const [codes, labels, councils] = await Promise.all([filterCodes(db), valueLabels(db), councilPlaces(db)]);
	return { codes, labels, councils };
};
/** The chart names without waiting, once loaded: an `await` would let the page's render run first. */
const chartNamesLoaded = (db: SqlRunner): ChartNames | undefined => {
	const [codes, labels, councils] = [filterCodes.loaded(db), valueLabels.loaded(db), councilPlaces.loaded(db)];
	return codes && labels && councils ? { codes, labels, councils } : undefined;
};

/** Binary order, as DuckDB orders text. */
const textOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * A chart's rows from its coded counts: each value's key and label, biggest first (ties by label,
 * then key), the timeline by year. A value its dictionary lacks is left out; service areas and
 * councils show their names, an unnamed type or mechanism reads "not stated".
 */
function chartRows(dimension: ChartDimension, groups: Iterable<CodedCount>, names: ChartNames): CountRow[] {
	const rows: CountRow[] = [];
	for (const { code, n } of groups) {
		if (code === null) continue;
		if (dimension === 'startYears') {
			rows.push({ key: String(code), label: String(code), n });
		} else if (isMasked(dimension)) {
			const value = names.codes.values[dimension].get(code);
			if (value === undefined) continue;
			const label =
				dimension === 'serviceAreas'
					? names.labels.serviceAreas.get(value)
					: dimension === 'councils'
						? names.councils.get(value)?.name
						: value;
			if (label !== undefined) rows.push({ key: value, label, n });
		} else {
			const key = names.codes.keys[dimension].get(code);
			if (key === undefined) continue;
			const label =
				dimension === 'types'
					? (names.labels.types.get(key) ?? 'Type not stated')
					: dimension === 'mechanisms' && key === ''
						? 'Not stated'
						: key;
			rows.push({ key, label, n });
		}
	}
	return rows.sort(
		dimension === 'startYears' ? (x, y) => Number(x.key) - Number(y.key) : (x, y) => y.n - x.n || textOrder(x.label, y.label) || textOrder(x.key, y.key)
	);
}

/**
 * Counts per value of one dimension under every filter except that dimension's own, so a
 * chart keeps showing the alternatives a user can add (mosaic-style cross-filtering).
 */
export async function dimensionCounts(db: SqlRunner, dimension: ChartDimension, filters: Filters): Promise<CountRow[]> {
	const [w, names] = await Promise.all([where(db, filters, dimension), chartNames(db)]);
	const column = chartColumn(dimension);
	// `dimension` is one of the typed dimension names, never user input.
	const groups = isMasked(dimension)
		? `SELECT b.idx::INTEGER AS code, sum(g.n)::INTEGER AS n
			FROM (SELECT ${column} AS mask, count(*) AS n FROM activity_facts f ${w.sql} GROUP BY ALL) g
			JOIN filter_bits b ON b.dimension = '${dimension}' AND (g.mask & b.mask) <> 0
			GROUP BY ALL`
		: `SELECT ${column} AS code, count(*)::INTEGER AS n FROM activity_facts f ${w.sql} GROUP BY ALL`;
	return chartRows(dimension, await db.query<CodedCount>(groups, w.params.values), names);
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
 *
 * The statement returns codes and counts only: names, labels and order come from the dataset's
 * dictionaries here. At a few thousand activities a statement's cost is its plan (every join,
 * window and sort), not its rows, and naming in SQL had doubled it.
 */
export async function mapAndCharts<D extends ChartDimension>(db: SqlRunner, filters: Filters, charts: readonly D[]): Promise<MapAndCharts<D>> {
	const names = chartNamesLoaded(db) ?? (await chartNames(db));
	const params = new SqlParams();
	// Dimensions some chart leaves out ("soft") are tested per activity; an activity failing more
	// than one counts nowhere, one failing only soft dimension i counts only in i's chart
	// (`missed = i`), one failing none counts everywhere (`missed = -1`). The other dimensions
	// and the search filter every part alike.
	const soft: ListDimension[] = [...new Set(charts)];
	const tests = soft.map((d) => `coalesce(${filterCondition(d, filters, names.codes, params)}, false)`);
	const hard = LIST_DIMENSIONS.filter((d) => !soft.includes(d)).map((d) => filterCondition(d, filters, names.codes, params));
	hard.push(yearCondition(filters, params));
	const search = searchCondition(filters, params);
	if (search) hard.push(search);
	const misses = tests.length ? tests.map((_, i) => `CAST(NOT t${i} AS INTEGER)`).join(' + ') : '0';
	const missed = tests.length ? `CASE ${tests.map((_, i) => `WHEN NOT t${i} THEN ${i}`).join(' ')} ELSE -1 END` : '-1';
	/** Where each chart's rows come in the answer: part 3 onwards, in the order asked for. */
	const partOf = (d: D) => 3 + charts.indexOf(d);
	/** A chart's part and the soft dimension whose misses it still counts. */
	const forChart = (d: D) => `(${partOf(d)}, ${soft.indexOf(d)})`;
	// Single-valued charts share one grouping by all their columns, each chart then summing the
	// rows it counts; multi-valued charts group activities by mask, then spread each group over its bits.
	const coded = soft.filter((d) => !isMasked(d)) as D[];
	const masked = soft.filter(isMasked) as D[];
	const kg = coded.length ? `, kg AS (SELECT ${coded.map(chartColumn).join(', ')}, missed, count(*) AS n FROM sel GROUP BY ALL)` : '';
	const codedPart = `SELECT u.part, CASE u.part ${coded.map((d) => `WHEN ${partOf(d)} THEN kg.${chartColumn(d)}`).join(' ')} END, NULL, sum(kg.n)::INTEGER, NULL, NULL
		FROM kg JOIN (VALUES ${coded.map(forChart).join(', ')}) u(part, i) ON kg.missed IN (-1, u.i)
		GROUP BY ALL`;
	const maskedPart = `SELECT g.part, b.idx, NULL, sum(g.n)::INTEGER, NULL, NULL
		FROM (
			SELECT u.part, u.dimension, CASE u.part ${masked.map((d) => `WHEN ${partOf(d)} THEN s.${chartColumn(d)}`).join(' ')} END AS mask, count(*) AS n
			FROM sel s JOIN (VALUES ${masked.map((d) => `(${partOf(d)}, '${d}', ${soft.indexOf(d)})`).join(', ')}) u(part, dimension, i)
				ON s.missed IN (-1, u.i)
			GROUP BY ALL
		) g
		JOIN filter_bits b ON b.dimension = g.dimension AND (g.mask & b.mask) <> 0
		GROUP BY ALL`;
	const columns = [...new Set(['council_mask', 'national', 'reach_code', 'council_count', 'spectrum_rank', ...charts.map(chartColumn)])];
	const parts = [
		`SELECT 0 AS part, NULL::INTEGER AS a, NULL::INTEGER AS b, count(*) FILTER (WHERE missed = -1)::INTEGER AS n,
			count(*) FILTER (WHERE national AND missed = -1)::INTEGER AS m, NULL::INTEGER AS x FROM sel`,
		// Each council (by bit) with how many activities include it, and how many of them are not national.
		`SELECT 1, b.idx, NULL, sum(g.n)::INTEGER, coalesce(sum(g.n) FILTER (WHERE NOT g.national), 0)::INTEGER, NULL
		FROM filter_bits b JOIN cg g ON (g.council_mask & b.mask) <> 0
		WHERE b.dimension = 'councils' GROUP BY b.idx`,
		// Council pairs (by bit) sharing non-national activities, with the most integrated spectrum
		// rank and the reach of the activity with the most councils among them.
		`SELECT 2, p.a, p.b, sum(g.n)::INTEGER, max(g.sr), arg_max(g.reach_code, g.cc)
		FROM cg g JOIN council_mask_pairs p ON p.mask = g.council_mask
		WHERE NOT g.national GROUP BY p.a, p.b`,
		...(coded.length ? [codedPart] : []),
		...(masked.length ? [maskedPart] : [])
	];
	const rows = await db.query<{ part: number; a: number | null; b: number | null; n: number; m: number | null; x: number | null }>(
		`WITH sel AS MATERIALIZED (
			SELECT ${columns.join(', ')}, ${missed} AS missed FROM (
				SELECT ${columns.map((c) => `f.${c}`).join(', ')}, ${tests.map((t, i) => `${t} AS t${i}`).join(', ')}
				FROM activity_facts f WHERE ${hard.length ? hard.join(' AND ') : 'TRUE'}
			) WHERE ${misses} <= 1
		), cg AS (
			SELECT council_mask, national, reach_code, max(council_count) AS cc, max(spectrum_rank) AS sr, count(*) AS n
			FROM sel WHERE missed = -1 GROUP BY ALL
		)${kg}
		${parts.join('\n UNION ALL ')}`,
		params.values
	);
	const out: MapAndCharts<D> = {
		total: 0,
		national: 0,
		councils: [],
		links: [],
		charts: Object.fromEntries(charts.map((d) => [d, []])) as unknown as Record<D, CountRow[]>
	};
	const councilBits = names.codes.values.councils;
	const perCouncil = new Map<string, { n: number; m: number }>();
	const groups = new Map<D, CodedCount[]>(charts.map((d) => [d, []]));
	for (const row of rows) {
		if (row.part === 0) {
			out.total = row.n;
			out.national = row.m ?? 0;
		} else if (row.part === 1) {
			perCouncil.set(councilBits.get(row.a!)!, { n: row.n, m: row.m ?? 0 });
		} else if (row.part === 2) {
			out.links.push({
				a: councilBits.get(row.a!)!,
				b: councilBits.get(row.b!)!,
				shared: row.n,
				reach: names.codes.keys.reaches.get(row.x!) ?? '',
				spectrum: row.m === null ? null : (SPECTRUM_LEVELS[row.m - 1] ?? null)
			});
		} else {
			groups.get(charts[row.part - 3])!.push({ code: row.a, n: row.n });
		}
	}
	// Every council, in councilPlaces' name order.
	for (const [code, place] of names.councils) {
		const counted = perCouncil.get(code);
		out.councils.push({ code, ...place, activities: counted?.n ?? 0, local_activities: counted?.m ?? 0 });
	}
	out.links.sort((x, y) => y.shared - x.shared || textOrder(x.a, y.a) || textOrder(x.b, y.b));
	for (const [d, counted] of groups) out.charts[d] = chartRows(d, counted, names);
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
