import { describe, expect, it } from 'vitest';
import { emptyFilters, filtersFromParams, filtersToParams, isEmpty, toggleValue, whereClause } from '../../src/lib/data/filters';

describe('whereClause', () => {
	it('is empty with no filters', () => {
		expect(whereClause(emptyFilters())).toEqual({ sql: '', params: [] });
	});

	it('binds every value as a parameter, never in the SQL text', () => {
		const hostile = "x') OR 1=1 --";
		const { sql, params } = whereClause({ ...emptyFilters(), statuses: [hostile, 'ended'], search: hostile });
		expect(sql).not.toContain(hostile);
		expect(sql).not.toContain('OR 1=1');
		expect(params).toEqual([hostile, 'ended', hostile.toLowerCase(), hostile.toLowerCase(), hostile.toLowerCase()]);
		expect(sql.split('?').length - 1).toBe(params.length);
	});

	it('leaves out the excluded dimension for cross-filtering', () => {
		const filters = { ...emptyFilters(), types: ['training'], reaches: ['single'] };
		const { sql, params } = whereClause(filters, 'types');
		expect(sql).not.toContain('collaborative_type');
		expect(params).toEqual(['single']);
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
