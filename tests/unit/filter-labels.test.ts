import { describe, expect, it } from 'vitest';
import { emptyFilters } from '../../src/lib/data/filters';
import type { Reference } from '../../src/lib/data/queries';
import {
	activeFilterChips,
	DIMENSION_LABELS,
	regionsOf,
	sourceKindShortLabel,
	typeLabel,
	valueLabel
} from '../../src/lib/components/filter-labels';
import { LIST_DIMENSIONS } from '../../src/lib/data/filters';

const reference: Reference = {
	councils: [
		{ code: 'S12000041', name: 'Angus', region: 'Tayside' },
		{ code: 'S12000033', name: 'Aberdeen City', region: 'Northern Alliance' },
		{ code: 'S12000042', name: 'Dundee City', region: 'Tayside' }
	],
	serviceAreas: [{ id: 'transport_highways', label: 'Transport & Highways', short_label: 'Transport & highways' }],
	types: [{ id: 'joint_provision', label: 'Joint provision' }],
	mechanisms: ['Joint Committee'],
	sourceKinds: []
};

describe('DIMENSION_LABELS', () => {
	it('names every filter dimension', () => {
		for (const dimension of [...LIST_DIMENSIONS, 'search' as const, 'inYear' as const]) expect(DIMENSION_LABELS[dimension]).toBeTruthy();
	});
});

describe('valueLabel', () => {
	it.each([
		['serviceAreas', 'transport_highways', 'Transport & highways'],
		['types', 'joint_provision', 'Joint provision'],
		['types', '', 'Type not stated'],
		['mechanisms', '', 'Not stated'],
		['mechanisms', 'Joint Committee', 'Joint Committee'],
		['councils', 'S12000041', 'Angus'],
		['regions', 'Tayside', 'Tayside'],
		['reaches', 'cluster', 'Cluster (2–4 councils)'],
		['partnerTypes', 'nhs', 'NHS'],
		['partnerTypes', 'third_sector', 'Third sector'],
		['statuses', 'operational', 'Operational'],
		['statuses', 'unknown', 'Status unknown'],
		['sourceKinds', 'public_record', 'Public record'],
		['startYears', '2014', '2014'],
		['search', 'roads', '“roads”']
	] as const)('%s %j → %j', (dimension, value, label) => {
		expect(valueLabel(dimension, value, reference)).toBe(label);
	});

	it('falls back to the raw value for unknown values or before reference data loads', () => {
		expect(valueLabel('councils', 'S12000099', reference)).toBe('S12000099');
		expect(valueLabel('serviceAreas', 'transport_highways')).toBe('transport_highways');
		expect(valueLabel('reaches', 'galactic')).toBe('galactic');
	});
});

describe('activeFilterChips', () => {
	it('is empty when no filter is set, including a whitespace-only search', () => {
		expect(activeFilterChips({ ...emptyFilters(), search: '   ' }, reference)).toEqual([]);
	});

	it('lists search first, then each value in dimension order, with remove labels', () => {
		const chips = activeFilterChips(
			{
				...emptyFilters(),
				statuses: ['ended'],
				serviceAreas: ['transport_highways'],
				councils: ['S12000041', 'S12000042'],
				search: ' roads '
			},
			reference
		);
		expect(chips.map((c) => [c.dimension, c.value, c.valueLabel])).toEqual([
			['search', 'roads', '“roads”'],
			['serviceAreas', 'transport_highways', 'Transport & highways'],
			['councils', 'S12000041', 'Angus'],
			['councils', 'S12000042', 'Dundee City'],
			['statuses', 'ended', 'Ended']
		]);
		expect(chips[1].removeLabel).toBe('Remove filter: Service area Transport & highways');
		expect(chips[1].dimensionLabel).toBe('Service area');
	});
});

describe('the year chip', () => {
	it('reads "In operation in: 2016", after the other filters, and removes by its own label', () => {
		const chips = activeFilterChips({ ...emptyFilters(), reaches: ['cluster'], inYear: 2016 }, reference);
		expect(chips.map((c) => [c.dimension, c.value, c.dimensionLabel, c.valueLabel])).toEqual([
			['reaches', 'cluster', 'Reach', 'Cluster (2–4 councils)'],
			['inYear', '2016', 'In operation in', '2016']
		]);
		expect(chips[1].removeLabel).toBe('Remove filter: In operation in 2016');
		expect(activeFilterChips({ ...emptyFilters(), inYear: null }, reference)).toEqual([]);
	});
});

describe('helpers', () => {
	it('lists distinct regions alphabetically', () => {
		expect(regionsOf(reference)).toEqual(['Northern Alliance', 'Tayside']);
		expect(regionsOf(undefined)).toEqual([]);
	});

	it('labels types, including a missing one', () => {
		expect(typeLabel('joint_provision', reference)).toBe('Joint provision');
		expect(typeLabel(null, reference)).toBe('Type not stated');
	});

	it('tells the two source kinds apart in short form', () => {
		expect(sourceKindShortLabel('report')).toBe('Report');
		expect(sourceKindShortLabel('public_record')).toBe('Public record');
	});
});

describe('dates people can trust', () => {
	it('marks a source more than five years old, and only then', async () => {
		const { staleSourceYear } = await import('../../src/lib/components/filter-labels');
		expect(staleSourceYear(2007, 2025)).toBe(2007);
		expect(staleSourceYear(2019, 2025)).toBe(2019);
		expect(staleSourceYear(2020, 2025)).toBeUndefined();
		expect(staleSourceYear(null, 2025)).toBeUndefined();
	});
});
