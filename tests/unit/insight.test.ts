import { describe, expect, it } from 'vitest';
import {
	gridMove,
	jaccard,
	opportunityCsvRows,
	OPPORTUNITY_CSV_COLUMNS,
	orderByRegion,
	orderBySimilarity,
	rankOpportunities,
	relationLabel,
	sourceText,
	splitComparison,
	type MatrixCouncil,
	type OpportunityRow
} from '../../src/lib/data/insight';
import { toCsv } from '../../src/lib/export/csv';
import {
	CODED_DIMENSIONS,
	emptyFilters,
	filtersFromParams,
	filtersToParams,
	MASKED_DIMENSIONS,
	SqlParams,
	whereClause,
	type FilterCodes
} from '../../src/lib/data/filters';

const row = (patch: Partial<OpportunityRow>): OpportunityRow => ({
	code: 'S1',
	name: 'Alpha',
	region: 'North',
	is_neighbour: false,
	same_region: true,
	already_shared: 0,
	activity_id: 'a',
	activity_name: 'A',
	council_count: 2,
	reach: 'cluster',
	status: 'operational',
	spectrum_level: null,
	service_areas: 'Roads',
	source_kind: 'report',
	source_quote: 'quote',
	source_id: 'is-2020-research-report',
	source_locator: 'Case Study 1',
	source_title: 'Collaborative Working Research Report',
	source_publisher: 'Improvement Service',
	source_year: 2020,
	source_type: 'report',
	source_url: null,
	...patch
});

describe('rankOpportunities', () => {
	it('puts neighbours first, then more activities, then the existing relationship, then name', () => {
		const ranked = rankOpportunities([
			row({ code: 'R', name: 'Region-only', activity_id: 'r1' }),
			row({ code: 'R', name: 'Region-only', activity_id: 'r2' }),
			row({ code: 'R', name: 'Region-only', activity_id: 'r3' }),
			row({ code: 'N1', name: 'Neighbour one', is_neighbour: true, activity_id: 'x' }),
			row({ code: 'N2', name: 'Neighbour two', is_neighbour: true, already_shared: 3, activity_id: 'y' }),
			row({ code: 'N3', name: 'Neighbour three', is_neighbour: true, activity_id: 'p' }),
			row({ code: 'N3', name: 'Neighbour three', is_neighbour: true, activity_id: 'q' }),
			row({ code: 'N0', name: 'Aardvark', is_neighbour: true, activity_id: 'z' })
		]);
		expect(ranked.map((o) => [o.rank, o.code, o.activities.length])).toEqual([
			[1, 'N3', 2],
			[2, 'N2', 1],
			[3, 'N0', 1],
			[4, 'N1', 1],
			[5, 'R', 3]
		]);
	});

	it('lists each activity once, by name', () => {
		const [only] = rankOpportunities([
			row({ activity_id: 'b', activity_name: 'Beta' }),
			row({ activity_id: 'a', activity_name: 'Alpha' }),
			row({ activity_id: 'b', activity_name: 'Beta' })
		]);
		expect(only.activities.map((a) => a.activity_name)).toEqual(['Alpha', 'Beta']);
	});

	it('says how a candidate relates and where each activity comes from', () => {
		expect(relationLabel({ isNeighbour: true, sameRegion: true })).toBe('Neighbour, same region');
		expect(relationLabel({ isNeighbour: true, sameRegion: false })).toBe('Neighbour');
		expect(relationLabel({ isNeighbour: false, sameRegion: true })).toBe('Same region');
		const cite = (patch: Partial<OpportunityRow>) => rankOpportunities([row(patch)])[0].activities[0];
		expect(sourceText(cite({}))).toBe('Collaborative Working Research Report (Improvement Service, 2020), Case Study 1: “quote”');
		const order = cite({
			source_kind: 'public_record',
			source_quote: null,
			source_id: 'ssi-2005-622',
			source_locator: 'Schedule 1',
			source_title: 'An Order 2005',
			source_publisher: 'Scottish Ministers',
			source_year: 2005,
			source_type: 'legislation'
		});
		expect(sourceText(order)).toBe('Public record: An Order 2005 (SSI 2005/622), Schedule 1');
	});

	it('exports one CSV row per activity with its source, neutralising formulas', () => {
		const ranked = rankOpportunities([row({ source_quote: '=HYPERLINK("x")', spectrum_level: 'integrate' })]);
		const csv = toCsv(opportunityCsvRows(ranked, 'Bravo', 'Roads'), OPPORTUNITY_CSV_COLUMNS);
		const [header, line] = csv.trim().split('\r\n');
		expect(header.split(',')).toContain('Source quote');
		expect(line).toContain(`'=HYPERLINK(""x"")`);
		expect(line.startsWith('1,Bravo,Roads,Alpha,S1,North,Same region,1,0,A,a,2,operational,integrate,Published report,')).toBe(true);
		expect(line).toContain('"Collaborative Working Research Report (Improvement Service, 2020), Case Study 1"');
		expect(line).not.toMatch(/\.txt/);
	});
});

describe('matrix ordering', () => {
	const councils: MatrixCouncil[] = [
		{ code: 'A', name: 'Angus', region: 'Tayside', activities: 2 },
		{ code: 'B', name: 'Borders', region: 'South East', activities: 2 },
		{ code: 'C', name: 'Clacks', region: 'Forth', activities: 3 },
		{ code: 'D', name: 'Dundee', region: 'Tayside', activities: 2 },
		{ code: 'E', name: 'East Lothian', region: 'South East', activities: 2 },
		{ code: 'Z', name: 'Zetland', region: 'North', activities: 0 }
	];
	const pairs = [
		{ a: 'A', b: 'D', shared: 2 },
		{ a: 'B', b: 'E', shared: 1 },
		{ a: 'C', b: 'E', shared: 1 },
		{ a: 'A', b: 'C', shared: 1 }
	];

	it('measures similarity as shared over the union', () => {
		expect(jaccard(2, 2, 2)).toBe(1);
		expect(jaccard(1, 3, 2)).toBe(0.25);
		expect(jaccard(0, 0, 0)).toBe(0);
	});

	it('groups by region, then name', () => {
		expect(orderByRegion(councils)).toEqual(['C', 'Z', 'B', 'E', 'A', 'D']);
	});

	it('chains each council to its most similar unplaced one, starting from the strongest', () => {
		// Strength: A 3, C 2, D 2, E 2, B 1. A → D (1.0); D has nothing left → strongest left, C;
		// C → E (0.25) beats C → nothing else; E → B (1/3); then the isolated Zetland.
		expect(orderBySimilarity(councils, pairs)).toEqual(['A', 'D', 'C', 'E', 'B', 'Z']);
	});

	it('is a permutation even with no pairs at all', () => {
		expect(orderBySimilarity(councils, []).sort()).toEqual(['A', 'B', 'C', 'D', 'E', 'Z']);
	});
});

describe('grid keyboard moves', () => {
	const size = { rows: 32, cols: 32 };
	it.each([
		['ArrowRight', { row: 0, col: 0 }, { row: 0, col: 1 }],
		['ArrowLeft', { row: 0, col: 0 }, { row: 0, col: 0 }],
		['ArrowDown', { row: 31, col: 4 }, { row: 31, col: 4 }],
		['ArrowUp', { row: 3, col: 4 }, { row: 2, col: 4 }],
		['Home', { row: 3, col: 4 }, { row: 3, col: 0 }],
		['End', { row: 3, col: 4 }, { row: 3, col: 31 }],
		['PageDown', { row: 30, col: 4 }, { row: 31, col: 4 }]
	] as const)('%s from %j goes to %j', (key, from, to) => {
		expect(gridMove(key, from, size)).toEqual(to);
	});

	it('jumps to the corners with Ctrl+Home/End and ignores other keys', () => {
		expect(gridMove('Home', { row: 5, col: 5 }, size, true)).toEqual({ row: 0, col: 0 });
		expect(gridMove('End', { row: 5, col: 5 }, size, true)).toEqual({ row: 31, col: 31 });
		expect(gridMove('a', { row: 5, col: 5 }, size)).toBeUndefined();
	});
});

describe('comparison split', () => {
	it('separates shared, only-A and only-B activities', () => {
		const base = { name: '', reach: 'cluster', spectrum_level: null };
		const split = splitComparison([
			{ ...base, id: 's', in_a: true, in_b: true },
			{ ...base, id: 'a', in_a: true, in_b: false },
			{ ...base, id: 'b', in_a: false, in_b: true }
		]);
		expect([split.shared, split.onlyA, split.onlyB].map((list) => list.map((r) => r.id))).toEqual([['s'], ['a'], ['b']]);
	});
});

describe('spectrum filter dimension', () => {
	it('round-trips through the URL, including "not derivable"', () => {
		const filters = { ...emptyFilters(), spectrumLevels: ['integrate', 'none'] };
		const params = filtersToParams(filters);
		expect(params.getAll('spectrum')).toEqual(['integrate', 'none']);
		expect(filtersFromParams(new URLSearchParams(params.toString()))).toEqual(filters);
	});

	it('binds levels as parameters and matches a missing level as "none"', () => {
		// activity_facts codes a missing level as 'none' (schema.ts); the filter binds the levels' codes.
		const codes: FilterCodes = {
			codes: Object.fromEntries(CODED_DIMENSIONS.map((d) => [d, new Map<string, number>()])) as FilterCodes['codes'],
			masks: Object.fromEntries(MASKED_DIMENSIONS.map((d) => [d, new Map<string, bigint>()])) as FilterCodes['masks']
		};
		codes.codes.spectrumLevels.set('collaborate', 1).set('integrate', 2).set('none', 3);
		const params = new SqlParams();
		const sql = whereClause({ ...emptyFilters(), spectrumLevels: ['integrate', 'none'] }, codes, params);
		expect(sql).toContain('f.spectrum_code');
		expect(sql).not.toContain('integrate');
		expect(params.values).toContain('2,3');
		expect(params.values).not.toContain('integrate');
	});
});

describe('spectrum filter chips', () => {
	it('read as the report’s headings, and "Not derivable"', async () => {
		const { valueLabel, DIMENSION_LABELS } = await import('../../src/lib/components/filter-labels');
		expect(DIMENSION_LABELS.spectrumLevels).toBe('Spectrum level');
		expect(valueLabel('spectrumLevels', 'coordinate')).toBe('Co-ordinate');
		expect(valueLabel('spectrumLevels', 'none')).toBe('Not derivable');
	});
});
