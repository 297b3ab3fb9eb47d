import { describe, expect, it } from 'vitest';
import { containingWords, editDistance, nearest, typoAllowance } from '../../src/lib/import/fuzzy';
import { splitHard, splitKnown, splitPartnersCell, uniqueSegmentation } from '../../src/lib/import/split';
import { FIELDS, findHeaderRow, guessMapping, mappingProblems, normaliseHeader, emptyMapping } from '../../src/lib/import/fields';

describe('editDistance', () => {
	it.each([
		['kitten', 'sitting', 3],
		['', 'abc', 3],
		['abc', '', 3],
		['same', 'same', 0],
		// An adjacent swap is one slip, not two.
		['edinbrugh', 'edinburgh', 1],
		['aberdeenshre', 'aberdeenshire', 1],
		['north lanarkshire', 'south lanarkshire', 2]
	])('%s → %s is %i', (a, b, d) => {
		expect(editDistance(a, b)).toBe(d);
		expect(editDistance(b, a)).toBe(d);
	});

	it('stops early past the limit without under-reporting', () => {
		expect(editDistance('aberdeen', 'shetland islands', 2)).toBeGreaterThan(2);
		expect(editDistance('abc', 'abd', 1)).toBe(1);
	});

	it('allows more slips in longer words, none in very short ones', () => {
		expect(typoAllowance(3)).toBe(0);
		expect(typoAllowance(5)).toBe(1);
		expect(typoAllowance(12)).toBe(2);
		expect(typoAllowance(20)).toBe(3);
	});
});

describe('nearest and containingWords', () => {
	const candidates = [
		{ key: 'east ayrshire', value: 'East Ayrshire' },
		{ key: 'south ayrshire', value: 'South Ayrshire' },
		{ key: 'north ayrshire', value: 'North Ayrshire' },
		{ key: 'fife', value: 'Fife' },
		{ key: 'fife council', value: 'Fife' }
	];

	it('ranks by distance and suggests each value once', () => {
		expect(nearest('sout ayrshire', candidates)).toEqual([{ value: 'South Ayrshire', distance: 1 }]);
		expect(nearest('fife', candidates)).toEqual([{ value: 'Fife', distance: 0 }]);
	});

	it('gives nothing for a name that is nowhere near', () => {
		expect(nearest('cumbria', candidates)).toEqual([]);
	});

	it('finds every candidate containing all the words', () => {
		expect(containingWords('ayrshire', candidates)).toEqual(['East Ayrshire', 'South Ayrshire', 'North Ayrshire']);
		expect(containingWords('south ayrshire', candidates)).toEqual(['South Ayrshire']);
		expect(containingWords('of', candidates)).toEqual([]);
	});
});

describe('splitting multi-valued cells', () => {
	const councils = new Set(['East Ayrshire', 'South Ayrshire', 'Angus', 'Dundee City', 'Fife', 'Perth and Kinross', 'Argyll & Bute', 'Inverclyde']);
	const isCouncil = (text: string) => councils.has(text);
	const split = (cell: string) => splitKnown(cell, isCouncil, { commasAlwaysSeparate: true });

	it('always splits on semicolons and line breaks', () => {
		expect(splitHard(' East Ayrshire ;South Ayrshire;; ')).toEqual(['East Ayrshire', 'South Ayrshire']);
		expect(splitHard('Angus\r\nFife\nInverclyde')).toEqual(['Angus', 'Fife', 'Inverclyde']);
		expect(split('East Ayrshire; South Ayrshire')).toEqual(['East Ayrshire', 'South Ayrshire']);
	});

	it('splits on commas and "and" when every piece is known', () => {
		expect(split('Angus, Dundee City and Fife')).toEqual(['Angus', 'Dundee City', 'Fife']);
		expect(split('Angus & Fife')).toEqual(['Angus', 'Fife']);
	});

	it('keeps names that contain "and" or "&" whole', () => {
		expect(split('Perth and Kinross')).toEqual(['Perth and Kinross']);
		expect(split('Angus and Perth and Kinross')).toEqual(['Angus', 'Perth and Kinross']);
		expect(split('Argyll & Bute and Inverclyde')).toEqual(['Argyll & Bute', 'Inverclyde']);
	});

	it('still splits a comma list with a typo in it, so the typo alone is reported', () => {
		expect(split('East Ayrshire, Sth Ayrshire, Fife')).toEqual(['East Ayrshire', 'Sth Ayrshire', 'Fife']);
	});

	it('does not guess when two ways of splitting both work', () => {
		const ambiguous = new Set(['A', 'B', 'C', 'A and B', 'B and C']);
		expect(uniqueSegmentation('A and B and C', (t) => ambiguous.has(t))).toBeUndefined();
		expect(uniqueSegmentation('A and B', (t) => ambiguous.has(t))).toBeUndefined();
	});

	it('keeps a service-area label with commas in it whole, and does not break unknown text at commas', () => {
		const areas = new Set(['Culture, Arts, Heritage, Tourism', 'Legal']);
		const isArea = (t: string) => areas.has(t);
		expect(splitKnown('Culture, Arts, Heritage, Tourism; Legal', isArea, { commasAlwaysSeparate: false })).toEqual([
			'Culture, Arts, Heritage, Tourism',
			'Legal'
		]);
		expect(splitKnown('Legal, Culture, Arts, Heritage, Tourism', isArea, { commasAlwaysSeparate: false })).toEqual([
			'Legal',
			'Culture, Arts, Heritage, Tourism'
		]);
		expect(splitKnown('Roads, Bridges', isArea, { commasAlwaysSeparate: false })).toEqual(['Roads, Bridges']);
	});

	it('splits partners on semicolons, or on commas when there are none, never on "and"', () => {
		expect(splitPartnersCell('Scottish Fire and Rescue Service; NHS Fife|nhs')).toEqual(['Scottish Fire and Rescue Service', 'NHS Fife|nhs']);
		expect(splitPartnersCell('Police Scotland, NHS Fife')).toEqual(['Police Scotland', 'NHS Fife']);
		expect(splitPartnersCell('')).toEqual([]);
	});
});

describe('guessing the column mapping from headings', () => {
	it('normalises headings', () => {
		expect(normaliseHeader('Council(s)')).toBe('council');
		expect(normaliseHeader('Start date (YYYY)')).toBe('start date');
		expect(normaliseHeader('Lead_council')).toBe('lead council');
		expect(normaliseHeader('Service Area / Category')).toBe('service area category');
	});

	it('maps the headings people use', () => {
		const headers = ['Activity', 'Participating councils', 'Partners', 'Category', 'Type', 'Status', 'Year', 'Lead', 'Delivery mechanism', 'Description'];
		const mapping = guessMapping(headers);
		expect(mapping).toMatchObject({
			name: 0,
			councils: 1,
			partners: 2,
			service_areas: 3,
			collaborative_type: 4,
			status: 5,
			start_year: 6,
			lead_council: 7,
			delivery_mechanism: 8,
			summary: 9
		});
		expect(mapping.councils_note).toBeNull();
	});

	it('tells similar headings apart', () => {
		const mapping = guessMapping(['Name', 'Councils', 'Name of lead council', 'Service area', 'Start', 'Survey year', 'Summary']);
		expect(mapping).toMatchObject({ name: 0, councils: 1, lead_council: 2, service_areas: 3, start_year: 4, reported_year: 5, summary: 6 });
	});

	it('gives each column to one field only, and leaves unknown headings out', () => {
		const mapping = guessMapping(['Council', 'Councils', 'Reach', 'ID']);
		expect(mapping.councils).toBe(0);
		expect(Object.values(mapping).filter((c) => c !== null)).toEqual([0]);
	});

	it('maps the template’s own headings and the dataset’s column names back to every field', () => {
		const labels = guessMapping(FIELDS.map((f) => f.label));
		FIELDS.forEach((field, i) => expect(labels[field.key]).toBe(i));
		const keys = guessMapping(FIELDS.map((f) => f.key));
		FIELDS.forEach((field, i) => expect(keys[field.key]).toBe(i));
	});

	it('reads the activity table’s own CSV export headings', () => {
		const mapping = guessMapping(['ID', 'Activity name', 'Number of councils', 'Councils', 'Reach', 'Collaborative type', 'Delivery mechanism', 'Status', 'Start year', 'Service areas', 'Source kind']);
		expect(mapping).toMatchObject({ name: 1, councils: 3, collaborative_type: 5, delivery_mechanism: 6, status: 7, start_year: 8, service_areas: 9 });
	});

	it('finds the heading row below a title and a blank line', () => {
		const rows = [['Collaboration survey 2024'], [''], ['Name', 'Councils', 'Status'], ['Roads', 'Fife', 'operational']];
		expect(findHeaderRow(rows)).toBe(2);
		expect(findHeaderRow([[''], ['Just one row']])).toBe(1);
		expect(findHeaderRow([[''], ['  ']])).toBe(-1);
	});

	it('says what a mapping lacks', () => {
		expect(mappingProblems(emptyMapping())).toHaveLength(2);
		expect(mappingProblems({ ...emptyMapping(), name: 0, councils_note: 2 })).toEqual([]);
	});
});
