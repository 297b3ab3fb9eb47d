import { describe, expect, it } from 'vitest';
import {
	CODED_DIMENSIONS,
	emptyFilters,
	filtersFromParams,
	filtersToParams,
	isEmpty,
	MASKED_DIMENSIONS,
	toggleValue,
	whereClause,
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

describe('whereClause', () => {
	it('is empty with no filters', () => {
		expect(whereClause(emptyFilters(), codes)).toEqual({ sql: '', params: [] });
	});

	it('binds every value as a parameter, never in the SQL text', () => {
		const hostile = "x') OR 1=1 --";
		const { sql, params } = whereClause({ ...emptyFilters(), statuses: [hostile, 'ended'], search: hostile }, codes);
		expect(sql).not.toContain(hostile);
		expect(sql).not.toContain('OR 1=1');
		// A value the dataset does not have matches nothing; known ones travel as their codes.
		expect(params).toEqual([2, hostile.toLowerCase(), hostile.toLowerCase(), hostile.toLowerCase()]);
		expect(sql.split('?').length - 1).toBe(params.length);
	});

	it('ORs a multi-valued dimension’s values into one bit mask', () => {
		const { sql, params } = whereClause({ ...emptyFilters(), councils: ['S1', 'S2', 'nowhere'] }, codes);
		expect(sql).toBe('WHERE (f.council_mask & CAST(? AS UBIGINT)) <> 0');
		expect(params).toEqual([String(2n ** 40n + 1n)]);
	});

	it('matches nothing when no value of a dimension is known, and years only in their canonical spelling', () => {
		expect(whereClause({ ...emptyFilters(), statuses: ['nope'] }, codes).sql).toBe('WHERE FALSE');
		expect(whereClause({ ...emptyFilters(), startYears: ['2005', '02005', ' 2006'] }, codes)).toEqual({
			sql: 'WHERE f.start_year IN (?)',
			params: [2005]
		});
	});

	it('leaves out the excluded dimension for cross-filtering', () => {
		const filters = { ...emptyFilters(), types: ['training'], reaches: ['single'] };
		const { sql, params } = whereClause(filters, codes, 'types');
		expect(sql).not.toContain('type_code');
		expect(params).toEqual([4]);
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

	it('keeps unrelated parameters and drops duplicates', () => {
		const params = new URLSearchParams('sel=council:S1&area=hr&area=hr');
		expect(filtersFromParams(params).serviceAreas).toEqual(['hr']);
		filtersToParams(emptyFilters(), params);
		expect(params.toString()).toBe('sel=council%3AS1');
	});

	it('toggles a value on and off', () => {
		const on = toggleValue(emptyFilters(), 'reaches', 'national');
		expect(on.reaches).toEqual(['national']);
		expect(isEmpty(toggleValue(on, 'reaches', 'national'))).toBe(true);
	});
});
