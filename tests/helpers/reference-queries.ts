/**
 * The dashboard's queries as first written: straight SQL over the dataset's own tables (EXISTS
 * per dimension, self-joins for links, per-row subqueries). Kept as the reference the fast
 * queries over `activity_facts` must agree with (tests/sql/fast-queries.test.ts).
 */
import type { Filters, ListDimension, SqlFragment, SqlParam } from '../../src/lib/data/filters';
import { LIST_DIMENSIONS } from '../../src/lib/data/filters';
import type { ActivityRow, CouncilCount, CouncilLink, CountRow, SortKey, SqlRunner, PartnerCount } from '../../src/lib/data/queries';

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/**
 * One condition per dimension over the activities table aliased `a`. Only placeholders are
 * spliced into the SQL; every value travels as a bound parameter.
 */
const CONDITIONS: Record<ListDimension, (n: number) => string> = {
	serviceAreas: (n) =>
		`EXISTS (SELECT 1 FROM activity_service_areas s WHERE s.activity_id = a.id AND s.service_area_id IN (${placeholders(n)}))`,
	// Charts offer a 'not stated' bar keyed '', so a missing value must match ''.
	types: (n) => `coalesce(a.collaborative_type, '') IN (${placeholders(n)})`,
	reaches: (n) => `a.reach IN (${placeholders(n)})`,
	mechanisms: (n) => `coalesce(a.delivery_mechanism, '') IN (${placeholders(n)})`,
	startYears: (n) => `CAST(a.start_year AS VARCHAR) IN (${placeholders(n)})`,
	regions: (n) =>
		`EXISTS (SELECT 1 FROM activity_councils ac JOIN councils c ON c.code = ac.council_code WHERE ac.activity_id = a.id AND c.region IN (${placeholders(n)}))`,
	councils: (n) =>
		`EXISTS (SELECT 1 FROM activity_councils ac WHERE ac.activity_id = a.id AND ac.council_code IN (${placeholders(n)}))`,
	partnerTypes: (n) =>
		`EXISTS (SELECT 1 FROM activity_partners p WHERE p.activity_id = a.id AND p.partner_type IN (${placeholders(n)}))`,
	statuses: (n) => `a.status IN (${placeholders(n)})`,
	sourceKinds: (n) => `a.source_kind IN (${placeholders(n)})`,
	spectrumLevels: (n) => `coalesce(a.spectrum_level, 'none') IN (${placeholders(n)})`
};

const SEARCH_CONDITION = `(contains(lower(a.name), ?) OR contains(lower(coalesce(a.summary, '')), ?)
	OR EXISTS (SELECT 1 FROM activity_partners p WHERE p.activity_id = a.id AND contains(lower(p.partner_name), ?)))`;

/**
 * The WHERE clause for the current filters. `exclude` leaves one dimension out, so a chart
 * still shows its own alternatives while every other filter narrows it (cross-filtering).
 */
function whereClause(filters: Filters, exclude?: keyof Filters): SqlFragment {
	const conditions: string[] = [];
	const params: SqlParam[] = [];
	for (const dimension of LIST_DIMENSIONS) {
		const values = filters[dimension];
		if (dimension === exclude || values.length === 0) continue;
		conditions.push(CONDITIONS[dimension](values.length));
		params.push(...values);
	}
	if (filters.inYear !== null && exclude !== 'inYear') {
		conditions.push('(a.start_year <= ? AND (a.end_year IS NULL OR a.end_year >= ?))');
		params.push(filters.inYear, filters.inYear);
	}
	const search = filters.search.trim().toLowerCase();
	if (search && exclude !== 'search') {
		conditions.push(SEARCH_CONDITION);
		params.push(search, search, search);
	}
	return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}


const filteredIds = (filters: Filters, exclude?: keyof Filters) => {
	const where = whereClause(filters, exclude);
	return { sql: `SELECT a.id FROM activities a ${where.sql}`, params: where.params };
};

export async function ref_countActivities(db: SqlRunner, filters: Filters): Promise<number> {
	const ids = filteredIds(filters);
	const [row] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${ids.sql})`, ids.params);
	return row.n;
}

/** Every council, with zero where it takes part in no filtered activity. */
export async function ref_councilCounts(db: SqlRunner, filters: Filters): Promise<CouncilCount[]> {
	const ids = filteredIds(filters);
	return db.query<CouncilCount>(
		`WITH f AS (${ids.sql})
		SELECT c.code, c.name, c.region, c.lon, c.lat,
			count(a.id)::INTEGER AS activities,
			count(a.id) FILTER (WHERE a.reach <> 'national')::INTEGER AS local_activities
		FROM councils c
		LEFT JOIN activity_councils ac ON ac.council_code = c.code AND ac.activity_id IN (SELECT id FROM f)
		LEFT JOIN activities a ON a.id = ac.activity_id
		GROUP BY ALL ORDER BY c.name`,
		ids.params
	);
}

/**
 * Pairs of councils sharing at least one filtered activity. National activities are left out:
 * they would join every pair (496 lines) and are shown as a count instead.
 */
export async function ref_councilLinks(db: SqlRunner, filters: Filters): Promise<CouncilLink[]> {
	const ids = filteredIds(filters);
	return db.query<CouncilLink>(
		`WITH f AS (${ids.sql})
		SELECT x.council_code AS a, y.council_code AS b, count(*)::INTEGER AS shared,
			arg_max(act.reach, act.council_count) AS reach,
			arg_max(act.spectrum_level, list_position(['communicate', 'cooperate', 'coordinate', 'collaborate', 'integrate'], act.spectrum_level)) AS spectrum
		FROM activity_councils x
		JOIN activity_councils y ON x.activity_id = y.activity_id AND x.council_code < y.council_code
		JOIN activities act ON act.id = x.activity_id
		WHERE x.activity_id IN (SELECT id FROM f) AND act.reach <> 'national'
		GROUP BY ALL ORDER BY shared DESC, a, b`,
		ids.params
	);
}

export async function ref_nationalCount(db: SqlRunner, filters: Filters): Promise<number> {
	const ids = filteredIds(filters);
	const [row] = await db.query<{ n: number }>(
		`SELECT count(*)::INTEGER AS n FROM activities WHERE reach = 'national' AND id IN (${ids.sql})`,
		ids.params
	);
	return row.n;
}

/** How each chart dimension groups activities, and the label each group shows. */
const DIMENSION_SQL: Partial<Record<ListDimension, string>> = {
	serviceAreas: `SELECT s.service_area_id AS key, sa.short_label AS label, count(*)::INTEGER AS n
		FROM activity_service_areas s JOIN service_areas sa ON sa.id = s.service_area_id
		WHERE s.activity_id IN (SELECT id FROM f) GROUP BY ALL`,
	types: `SELECT coalesce(a.collaborative_type, '') AS key, coalesce(t.label, 'Type not stated') AS label, count(*)::INTEGER AS n
		FROM activities a LEFT JOIN collaborative_types t ON t.id = a.collaborative_type
		WHERE a.id IN (SELECT id FROM f) GROUP BY ALL`,
	reaches: `SELECT a.reach AS key, a.reach AS label, count(*)::INTEGER AS n
		FROM activities a WHERE a.id IN (SELECT id FROM f) GROUP BY ALL`,
	mechanisms: `SELECT coalesce(a.delivery_mechanism, '') AS key, coalesce(a.delivery_mechanism, 'Not stated') AS label, count(*)::INTEGER AS n
		FROM activities a WHERE a.id IN (SELECT id FROM f) GROUP BY ALL`,
	startYears: `SELECT CAST(a.start_year AS VARCHAR) AS key, CAST(a.start_year AS VARCHAR) AS label, count(*)::INTEGER AS n
		FROM activities a WHERE a.id IN (SELECT id FROM f) AND a.start_year IS NOT NULL GROUP BY ALL`,
	statuses: `SELECT a.status AS key, a.status AS label, count(*)::INTEGER AS n
		FROM activities a WHERE a.id IN (SELECT id FROM f) GROUP BY ALL`,
	sourceKinds: `SELECT a.source_kind AS key, a.source_kind AS label, count(*)::INTEGER AS n
		FROM activities a WHERE a.id IN (SELECT id FROM f) GROUP BY ALL`,
	spectrumLevels: `SELECT coalesce(a.spectrum_level, 'none') AS key, coalesce(a.spectrum_level, 'none') AS label, count(*)::INTEGER AS n
		FROM activities a WHERE a.id IN (SELECT id FROM f) GROUP BY ALL`,
	partnerTypes: `SELECT p.partner_type AS key, p.partner_type AS label, count(DISTINCT p.activity_id)::INTEGER AS n
		FROM activity_partners p WHERE p.activity_id IN (SELECT id FROM f) GROUP BY ALL`,
	regions: `SELECT c.region AS key, c.region AS label, count(DISTINCT ac.activity_id)::INTEGER AS n
		FROM activity_councils ac JOIN councils c ON c.code = ac.council_code
		WHERE ac.activity_id IN (SELECT id FROM f) GROUP BY ALL`,
	councils: `SELECT c.code AS key, c.name AS label, count(DISTINCT ac.activity_id)::INTEGER AS n
		FROM activity_councils ac JOIN councils c ON c.code = ac.council_code
		WHERE ac.activity_id IN (SELECT id FROM f) GROUP BY ALL`
};


/**
 * Counts per value of one dimension under every filter except that dimension's own, so a
 * chart keeps showing the alternatives a user can add (mosaic-style cross-filtering).
 */
export async function ref_dimensionCounts(db: SqlRunner, dimension: keyof typeof DIMENSION_SQL, filters: Filters): Promise<CountRow[]> {
	const ids = filteredIds(filters, dimension);
	const rows = await db.query<CountRow>(`WITH f AS (${ids.sql}) ${DIMENSION_SQL[dimension]} ORDER BY n DESC, label`, ids.params);
	return dimension === 'startYears' ? rows.sort((x, y) => Number(x.key) - Number(y.key)) : rows;
}

/** Whitelisted ORDER BY terms: the user picks a key, never SQL. */
const SORT_SQL: Record<SortKey, string> = {
	name: 'a.name',
	reach: "list_position(['single', 'cluster', 'regional', 'national', 'unspecified'], a.reach)",
	status: 'a.status',
	start_year: 'a.start_year',
	council_count: 'a.council_count'
};

export async function ref_activityRows(
	db: SqlRunner,
	filters: Filters,
	sort: { key: SortKey; descending: boolean } = { key: 'name', descending: false }
): Promise<ActivityRow[]> {
	const where = whereClause(filters);
	const direction = sort.descending ? 'DESC' : 'ASC';
	return db.query<ActivityRow>(
		`SELECT a.id, a.name, a.reach, a.collaborative_type, a.delivery_mechanism, a.status, a.start_year, a.end_year,
			a.reported_year, (SELECT s.year FROM sources s WHERE s.id = a.source_id) AS source_year,
			a.council_count, a.source_kind,
			coalesce((SELECT string_agg(c.name, '; ' ORDER BY c.name) FROM activity_councils ac JOIN councils c ON c.code = ac.council_code WHERE ac.activity_id = a.id), '') AS councils,
			coalesce((SELECT string_agg(sa.short_label, '; ' ORDER BY sa.short_label) FROM activity_service_areas s JOIN service_areas sa ON sa.id = s.service_area_id WHERE s.activity_id = a.id), '') AS service_areas
		FROM activities a ${where.sql}
		ORDER BY ${SORT_SQL[sort.key]} ${direction} NULLS LAST, a.name`,
		where.params
	);
}


/**
 * Partner councils of one council: councils in the filtered activities it takes part in (the
 * council filter included), national schemes not counted (SHARED_MEANS).
 */
export async function ref_profilePartners(db: SqlRunner, code: string, filters: Filters): Promise<PartnerCount[]> {
	const ids = filteredIds(filters);
	return db.query<PartnerCount>(
		`WITH f AS (${ids.sql})
		SELECT c.code, c.name, count(*)::INTEGER AS shared
		FROM activity_councils mine
		JOIN activity_councils other ON other.activity_id = mine.activity_id AND other.council_code <> mine.council_code
		JOIN councils c ON c.code = other.council_code
		JOIN activities a ON a.id = mine.activity_id
		WHERE mine.council_code = ? AND mine.activity_id IN (SELECT id FROM f) AND a.reach <> 'national'
		GROUP BY ALL ORDER BY shared DESC, c.name`,
		[...ids.params, code]
	);
}

/** The filtered activities (council filter included) one council takes part in. */
export async function ref_councilActivities(db: SqlRunner, code: string, filters: Filters): Promise<ActivityRow[]> {
	const rows = await ref_activityRows(db, filters);
	const mine = await db.query<{ activity_id: string }>('SELECT activity_id FROM activity_councils WHERE council_code = ?', [code]);
	const ids = new Set(mine.map((m) => m.activity_id));
	return rows.filter((row) => ids.has(row.id));
}

/** What two councils both take part in: every filtered row (council filter included), kept if both take part. */
export async function ref_sharedActivities(db: SqlRunner, codeA: string, codeB: string, filters: Filters): Promise<ActivityRow[]> {
	const rows = await ref_activityRows(db, filters);
	const memberships = await db.query<{ activity_id: string }>(
		`SELECT x.activity_id FROM activity_councils x JOIN activity_councils y ON x.activity_id = y.activity_id
		WHERE x.council_code = ? AND y.council_code = ?`,
		[codeA, codeB]
	);
	const shared = new Set(memberships.map((m) => m.activity_id));
	return rows.filter((row) => shared.has(row.id));
}
