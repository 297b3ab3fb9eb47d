import { describe, expect, it } from 'vitest';
import {
	CODED_DIMENSIONS,
	emptyFilters,
	filtersFromParams,
	filtersToParams,
	isEmpty,
	LIST_DIMENSIONS,
	MASKED_DIMENSIONS,
	SqlParams,
	toggleValue,
	whereClause,
	yearFromParam,
	type FilterCodes
} from '../../src/lib/data/filters';

const codes: FilterCodes = {
	codes: Object.fromEntries(CODED_DIMENSIONS.map((d) => [d, new Map<string, number>()])) as FilterCodes['codes'],
	masks: Object.fromEntries(MASKED_DIMENSIONS.map((d) => [d, new Map<string, bigint>()])) as FilterCodes['masks']
};
codes.codes.statuses.set('ended', 2).set('operational', 3);
codes.codes.types.set('training', 1);
codes.codes.reaches.set('single', 4);
codes.masks.councils.set('S1', 1n).set('S2', 2n ** 40n);

const where = (filters: ReturnType<typeof emptyFilters>, exclude?: Parameters<typeof whereClause>[3]) => {
	const params = new SqlParams();
	return { sql: whereClause(filters, codes, params, exclude), params: params.values };
};

describe('whereClause', () => {
	it('has the same SQL text for any single values, so the statement is prepared once', () => {
		const none = where(emptyFilters());
		const some = where({ ...emptyFilters(), statuses: ['ended'], councils: ['S1', 'S2'], startYears: ['2005'], types: ['nope'] });
		expect(some.sql).toBe(none.sql);
		expect(some.params).toHaveLength(none.params.length);
		// With no filter, each dimension's condition is switched off by its first parameter.
		expect(none.params.filter((p) => p === true)).toHaveLength(LIST_DIMENSIONS.length);
	});

	it('binds every value as a parameter, never in the SQL text', () => {
		const hostile = "x') OR 1=1 --";
		const { sql, params } = where({ ...emptyFilters(), statuses: [hostile, 'ended', 'operational'], search: hostile });
		expect(sql).not.toContain(hostile);
		expect(sql).not.toContain('OR 1=1');
		// A value the dataset does not have matches nothing; known ones travel as their codes.
		expect(params).toContain('2,3');
		expect(params).toContain(hostile.toLowerCase());
		expect(Math.max(...[...sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])))).toBe(params.length);
	});

	it('ORs a multi-valued dimension’s values into one bit mask', () => {
		const { params } = where({ ...emptyFilters(), councils: ['S1', 'S2', 'nowhere'] });
		expect(params).toContain(String(2n ** 40n + 1n));
	});

	it('matches nothing when no value of a dimension is known, and years only in their canonical spelling', () => {
		// Code 0 belongs to no value.
		const unknown = where({ ...emptyFilters(), statuses: ['nope'] }).params;
		expect(unknown[unknown.indexOf(false) + 1]).toBe(0);
		const years = where({ ...emptyFilters(), startYears: ['2005', '02005', ' 2006'] }).params;
		expect(years).toContain(2005);
		expect(years).not.toContain(2006);
	});

	it('leaves out the excluded dimension for cross-filtering', () => {
		const filters = { ...emptyFilters(), types: ['training'], reaches: ['single'] };
		const { sql, params } = where(filters, 'types');
		expect(sql).not.toContain('type_code');
		expect(params).not.toContain(1);
		expect(params).toContain(4);
	});
});

describe('the year filter ("in operation in YEAR")', () => {
	it('keeps one SQL text with or without a year, the year bound as a parameter (NULL for any year)', () => {
		const none = where(emptyFilters());
		const some = where({ ...emptyFilters(), inYear: 2016 });
		expect(some.sql).toBe(none.sql);
		expect(some.params).toHaveLength(none.params.length);
		const at = some.params.indexOf(2016);
		expect(at).toBeGreaterThanOrEqual(0);
		expect(none.params[at]).toBeNull();
		expect(some.sql).not.toContain('2016');
		// Started by the year and not ended before it; NULL start years fail the comparison.
		const n = `$${at + 1}::INTEGER`;
		expect(some.sql).toContain(`(${n} IS NULL OR (f.start_year <= ${n} AND (f.end_year IS NULL OR f.end_year >= ${n})))`);
	});

	it('can be left out like any dimension', () => {
		const { sql, params } = where({ ...emptyFilters(), inYear: 2006 }, 'inYear');
		expect(sql).not.toContain('end_year');
		expect(params).not.toContain(2006);
	});

	it('counts as a filter', () => {
		expect(isEmpty({ ...emptyFilters(), inYear: 1996 })).toBe(false);
	});
});

describe('URL round trip', () => {
	it('restores the same filters from their query string', () => {
		const filters = {
			...emptyFilters(),
			serviceAreas: ['transport_highways', 'hr'],
			councils: ['S12000008'],
			search: 'roads & bridges'
		};
		const params = filtersToParams(filters);
		expect(filtersFromParams(new URLSearchParams(params.toString()))).toEqual(filters);
	});

	it('keeps a "not stated" choice (an empty key) for the dimensions whose charts offer one', () => {
		const filters = { ...emptyFilters(), types: [''], mechanisms: ['', 'Lead authority'] };
		const params = filtersToParams(filters);
		expect(params.toString()).toBe('type=&mech=&mech=Lead+authority');
		expect(filtersFromParams(new URLSearchParams(params.toString()))).toEqual(filters);
		// Elsewhere an empty value means nothing and is dropped.
		expect(filtersFromParams(new URLSearchParams('area=&council=')).serviceAreas).toEqual([]);
		expect(filtersFromParams(new URLSearchParams('area=&council=')).councils).toEqual([]);
	});

	it('keeps unrelated parameters and drops duplicates', () => {
		const params = new URLSearchParams('sel=council:S1&area=hr&area=hr');
		expect(filtersFromParams(params).serviceAreas).toEqual(['hr']);
		filtersToParams(emptyFilters(), params);
		expect(params.toString()).toBe('sel=council%3AS1');
	});

	it('writes the year as in=YEAR and reads it back', () => {
		const filters = { ...emptyFilters(), reaches: ['cluster'], inYear: 2016 };
		const params = filtersToParams(filters);
		expect(params.toString()).toBe('reach=cluster&in=2016');
		expect(filtersFromParams(new URLSearchParams(params.toString()))).toEqual(filters);
		// Unset leaves no trace, and an old year is replaced rather than repeated.
		expect(filtersToParams(emptyFilters(), new URLSearchParams('in=2006')).toString()).toBe('');
		expect(filtersToParams(filters, new URLSearchParams('in=2006')).getAll('in')).toEqual(['2016']);
	});

	it('accepts only whole years from 1996 to this year in a link', () => {
		const now = new Date(2026, 5, 1);
		expect(yearFromParam('1996', now)).toBe(1996);
		expect(yearFromParam('2026', now)).toBe(2026);
		expect(yearFromParam(' 2016 ', now)).toBe(2016);
		for (const bad of ['1995', '2027', '2016.5', '20x6', '', '1e3', '02016'])
			expect(yearFromParam(bad, now), bad).toBeNull();
		expect(yearFromParam(null, now)).toBeNull();
		// "This year" follows the clock the caller gives.
		expect(yearFromParam('2027', new Date(2027, 0, 1))).toBe(2027);
		expect(filtersFromParams(new URLSearchParams('in=2027'), now).inYear).toBeNull();
	});

	it('toggles a value on and off', () => {
		const on = toggleValue(emptyFilters(), 'reaches', 'national');
		expect(on.reaches).toEqual(['national']);
		expect(isEmpty(toggleValue(on, 'reaches', 'national'))).toBe(true);
	});
});
