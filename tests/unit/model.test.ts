import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { csvParse } from 'd3-dsv';
import { councilLookup, deriveReach, normaliseWhitespace, parsePartners, resolveCouncil } from '../../src/lib/data/model';

const councils = csvParse(fs.readFileSync('data/councils.csv', 'utf8')) as unknown as Parameters<typeof councilLookup>[0];

describe('deriveReach', () => {
	it('follows the documented thresholds', () => {
		expect([0, 1, 2, 4, 5, 23, 24, 32].map(deriveReach)).toEqual([
			'unspecified',
			'single',
			'cluster',
			'cluster',
			'regional',
			'regional',
			'national',
			'national'
		]);
	});
});

describe('council names', () => {
	const lookup = councilLookup(councils);
	it.each([
		['Western Isles', 'Na h-Eileanan Siar'],
		['Eilean Siar', 'Na h-Eileanan Siar'],
		['Edinburgh', 'City of Edinburgh'],
		['Perth & Kinross', 'Perth and Kinross'],
		['PKC', 'Perth and Kinross'],
		['Argyll & Bute', 'Argyll and Bute'],
		['glasgow city council', 'Glasgow City'],
		['S12000046', 'Glasgow City'],
		['S12000049', 'Glasgow City']
	])('resolves %s to %s', (alias, name) => {
		expect(resolveCouncil(alias, lookup)?.name).toBe(name);
	});

	it('does not guess at names it does not know', () => {
		expect(resolveCouncil('Cumbria', lookup)).toBeUndefined();
	});
});

describe('small parsers', () => {
	it('splits partners into name and type', () => {
		expect(parsePartners('NHS Ayrshire & Arran|nhs; Police Scotland|police')).toEqual([
			{ name: 'NHS Ayrshire & Arran', type: 'nhs' },
			{ name: 'Police Scotland', type: 'police' }
		]);
	});
	it('collapses whitespace for quote checks', () => {
		expect(normaliseWhitespace(' a\t b\n\nc ')).toBe('a b c');
	});
});
