import { describe, expect, it } from 'vitest';
import { InsightState } from '../../src/lib/state/insight.svelte';

const settings = (insight: InsightState) => ({
	tab: insight.tab,
	opportunityCouncil: insight.opportunityCouncil,
	opportunityArea: insight.opportunityArea,
	networkOrder: insight.networkOrder,
	networkNational: insight.networkNational,
	compareA: insight.compareA,
	compareB: insight.compareB,
	linkColour: insight.linkColour
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

describe('applying a saved view to the Insight section', () => {
	it('puts back every default a view does not name, whatever the previous view left', () => {
		const insight = new InsightState('/data');
		insight.applyView({ insight: { tab: 'opportunities', council: 'S12000047', area: 'education_learning' }, linkColour: 'spectrum' });
		insight.networkNational = true;
		insight.compareA = 'S12000005';
		// A slide saved on the plain dashboard.
		insight.applyView({});
		expect(settings(insight)).toEqual(DEFAULTS);
	});

	it('keeps only the named tab’s settings', () => {
		const insight = new InsightState('/data');
		insight.applyView({ insight: { tab: 'opportunities', council: 'S12000047' } });
		insight.applyView({ insight: { tab: 'compare', a: 'S12000005', b: 'S12000030' } });
		expect(settings(insight)).toEqual({ ...DEFAULTS, tab: 'compare', compareA: 'S12000005', compareB: 'S12000030' });
		insight.applyView({ insight: { tab: 'network', order: 'similarity', national: true } });
		expect(settings(insight)).toEqual({ ...DEFAULTS, tab: 'network', networkOrder: 'similarity', networkNational: true });
	});
});
