import { whereClause, type Filters, type ListDimension, type SqlParam } from './filters';

/** What the query functions need from an engine: run a prepared statement with bound parameters. */
export interface SqlRunner {
	query<T extends object>(sql: string, params?: SqlParam[]): Promise<T[]>;
}

/** The engine the app holds: queries, plus swapping in a whole new dataset atomically. */
export interface AtlasDb extends SqlRunner {
	replaceDataset(files: import('./schema').DatasetFiles): Promise<void>;
}

const filteredIds = (filters: Filters, exclude?: keyof Filters) => {
	const where = whereClause(filters, exclude);
	return { sql: `SELECT a.id FROM activities a ${where.sql}`, params: where.params };
};

export interface CountRow {
	key: string;
	label: string;
	n: number;
}

export async function countActivities(db: SqlRunner, filters: Filters): Promise<number> {
	const ids = filteredIds(filters);
	const [row] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM (${ids.sql})`, ids.params);
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
	const ids = filteredIds(filters, 'councils');
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

export interface CouncilLink {
	a: string;
	b: string;
	shared: number;
	/** The widest reach among the shared activities, for colouring the link. */
	reach: string;
	/** The most integrated spectrum level among the shared activities; null when none is derivable. */
	spectrum: string | null;
}

/**
 * Pairs of councils sharing at least one filtered activity. National activities are left out:
 * they would join every pair (496 lines) and are shown as a count instead.
 */
export async function councilLinks(db: SqlRunner, filters: Filters): Promise<CouncilLink[]> {
	const ids = filteredIds(filters, 'councils');
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

export async function nationalCount(db: SqlRunner, filters: Filters): Promise<number> {
	const ids = filteredIds(filters, 'councils');
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
	partnerTypes: `SELECT p.partner_type AS key, p.partner_type AS label, count(DISTINCT p.activity_id)::INTEGER AS n
		FROM activity_partners p WHERE p.activity_id IN (SELECT id FROM f) GROUP BY ALL`,
	spectrumLevels: `SELECT coalesce(a.spectrum_level, 'none') AS key, coalesce(a.spectrum_level, 'none') AS label, count(*)::INTEGER AS n
		FROM activities a WHERE a.id IN (SELECT id FROM f) GROUP BY ALL`,
	regions: `SELECT c.region AS key, c.region AS label, count(DISTINCT ac.activity_id)::INTEGER AS n
		FROM activity_councils ac JOIN councils c ON c.code = ac.council_code
		WHERE ac.activity_id IN (SELECT id FROM f) GROUP BY ALL`
};

export type ChartDimension = keyof typeof DIMENSION_SQL & ListDimension;

/**
 * Counts per value of one dimension under every filter except that dimension's own, so a
 * chart keeps showing the alternatives a user can add (mosaic-style cross-filtering).
 */
export async function dimensionCounts(db: SqlRunner, dimension: ChartDimension, filters: Filters): Promise<CountRow[]> {
	const ids = filteredIds(filters, dimension);
	const rows = await db.query<CountRow>(`WITH f AS (${ids.sql}) ${DIMENSION_SQL[dimension]} ORDER BY n DESC, label`, ids.params);
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
/** Whitelisted ORDER BY terms: the user picks a key, never SQL. */
const SORT_SQL: Record<SortKey, string> = {
	name: 'a.name',
	reach: "list_position(['single', 'cluster', 'regional', 'national', 'unspecified'], a.reach)",
	status: 'a.status',
	start_year: 'a.start_year',
	council_count: 'a.council_count'
};

export async function activityRows(
	db: SqlRunner,
	filters: Filters,
	sort: { key: SortKey; descending: boolean } = { key: 'name', descending: false }
): Promise<ActivityRow[]> {
	const where = whereClause(filters);
	const direction = sort.descending ? 'DESC' : 'ASC';
	return db.query<ActivityRow>(
		`SELECT a.id, a.name, a.reach, a.collaborative_type, a.delivery_mechanism, a.status, a.start_year,
			a.council_count, a.source_kind,
			coalesce((SELECT string_agg(c.name, '; ' ORDER BY c.name) FROM activity_councils ac JOIN councils c ON c.code = ac.council_code WHERE ac.activity_id = a.id), '') AS councils,
			coalesce((SELECT string_agg(sa.short_label, '; ' ORDER BY sa.short_label) FROM activity_service_areas s JOIN service_areas sa ON sa.id = s.service_area_id WHERE s.activity_id = a.id), '') AS service_areas
		FROM activities a ${where.sql}
		ORDER BY ${SORT_SQL[sort.key]} ${direction} NULLS LAST, a.name`,
		where.params
	);
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
	/** Derived by the documented rule in spectrum.js (or set in the data); null where not derivable. */
	spectrum_level: string | null;
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
	activities: ActivityRow[];
	partners: PartnerCount[];
	neighbours: { code: string; name: string }[];
}

export async function councilProfile(db: SqlRunner, code: string, filters: Filters): Promise<CouncilProfile | undefined> {
	const [council] = await db.query<{ code: string; name: string; region: string }>(
		'SELECT code, name, region FROM councils WHERE code = ?',
		[code]
	);
	if (!council) return undefined;
	const ids = filteredIds(filters, 'councils');
	const [activities, partners, neighbours] = await Promise.all([
		activityRows(db, { ...filters, councils: [code] }),
		db.query<PartnerCount>(
			`WITH f AS (${ids.sql})
			SELECT c.code, c.name, count(*)::INTEGER AS shared
			FROM activity_councils mine
			JOIN activity_councils other ON other.activity_id = mine.activity_id AND other.council_code <> mine.council_code
			JOIN councils c ON c.code = other.council_code
			WHERE mine.council_code = ? AND mine.activity_id IN (SELECT id FROM f)
			GROUP BY ALL ORDER BY shared DESC, c.name`,
			[...ids.params, code]
		),
		db.query<{ code: string; name: string }>(
			`SELECT c.code, c.name FROM council_neighbours n JOIN councils c ON c.code = n.neighbour_code
			WHERE n.council_code = ? ORDER BY c.name`,
			[code]
		)
	]);
	return { ...council, activities, partners, neighbours };
}

/** The filtered activities two councils both take part in (what a map link stands for). */
export async function sharedActivities(db: SqlRunner, codeA: string, codeB: string, filters: Filters): Promise<ActivityRow[]> {
	const rows = await activityRows(db, { ...filters, councils: [] });
	const [memberships] = await Promise.all([
		db.query<{ activity_id: string }>(
			`SELECT x.activity_id FROM activity_councils x JOIN activity_councils y ON x.activity_id = y.activity_id
			WHERE x.council_code = ? AND y.council_code = ?`,
			[codeA, codeB]
		)
	]);
	const shared = new Set(memberships.map((m) => m.activity_id));
	return rows.filter((row) => shared.has(row.id));
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
		db.query<{ m: string }>('SELECT DISTINCT delivery_mechanism AS m FROM activities WHERE delivery_mechanism IS NOT NULL ORDER BY m')
	]);
	return { councils, serviceAreas, types, mechanisms: mechanisms.map((r) => r.m) };
}

// The Insight views' queries live beside these, in their own module.
export * from './insight-queries';
