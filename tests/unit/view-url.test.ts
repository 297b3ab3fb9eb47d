import { describe, expect, it } from 'vitest';
import { emptyFilters } from '../../src/lib/data/filters';
import { DEFAULT_SORT, mapFromParam, selectionFromString, selectionToString, viewFromParams, viewToParams, type SavedView } from '../../src/lib/state/view-url';

describe('view URL', () => {
	it('round-trips filters, selection, sort, map view and the national toggle', () => {
		const view: SavedView = {
			filters: { ...emptyFilters(), reaches: ['cluster'], councils: ['S12000008', 'S12000028'], search: 'roads' },
			selection: { kind: 'link', a: 'S12000008', b: 'S12000028' },
			sort: { key: 'start_year', descending: true },
			map: { lon: -4.25, lat: 56.5, zoom: 6.5 },
			showNational: true
		};
		const restored = viewFromParams(new URLSearchParams(viewToParams(view).toString()));
		expect(restored).toEqual(view);
	});

	it('round-trips the year filter beside the rest of the view', () => {
		const view: SavedView = {
			filters: { ...emptyFilters(), inYear: 2006, serviceAreas: ['transport_highways'] },
			selection: { kind: 'council', code: 'S12000008' },
			sort: DEFAULT_SORT,
			map: undefined,
			showNational: false,
			insight: { tab: 'spectrum' }
		};
		const params = viewToParams(view);
		expect(params.get('in')).toBe('2006');
		expect(viewFromParams(new URLSearchParams(params.toString()))).toEqual({ ...view, linkColour: undefined });
		// A slide saved without a year restores no year, whatever was shown before.
		expect(viewFromParams(new URLSearchParams('area=hr')).filters.inYear).toBeNull();
	});

	it('writes nothing for the default view', () => {
		const view: SavedView = { filters: emptyFilters(), selection: { kind: 'none' }, sort: DEFAULT_SORT, map: undefined, showNational: false };
		expect(viewToParams(view).toString()).toBe('');
	});

	it('falls back to defaults on tampered values', () => {
		const view = viewFromParams(new URLSearchParams('sort=DROP TABLE&map=1,999,3&sel=bogus:x'));
		expect(view.sort).toEqual(DEFAULT_SORT);
		expect(view.map).toBeUndefined();
		expect(view.selection).toEqual({ kind: 'none' });
	});

	it.each([
		[{ kind: 'council', code: 'S12000036' }],
		[{ kind: 'activity', id: 'ayrshire-roads-alliance' }],
		[{ kind: 'none' }]
	] as const)('round-trips selection %j', (selection) => {
		expect(selectionFromString(selectionToString(selection))).toEqual(selection);
	});
});

describe('map position from a link', () => {
	it('keeps a position MapLibre can show', () => {
		expect(mapFromParam('-4.3,56.4,6.2')).toEqual({ map: { lon: -4.3, lat: 56.4, zoom: 6.2 } });
		expect(mapFromParam(null)).toEqual({});
	});

	it.each(['1e308,56,5', '-4,90,5', '-4,56,99', '-4,56,-1', '-4,56', 'a,b,c', '-4,,5', '200,56,5'])(
		'ignores %s and says so, so the map opens on Scotland',
		(text) => {
			const { map, problem } = mapFromParam(text);
			expect(map).toBeUndefined();
			expect(problem).toMatch(/not one the map can show/);
			expect(viewFromParams(new URLSearchParams({ map: text })).map).toBeUndefined();
		}
	);
});

