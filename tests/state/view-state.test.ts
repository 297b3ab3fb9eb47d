import { describe, expect, it } from 'vitest';
import { ViewState } from '../../src/lib/state/view-state.svelte';
import { viewFromParams, viewToParams, type SavedView } from '../../src/lib/state/view-url';
import { emptyFilters } from '../../src/lib/data/filters';

const insightSettings = (view: ViewState) => ({
	tab: view.tab,
	opportunityCouncil: view.opportunityCouncil,
	opportunityArea: view.opportunityArea,
	networkOrder: view.networkOrder,
	networkNational: view.networkNational,
	compareA: view.compareA,
	compareB: view.compareB,
	linkColour: view.linkColour
});

const DEFAULTS = {
	tab: 'opportunities',
	opportunityCouncil: '',
	opportunityArea: '',
	networkOrder: 'region',
	networkNational: false,
	compareA: '',
	compareB: '',
	linkColour: 'reach'
};

const saved = (params: string): SavedView => viewFromParams(new URLSearchParams(params));

describe('applying a saved view', () => {
	it('puts back every default a view does not name, whatever the previous view left', () => {
		const view = new ViewState();
		view.apply(saved('insight=opportunities&opp=S12000047~education_learning&links=spectrum&area=waste&sel=council:S12000047&map=-3,56,7'));
		view.networkNational = true;
		view.compareA = 'S12000005';
		// A slide saved on the plain dashboard.
		view.apply(saved(''));
		expect(insightSettings(view)).toEqual(DEFAULTS);
		expect(view.filters).toEqual(emptyFilters());
		expect(view.selection).toEqual({ kind: 'none' });
		expect(view.map).toBeUndefined();
	});

	it('keeps only the named tab’s settings', () => {
		const view = new ViewState();
		view.apply(saved('insight=opportunities&opp=S12000047'));
		view.apply(saved('insight=compare&compare=S12000005~S12000030'));
		expect(insightSettings(view)).toEqual({ ...DEFAULTS, tab: 'compare', compareA: 'S12000005', compareB: 'S12000030' });
		view.apply(saved('insight=network&order=similarity&netnational=1'));
		expect(insightSettings(view)).toEqual({ ...DEFAULTS, tab: 'network', networkOrder: 'similarity', networkNational: true });
	});

	it('gives back exactly the query string it was restored from', () => {
		const view = new ViewState();
		for (const query of [
			'',
			'area=waste&reach=cluster&sel=council%3AS12000047',
			'type=joint_committee&insight=network&order=similarity&netnational=1',
			'q=roads&sort=start_year%3Adesc&map=-4.200%2C56.500%2C6.50&national=1&insight=compare&compare=S12000005%7ES12000030&links=spectrum'
		]) {
			view.apply(saved(query));
			expect(viewToParams(view.saved()).toString()).toBe(query);
		}
	});

	it('tells its listeners of every filter change the user makes, before and after it, and of nothing else', () => {
		let inputs = 0;
		const seenAfter: string[] = [];
		const view = new ViewState(
			() => inputs++,
			() => seenAfter.push(JSON.stringify([view.filters.reaches, view.filters.search, view.filters.inYear]))
		);
		view.toggle('reaches', 'cluster');
		view.setValues('councils', ['S12000047']);
		view.setSearch('roads');
		view.setYear(2016);
		view.clearFilters();
		view.apply(saved('area=waste'));
		view.selection = { kind: 'council', code: 'S12000047' };
		expect(inputs).toBe(5);
		expect(seenAfter).toEqual([
			'[["cluster"],"",null]',
			'[["cluster"],"",null]',
			'[["cluster"],"roads",null]',
			'[["cluster"],"roads",2016]',
			'[[],"",null]'
		]);
		expect(view.filters.serviceAreas).toEqual(['waste']);
	});
});
