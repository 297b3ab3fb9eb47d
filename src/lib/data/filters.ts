import type { REACHES } from './model.js';

export type Reach = (typeof REACHES)[number];

/** Values within one dimension are alternatives (OR); dimensions narrow each other (AND). */
export interface Filters {
	serviceAreas: string[];
	types: string[];
	reaches: string[];
	mechanisms: string[];
	startYears: string[];
	regions: string[];
	councils: string[];
	partnerTypes: string[];
	statuses: string[];
	sourceKinds: string[];
	/** Spectrum of collaboration levels; 'none' stands for "not derivable". */
	spectrumLevels: string[];
	search: string;
}

export type ListDimension = Exclude<keyof Filters, 'search'>;

export const LIST_DIMENSIONS: ListDimension[] = [
	'serviceAreas',
	'types',
	'reaches',
	'mechanisms',
	'startYears',
	'regions',
	'councils',
	'partnerTypes',
	'statuses',
	'sourceKinds',
	'spectrumLevels'
];

/** Short URL keys keep shared links readable. */
export const URL_KEYS: Record<keyof Filters, string> = {
	serviceAreas: 'area',
	types: 'type',
	reaches: 'reach',
	mechanisms: 'mech',
	startYears: 'year',
	regions: 'region',
	councils: 'council',
	partnerTypes: 'partner',
	statuses: 'status',
	sourceKinds: 'source',
	spectrumLevels: 'spectrum',
	search: 'q'
};

export function emptyFilters(): Filters {
	return {
		serviceAreas: [],
		types: [],
		reaches: [],
		mechanisms: [],
		startYears: [],
		regions: [],
		councils: [],
		partnerTypes: [],
		statuses: [],
		sourceKinds: [],
		spectrumLevels: [],
		search: ''
	};
}

export type SqlParam = string | number | boolean | null;
export interface SqlFragment {
	sql: string;
	params: SqlParam[];
}

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
export function whereClause(filters: Filters, exclude?: keyof Filters): SqlFragment {
	const conditions: string[] = [];
	const params: SqlParam[] = [];
	for (const dimension of LIST_DIMENSIONS) {
		const values = filters[dimension];
		if (dimension === exclude || values.length === 0) continue;
		conditions.push(CONDITIONS[dimension](values.length));
		params.push(...values);
	}
	const search = filters.search.trim().toLowerCase();
	if (search && exclude !== 'search') {
		conditions.push(SEARCH_CONDITION);
		params.push(search, search, search);
	}
	return { sql: conditions.length ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

export function isEmpty(filters: Filters): boolean {
	return LIST_DIMENSIONS.every((d) => filters[d].length === 0) && !filters.search.trim();
}

export function filtersToParams(filters: Filters, params = new URLSearchParams()): URLSearchParams {
	for (const dimension of LIST_DIMENSIONS) {
		params.delete(URL_KEYS[dimension]);
		for (const value of filters[dimension]) params.append(URL_KEYS[dimension], value);
	}
	params.delete(URL_KEYS.search);
	if (filters.search.trim()) params.set(URL_KEYS.search, filters.search);
	return params;
}

export function filtersFromParams(params: URLSearchParams): Filters {
	const filters = emptyFilters();
	for (const dimension of LIST_DIMENSIONS) {
		filters[dimension] = [...new Set(params.getAll(URL_KEYS[dimension]).filter(Boolean))];
	}
	filters.search = params.get(URL_KEYS.search) ?? '';
	return filters;
}

export function toggleValue(filters: Filters, dimension: ListDimension, value: string): Filters {
	const current = filters[dimension];
	const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
	return { ...filters, [dimension]: next };
}
