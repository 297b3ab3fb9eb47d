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
	'sourceKinds'
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
		search: ''
	};
}

export type SqlParam = string | number | boolean | null;
export interface SqlFragment {
	sql: string;
	params: SqlParam[];
}

const placeholders = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/** Dimensions with one value per activity, filtered through a small integer code. */
export const CODED_DIMENSIONS = ['types', 'mechanisms', 'statuses', 'reaches', 'sourceKinds'] as const;
/** Dimensions with any number of values per activity, filtered through a bit mask. */
export const MASKED_DIMENSIONS = ['councils', 'serviceAreas', 'regions', 'partnerTypes'] as const;
export type CodedDimension = (typeof CODED_DIMENSIONS)[number];
export type MaskedDimension = (typeof MASKED_DIMENSIONS)[number];

/**
 * The current dataset's dictionary from filter values to the codes and bits of `activity_facts`
 * (schema.ts builds both from the same tables). A value not in it matches no activity.
 */
export interface FilterCodes {
	codes: Record<CodedDimension, Map<string, number>>;
	masks: Record<MaskedDimension, Map<string, bigint>>;
}

export const FACT_COLUMNS: Record<CodedDimension | MaskedDimension, string> = {
	types: 'f.type_code',
	mechanisms: 'f.mechanism_code',
	statuses: 'f.status_code',
	reaches: 'f.reach_code',
	sourceKinds: 'f.kind_code',
	councils: 'f.council_mask',
	serviceAreas: 'f.area_mask',
	regions: 'f.region_mask',
	partnerTypes: 'f.partner_mask'
};

/** Search matches an activity's name, summary or a partner's name, case-insensitively. */
const SEARCH_CONDITION = `f.id IN (SELECT a.id FROM activities a WHERE contains(lower(a.name), ?) OR contains(lower(coalesce(a.summary, '')), ?)
	OR EXISTS (SELECT 1 FROM activity_partners p WHERE p.activity_id = a.id AND contains(lower(p.partner_name), ?)))`;

/** Start years are compared as text, as the charts key them: only a year's canonical spelling matches. */
const yearOf = (value: string) => {
	const year = Number(value);
	return Number.isInteger(year) && String(year) === value && Math.abs(year) < 2 ** 31 ? year : undefined;
};

/**
 * The WHERE clause for the current filters over `activity_facts f`: one predicate per dimension
 * on that one table, values within a dimension ORed, dimensions ANDed. Values become codes and
 * masks (bound parameters, never SQL text). `exclude` leaves one dimension out, so a chart still
 * shows its own alternatives while every other filter narrows it (cross-filtering).
 */
export function whereClause(filters: Filters, codes: FilterCodes, exclude?: keyof Filters, extra: SqlFragment[] = []): SqlFragment {
	const conditions: string[] = [];
	const params: SqlParam[] = [];
	for (const dimension of LIST_DIMENSIONS) {
		const values = filters[dimension];
		if (dimension === exclude || values.length === 0) continue;
		if (dimension === 'startYears') {
			const years = [...new Set(values.map(yearOf).filter((y): y is number => y !== undefined))];
			conditions.push(years.length ? `f.start_year IN (${placeholders(years.length)})` : 'FALSE');
			params.push(...years);
		} else if ((MASKED_DIMENSIONS as readonly string[]).includes(dimension)) {
			const lookup = codes.masks[dimension as MaskedDimension];
			const mask = values.reduce((sum, value) => sum | (lookup.get(value) ?? 0n), 0n);
			conditions.push(mask ? `(${FACT_COLUMNS[dimension as MaskedDimension]} & CAST(? AS UBIGINT)) <> 0` : 'FALSE');
			if (mask) params.push(mask.toString());
		} else {
			const lookup = codes.codes[dimension as CodedDimension];
			const known = [...new Set(values.map((value) => lookup.get(value)).filter((c): c is number => c !== undefined))];
			conditions.push(known.length ? `${FACT_COLUMNS[dimension as CodedDimension]} IN (${placeholders(known.length)})` : 'FALSE');
			params.push(...known);
		}
	}
	const search = filters.search.trim().toLowerCase();
	if (search && exclude !== 'search') {
		conditions.push(SEARCH_CONDITION);
		params.push(search, search, search);
	}
	for (const fragment of extra) {
		conditions.push(fragment.sql);
		params.push(...fragment.params);
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
