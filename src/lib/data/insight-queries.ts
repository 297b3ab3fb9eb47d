/**
 * Typed, parameterised queries behind the Insight views (re-exported from queries.ts). Every
 * one honours the dashboard filters except the council filter, as the map does: the views are
 * about councils, so narrowing to some councils would hide the very comparisons they make.
 */
import type { Filters, ListDimension, SqlParams } from './filters';
import { CITED_SOURCE_COLUMNS, where, type SqlRunner } from './sql';
import {
	comparableArrangements,
	rankOpportunities,
	splitByMembership,
	splitComparison,
	type ComparableGroup,
	type CompareActivity,
	type MatrixCouncil,
	type Opportunity,
	type OpportunityRow,
	type SharedPair
} from './insight';

/**
 * The ids of the filtered activities (through `activity_facts`, as the map's figures are), with
 * the statement's parameters: every filter but the council filter and the `exclude`d ones. The
 * view's own values are added to the same `params` (numbered after the filters').
 */
const filtered = async (db: SqlRunner, filters: Filters, ...exclude: ListDimension[]) => {
	const narrowed = { ...filters };
	for (const dimension of exclude) narrowed[dimension] = [];
	const w = await where(db, narrowed, 'councils');
	return { sql: `SELECT f.id FROM activity_facts f ${w.sql}`, params: w.params };
};
type Filtered = { sql: string; params: SqlParams };
/** Each statement needs parameters of its own. */
const filteredTimes = (n: number, db: SqlRunner, filters: Filters) =>
	Promise.all(Array.from({ length: n }, () => filtered(db, filters))) as Promise<Filtered[]>;

export interface OpportunityQuery {
	council: string;
	/** A service area id, or '' for every area. */
	area: string;
}

/** The opportunity finder's answer: what the chosen council can join, and fixed bodies elsewhere to compare with. */
export interface OpportunityFinding {
	/** Joinable (open membership, not ended), ranked by rankOpportunities. */
	opportunities: Opportunity[];
	/** Fixed-membership bodies the candidates take part in, by kind, with the chosen council's own. */
	comparable: ComparableGroup[];
}

/**
 * Councils bordering the chosen one (council_neighbours, from the boundary topology) or in its
 * region grouping that already run an activity in the service area which the chosen council is
 * not part of. Only arrangements a council can join (membership.ts) and that have not ended are
 * offered, ranked; fixed-membership bodies come back apart, as comparable arrangements. The
 * finder's own service area replaces any service-area filter.
 */
export async function opportunityFinder(db: SqlRunner, query: OpportunityQuery, filters: Filters): Promise<OpportunityFinding> {
	const [rows, own] = await Promise.all([opportunityRows(db, query, filters), ownActivities(db, query, filters)]);
	const { joinable, fixed } = splitByMembership(rows);
	return { opportunities: rankOpportunities(joinable), comparable: comparableArrangements(fixed, own) };
}

/** The chosen council's own filtered activities in the area, with what the membership rule reads. */
async function ownActivities(db: SqlRunner, query: OpportunityQuery, filters: Filters) {
	const ids = await filtered(db, filters, 'serviceAreas');
	const [council, area] = [ids.params.add(query.council), ids.params.add(query.area)];
	return db.query<Pick<OpportunityRow, 'activity_name' | 'summary' | 'delivery_mechanism' | 'source_type' | 'status' | 'end_year'>>(
		`WITH f AS (${ids.sql})
		SELECT a.name AS activity_name, a.summary, a.delivery_mechanism, s.kind AS source_type, a.status, a.end_year
		FROM activities a JOIN activity_councils ac ON ac.activity_id = a.id LEFT JOIN sources s ON s.id = a.source_id
		WHERE ac.council_code = ${council} AND a.id IN (SELECT id FROM f)
			AND (${area} = '' OR EXISTS (SELECT 1 FROM activity_service_areas x WHERE x.activity_id = a.id AND x.service_area_id = ${area}))
		ORDER BY a.name`,
		ids.params.values
	);
}

async function opportunityRows(db: SqlRunner, query: OpportunityQuery, filters: Filters): Promise<OpportunityRow[]> {
	const ids = await filtered(db, filters, 'serviceAreas');
	const [council, area] = [ids.params.add(query.council), ids.params.add(query.area)];
	return db.query<OpportunityRow>(
		`WITH f AS (${ids.sql}),
		p AS (SELECT ${council}::VARCHAR AS council, ${area}::VARCHAR AS area),
		chosen AS (SELECT c.code, c.region FROM councils c, p WHERE c.code = p.council),
		candidates AS (
			SELECT c.code, c.name, c.region,
				EXISTS (SELECT 1 FROM council_neighbours n, chosen WHERE n.council_code = chosen.code AND n.neighbour_code = c.code) AS is_neighbour,
				c.region = (SELECT region FROM chosen) AS same_region
			FROM councils c WHERE c.code <> (SELECT code FROM chosen)
		),
		mine AS (SELECT ac.activity_id FROM activity_councils ac, chosen WHERE ac.council_code = chosen.code),
		together AS (
			SELECT y.council_code AS code, count(*)::INTEGER AS n
			FROM activity_councils x
			JOIN activity_councils y ON y.activity_id = x.activity_id AND y.council_code <> x.council_code
			JOIN activities a ON a.id = x.activity_id
			WHERE x.council_code = (SELECT code FROM chosen) AND a.reach <> 'national' AND a.id IN (SELECT id FROM f)
			GROUP BY ALL
		)
		SELECT k.code, k.name, k.region, k.is_neighbour, k.same_region, coalesce(t.n, 0)::INTEGER AS already_shared,
			a.id AS activity_id, a.name AS activity_name, a.summary, a.delivery_mechanism, a.end_year,
			a.council_count, a.reach, a.status, a.spectrum_level,
			coalesce((SELECT string_agg(sa.short_label, '; ' ORDER BY sa.short_label) FROM activity_service_areas s
				JOIN service_areas sa ON sa.id = s.service_area_id WHERE s.activity_id = a.id), '') AS service_areas,
			a.source_kind, a.source_quote, a.source_id, a.source_locator, ${CITED_SOURCE_COLUMNS}
		FROM candidates k
		JOIN activity_councils ac ON ac.council_code = k.code
		JOIN activities a ON a.id = ac.activity_id
		LEFT JOIN sources s ON s.id = a.source_id
		LEFT JOIN together t ON t.code = k.code
		CROSS JOIN p
		WHERE (k.is_neighbour OR k.same_region)
			AND a.id IN (SELECT id FROM f)
			AND a.id NOT IN (SELECT activity_id FROM mine)
			AND (p.area = '' OR EXISTS (SELECT 1 FROM activity_service_areas s WHERE s.activity_id = a.id AND s.service_area_id = p.area))
		ORDER BY k.code, a.name`,
		ids.params.values
	);
}

export interface SharedMatrix {
	councils: MatrixCouncil[];
	pairs: SharedPair[];
}

/** Every council (activity counts) and every pair sharing at least one filtered activity. */
export async function sharedMatrix(db: SqlRunner, filters: Filters, includeNational: boolean): Promise<SharedMatrix> {
	const kept = (ids: Filtered) => `WITH f AS (${ids.sql}), k AS (
		SELECT a.id FROM activities a WHERE a.id IN (SELECT id FROM f) AND (${ids.params.add(includeNational)}::BOOLEAN OR a.reach <> 'national'))`;
	const [forCouncils, forPairs] = await filteredTimes(2, db, filters);
	const [councils, pairs] = await Promise.all([
		db.query<MatrixCouncil>(
			`${kept(forCouncils)}
			SELECT c.code, c.name, c.region, count(ac.activity_id)::INTEGER AS activities
			FROM councils c LEFT JOIN activity_councils ac ON ac.council_code = c.code AND ac.activity_id IN (SELECT id FROM k)
			GROUP BY ALL ORDER BY c.name`,
			forCouncils.params.values
		),
		db.query<SharedPair>(
			`${kept(forPairs)}
			SELECT x.council_code AS a, y.council_code AS b, count(*)::INTEGER AS shared
			FROM activity_councils x
			JOIN activity_councils y ON y.activity_id = x.activity_id AND x.council_code < y.council_code
			WHERE x.activity_id IN (SELECT id FROM k)
			GROUP BY ALL ORDER BY shared DESC, a, b`,
			forPairs.params.values
		)
	]);
	return { councils, pairs };
}

export interface CouncilFigures {
	code: string;
	name: string;
	region: string;
	activities: number;
	national: number;
	local: number;
	/** National activities as a share of all the council's activities; null with no activities. */
	national_share: number | null;
	/** Councils it shares a non-national activity with (national schemes would make it everyone). */
	partners: number;
	median_activities: number;
	median_local: number;
	median_national_share: number | null;
	median_partners: number;
}

/** Per-council figures with the Scotland median (across all 32 councils) beside each. */
export async function councilFigures(db: SqlRunner, filters: Filters): Promise<CouncilFigures[]> {
	const ids = await filtered(db, filters);
	return db.query<CouncilFigures>(
		`WITH f AS (${ids.sql}),
		per AS (
			SELECT c.code, c.name, c.region,
				count(a.id)::INTEGER AS activities,
				count(a.id) FILTER (WHERE a.reach = 'national')::INTEGER AS national,
				count(a.id) FILTER (WHERE a.reach <> 'national')::INTEGER AS local
			FROM councils c
			LEFT JOIN activity_councils ac ON ac.council_code = c.code AND ac.activity_id IN (SELECT id FROM f)
			LEFT JOIN activities a ON a.id = ac.activity_id
			GROUP BY ALL
		),
		partners AS (
			SELECT x.council_code AS code, count(DISTINCT y.council_code)::INTEGER AS partners
			FROM activity_councils x
			JOIN activity_councils y ON y.activity_id = x.activity_id AND y.council_code <> x.council_code
			JOIN activities a ON a.id = x.activity_id
			WHERE a.reach <> 'national' AND a.id IN (SELECT id FROM f)
			GROUP BY ALL
		),
		joined AS (
			SELECT per.*, coalesce(partners.partners, 0)::INTEGER AS partners,
				CASE WHEN per.activities > 0 THEN per.national / per.activities END AS national_share
			FROM per LEFT JOIN partners ON partners.code = per.code
		)
		SELECT *,
			median(activities) OVER () AS median_activities,
			median(local) OVER () AS median_local,
			median(national_share) OVER () AS median_national_share,
			median(partners) OVER () AS median_partners
		FROM joined ORDER BY name`,
		ids.params.values
	);
}

export interface CountByKey {
	code: string;
	key: string;
	label: string;
	n: number;
}

export interface Comparison {
	a: CouncilFigures;
	b: CouncilFigures;
	shared: CompareActivity[];
	onlyA: CompareActivity[];
	onlyB: CompareActivity[];
	/** Activities per service area, per council of the pair. */
	areas: CountByKey[];
	/** Activities per spectrum level ('none' = not derivable), per council of the pair. */
	spectrum: CountByKey[];
}

/** Two councils side by side: their figures (with medians), and shared vs only-A vs only-B activities. */
export async function compareCouncils(db: SqlRunner, a: string, b: string, filters: Filters): Promise<Comparison | undefined> {
	const [forActivities, forAreas, forSpectrum] = await filteredTimes(3, db, filters);
	const pair = (ids: Filtered) => [ids.params.add(a), ids.params.add(b)];
	const [a1, b1] = pair(forActivities);
	const [a2, b2] = pair(forAreas);
	const [a3, b3] = pair(forSpectrum);
	const [figures, activities, areas, spectrum] = await Promise.all([
		councilFigures(db, filters),
		db.query<CompareActivity>(
			`WITH f AS (${forActivities.sql})
			SELECT a.id, a.name, a.reach, a.spectrum_level,
				bool_or(ac.council_code = ${a1}) AS in_a, bool_or(ac.council_code = ${b1}) AS in_b
			FROM activities a JOIN activity_councils ac ON ac.activity_id = a.id
			WHERE a.id IN (SELECT id FROM f) AND ac.council_code IN (${a1}, ${b1})
			GROUP BY ALL ORDER BY a.name`,
			forActivities.params.values
		),
		db.query<CountByKey>(
			`WITH f AS (${forAreas.sql})
			SELECT ac.council_code AS code, s.service_area_id AS key, sa.short_label AS label, count(*)::INTEGER AS n
			FROM activity_councils ac
			JOIN activity_service_areas s ON s.activity_id = ac.activity_id
			JOIN service_areas sa ON sa.id = s.service_area_id
			WHERE ac.activity_id IN (SELECT id FROM f) AND ac.council_code IN (${a2}, ${b2})
			GROUP BY ALL ORDER BY label`,
			forAreas.params.values
		),
		db.query<CountByKey>(
			`WITH f AS (${forSpectrum.sql})
			SELECT ac.council_code AS code, coalesce(x.spectrum_level, 'none') AS key, coalesce(x.spectrum_level, 'none') AS label, count(*)::INTEGER AS n
			FROM activity_councils ac JOIN activities x ON x.id = ac.activity_id
			WHERE ac.activity_id IN (SELECT id FROM f) AND ac.council_code IN (${a3}, ${b3})
			GROUP BY ALL ORDER BY key`,
			forSpectrum.params.values
		)
	]);
	const figuresA = figures.find((row) => row.code === a);
	const figuresB = figures.find((row) => row.code === b);
	if (!figuresA || !figuresB) return undefined;
	return { a: figuresA, b: figuresB, ...splitComparison(activities), areas, spectrum };
}

export interface SpectrumActivity {
	id: string;
	name: string;
	summary: string | null;
	collaborative_type: string | null;
	delivery_mechanism: string | null;
	spectrum_level: string | null;
	council_count: number;
	reach: string;
}

/** One page of the spectrum list, and how many activities the filters match in all. */
export interface SpectrumPage {
	activities: SpectrumActivity[];
	/** Activities matching the filters, of which `withLevel` have a level the sources support. */
	total: number;
	withLevel: number;
}

/**
 * The filtered activities with the fields the spectrum rule reads, most integrated first: one
 * page of them (at a million activities the whole list would be a million table rows), with the
 * totals counted over every match before the page is cut.
 */
export async function spectrumActivities(db: SqlRunner, filters: Filters, page: { limit: number } = { limit: 100 }): Promise<SpectrumPage> {
	const w = await where(db, filters);
	const limit = w.params.add(Math.max(0, Math.floor(page.limit)));
	const rows = await db.query<SpectrumActivity & { total: number; with_level: number }>(
		`SELECT a.id, a.name, a.summary, a.collaborative_type, a.delivery_mechanism, a.spectrum_level, a.council_count, a.reach,
			(count(*) OVER ())::INTEGER AS total, (count(a.spectrum_level) OVER ())::INTEGER AS with_level
		FROM activity_facts f JOIN activities a ON a.id = f.id ${w.sql}
		ORDER BY f.spectrum_rank DESC NULLS LAST, a.name, a.id
		LIMIT ${limit}`,
		w.params.values
	);
	if (!rows.length) return { activities: [], total: 0, withLevel: 0 };
	return {
		activities: rows.map(({ total: _total, with_level: _withLevel, ...activity }) => activity),
		total: rows[0].total,
		withLevel: rows[0].with_level
	};
}
