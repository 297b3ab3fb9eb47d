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
	/**
	 * "In operation in YEAR": activities that had started by then and had not ended before it
	 * (start_year ≤ YEAR and end_year empty or ≥ YEAR); null for any year. An activity without a
	 * start year cannot be placed in time, so it is left out while a year is chosen.
	 */
	inYear: number | null;
}

export type ListDimension = Exclude<keyof Filters, 'search' | 'inYear'>;

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
	search: 'q',
	inYear: 'in'
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
		search: '',
		inYear: null
	};
}

/** The first year the year control offers: the oldest arrangements the dataset tracks (joint boards, 1996). */
export const FIRST_YEAR = 1996;

/** The last year the year control offers: this year (a parameter so tests can fix "now"). */
export const lastYear = (now: Date = new Date()) => now.getFullYear();

/** A year the filter accepts from a link: a whole number in the control's range, else none. */
export function yearFromParam(text: string | null, now: Date = new Date()): number | null {
	if (text === null || !/^\d{4}$/.test(text.trim())) return null;
	const year = Number(text.trim());
	return year >= FIRST_YEAR && year <= lastYear(now) ? year : null;
}

export type SqlParam = string | number | boolean | null;
export interface SqlFragment {
	sql: string;
	params: SqlParam[];
}

/**
 * Dimensions with one value per activity, filtered through a small integer code. A missing type
 * or mechanism is coded as '' (the charts' 'not stated' bar), a missing spectrum level as 'none'.
 */
export const CODED_DIMENSIONS = ['types', 'mechanisms', 'statuses', 'reaches', 'sourceKinds', 'spectrumLevels'] as const;
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
	spectrumLevels: 'f.spectrum_code',
	councils: 'f.council_mask',
	serviceAreas: 'f.area_mask',
	regions: 'f.region_mask',
	partnerTypes: 'f.partner_mask'
};

/**
 * Bound parameters for one statement, numbered `$1`, `$2`, … so one value can be used in several
 * places. Every filter adds the same parameters in the same order whatever its values, so each
 * query's SQL text is the same for any filters and DuckDB prepares it once.
 */
export class SqlParams {
	readonly values: SqlParam[] = [];
	add(value: SqlParam): string {
		this.values.push(value);
		return `$${this.values.length}`;
	}
}

/** Start years are compared as text, as the charts key them: only a year's canonical spelling matches. */
const yearOf = (value: string) => {
	const year = Number(value);
	return Number.isInteger(year) && String(year) === value && Math.abs(year) < 2 ** 31 ? year : undefined;
};
/** Values no activity has: codes start at 1; no start year is this. */
const NO_CODE = 0;
const NO_YEAR = -(2 ** 31);

/**
 * One dimension's condition over `activity_facts f`, as `(off OR test)`: with the dimension
 * unfiltered, `off` is true and DuckDB skips the test. Values become codes and masks of the
 * current dataset (`codes`); one it does not have matches nothing. The SQL text does not depend
 * on which values are chosen, only (for single-valued dimensions) on whether more than one is.
 */
export function filterCondition(dimension: ListDimension, filters: Filters, codes: FilterCodes, params: SqlParams): string {
	const values = filters[dimension];
	const off = params.add(values.length === 0);
	if ((MASKED_DIMENSIONS as readonly string[]).includes(dimension)) {
		const lookup = codes.masks[dimension as MaskedDimension];
		const mask = params.add(values.reduce((sum, value) => sum | (lookup.get(value) ?? 0n), 0n).toString());
		return `(${off} OR (${FACT_COLUMNS[dimension as MaskedDimension]} & CAST(${mask} AS UBIGINT)) <> 0)`;
	}
	const [column, known, none] =
		dimension === 'startYears'
			? ['f.start_year', values.map(yearOf).filter((y): y is number => y !== undefined), NO_YEAR]
			: [
					FACT_COLUMNS[dimension as CodedDimension],
					values.map((value) => codes.codes[dimension as CodedDimension].get(value)).filter((c): c is number => c !== undefined),
					NO_CODE
				];
	const unique = [...new Set(known)];
	// One value (the usual choice) is a plain comparison; several share a second text, with a list.
	if (unique.length <= 1) return `(${off} OR ${column} = ${params.add(unique[0] ?? none)})`;
	return `(${off} OR list_contains(CAST(string_split(${params.add(unique.join(','))}, ',') AS INTEGER[]), ${column}))`;
}

/**
 * Search matches an activity's name, summary or a partner's name, case-insensitively; undefined
 * without a search (a query with search is a second, separately prepared text).
 */
export function searchCondition(filters: Filters, params: SqlParams): string | undefined {
	const search = filters.search.trim().toLowerCase();
	if (!search) return undefined;
	const term = params.add(search);
	return `f.id IN (SELECT a.id FROM activities a WHERE contains(lower(a.name), ${term}) OR contains(lower(coalesce(a.summary, '')), ${term})
		OR EXISTS (SELECT 1 FROM activity_partners p WHERE p.activity_id = a.id AND contains(lower(p.partner_name), ${term})))`;
}

/**
 * The year filter's condition: always present, with the year bound as a parameter (NULL for any
 * year), so the SQL text is the same whether or not a year is chosen. An activity without a start
 * year fails `f.start_year <= y` (NULL), so it is left out while a year is chosen.
 */
export function yearCondition(filters: Filters, params: SqlParams): string {
	const year = params.add(filters.inYear);
	return `(${year}::INTEGER IS NULL OR (f.start_year <= ${year}::INTEGER AND (f.end_year IS NULL OR f.end_year >= ${year}::INTEGER)))`;
}

/**
 * The WHERE clause for the current filters over `activity_facts f`: values within a dimension
 * ORed, dimensions ANDed, plus any `extra` conditions. `exclude` leaves one dimension out, so a
 * chart still shows its own alternatives while every other filter narrows it (cross-filtering).
 */
export function whereClause(filters: Filters, codes: FilterCodes, params: SqlParams, exclude?: keyof Filters, extra: string[] = []): string {
	const conditions = LIST_DIMENSIONS.filter((d) => d !== exclude).map((d) => filterCondition(d, filters, codes, params));
	if (exclude !== 'inYear') conditions.push(yearCondition(filters, params));
	const search = exclude === 'search' ? undefined : searchCondition(filters, params);
	if (search) conditions.push(search);
	return `WHERE ${[...conditions, ...extra].join(' AND ')}`;
}

export function isEmpty(filters: Filters): boolean {
	return LIST_DIMENSIONS.every((d) => filters[d].length === 0) && !filters.search.trim() && filters.inYear === null;
}

export function filtersToParams(filters: Filters, params = new URLSearchParams()): URLSearchParams {
	for (const dimension of LIST_DIMENSIONS) {
		params.delete(URL_KEYS[dimension]);
		for (const value of filters[dimension]) params.append(URL_KEYS[dimension], value);
	}
	params.delete(URL_KEYS.search);
	if (filters.search.trim()) params.set(URL_KEYS.search, filters.search);
	params.delete(URL_KEYS.inYear);
	if (filters.inYear !== null) params.set(URL_KEYS.inYear, String(filters.inYear));
	return params;
}

/**
 * Dimensions whose charts have a bar for "not stated" (key ''): clicking it filters to the
 * activities without a value, so an empty value in a shared link (`type=`) is a real choice.
 */
const BLANK_IS_A_VALUE: ReadonlySet<ListDimension> = new Set(['types', 'mechanisms']);

export function filtersFromParams(params: URLSearchParams, now: Date = new Date()): Filters {
	const filters = emptyFilters();
	for (const dimension of LIST_DIMENSIONS) {
		const values = params.getAll(URL_KEYS[dimension]);
		filters[dimension] = [...new Set(BLANK_IS_A_VALUE.has(dimension) ? values : values.filter(Boolean))];
	}
	filters.search = params.get(URL_KEYS.search) ?? '';
	filters.inYear = yearFromParam(params.get(URL_KEYS.inYear), now);
	return filters;
}

export function toggleValue(filters: Filters, dimension: ListDimension, value: string): Filters {
	const current = filters[dimension];
	const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
	return { ...filters, [dimension]: next };
}
