import { describe, expect, it } from 'vitest';
import { emptyFilters } from '../../src/lib/data/filters';
import { DEFAULT_SORT, viewFromParams, viewToParams, type InsightView, type SavedView } from '../../src/lib/state/view-url';

const base: SavedView = { filters: emptyFilters(), selection: { kind: 'none' }, sort: DEFAULT_SORT, map: undefined, showNational: false };
const roundTrip = (view: SavedView) => viewFromParams(new URLSearchParams(viewToParams(view).toString()));

describe('Insight view in the URL', () => {
	it.each<InsightView>([
		{ tab: 'opportunities', council: 'S12000008', area: 'transport_highways' },
		{ tab: 'opportunities', council: 'S12000008' },
		{ tab: 'opportunities' },
		{ tab: 'spectrum' },
		{ tab: 'network', order: 'similarity', national: true },
		{ tab: 'network', order: 'region', national: false },
		{ tab: 'compare', a: 'S12000005', b: 'S12000030' },
		{ tab: 'compare', a: 'S12000005' }
	])('round-trips %j', (insight) => {
		const view: SavedView = { ...base, insight, filters: { ...emptyFilters(), spectrumLevels: ['integrate'] } };
		expect(roundTrip(view)).toEqual(view);
	});

	it('writes the compared pair as compare=A~B beside the tab', () => {
		const params = viewToParams({ ...base, insight: { tab: 'compare', a: 'S1', b: 'S2' } });
		expect(params.get('insight')).toBe('compare');
		expect(params.get('compare')).toBe('S1~S2');
	});

	it('keeps the link colouring, and writes nothing for the default', () => {
		expect(roundTrip({ ...base, linkColour: 'spectrum' }).linkColour).toBe('spectrum');
		expect(viewToParams({ ...base, linkColour: 'reach' }).toString()).toBe('');
		expect(viewToParams(base).toString()).toBe('');
	});

	it('ignores unknown tabs and tampered settings', () => {
		expect(viewFromParams(new URLSearchParams('insight=admin&compare=S1~S2')).insight).toBeUndefined();
		expect(viewFromParams(new URLSearchParams('insight=network&order=DROP')).insight).toEqual({
			tab: 'network',
			order: 'region',
			national: false
		});
		expect(viewFromParams(new URLSearchParams('insight=opportunities&opp=~roads')).insight).toEqual({ tab: 'opportunities' });
		expect(viewFromParams(new URLSearchParams('links=rainbow')).linkColour).toBeUndefined();
	});
});
