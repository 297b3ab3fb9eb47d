import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { csvParse } from 'd3-dsv';
import {
	CouncilMatcher,
	VocabularyMatcher,
	guessPartnerType,
	looksLikeFormula,
	parsePartner,
	parseYear,
	statusMatcher
} from '../../src/lib/import/match';
import { guessMapping } from '../../src/lib/import/fields';
import { slugify, validateRows, type Correction, type ImportReference, type ImportTable } from '../../src/lib/import/validate';

const read = (file: string) => csvParse(fs.readFileSync(file, 'utf8'));
const reference: ImportReference = {
	councils: read('data/councils.csv') as unknown as ImportReference['councils'],
	serviceAreas: read('data/service_areas.csv') as unknown as ImportReference['serviceAreas'],
	types: read('data/collaborative_types.csv') as unknown as ImportReference['types']
};

describe('council names', () => {
	const councils = new CouncilMatcher(reference.councils);
	const resolved = (text: string) => councils.resolve(text);

	it('knows official names, in any case and with or without "Council"', () => {
		expect(resolved('Fife')).toMatchObject({ kind: 'exact', value: { name: 'Fife' } });
		expect(resolved('fife council')).toMatchObject({ kind: 'exact', value: { name: 'Fife' } });
		expect(resolved('Perth & Kinross')).toMatchObject({ kind: 'exact', value: { name: 'Perth and Kinross' } });
	});

	it.each([
		['Western Isles', 'Na h-Eileanan Siar'],
		['Edinburgh', 'City of Edinburgh'],
		['Comhairle nan Eilean Siar', 'Na h-Eileanan Siar'],
		['S12000049', 'Glasgow City']
	])('reads the alias %s as %s', (alias, name) => {
		expect(resolved(alias)).toMatchObject({ kind: 'alias', via: 'alias', value: { name } });
	});

	it.each([
		['Aberdeenshre', ['Aberdeenshire']],
		['Edinbrugh', ['City of Edinburgh']],
		['Glasgow Cty', ['Glasgow City']],
		['Ayrshire', ['East Ayrshire', 'North Ayrshire', 'South Ayrshire']],
		['Lanarkshire', ['North Lanarkshire', 'South Lanarkshire']]
	])('suggests for the unknown %s', (typo, names) => {
		const result = resolved(typo);
		expect(result.kind).toBe('unknown');
		if (result.kind === 'unknown') expect(result.suggestions.map((c) => c.name).sort()).toEqual(names);
	});

	it('suggests nothing for a place that is not a Scottish council', () => {
		expect(resolved('Cumbria')).toEqual({ kind: 'unknown', suggestions: [] });
	});

	it('applies a correction the user accepted', () => {
		const corrected = new CouncilMatcher(reference.councils, new Map([['aberdeenshre', 'Aberdeenshire']]));
		expect(corrected.resolve(' Aberdeenshre ')).toMatchObject({ kind: 'alias', via: 'correction', value: { name: 'Aberdeenshire' } });
	});

	it('recognises the ways of saying every council', () => {
		for (const text of ['ALL', 'All councils', 'all 32 councils', 'All Scottish councils', 'All local authorities']) expect(councils.isAll(text)).toBe(true);
		expect(councils.isAll('All Ayrshire councils')).toBe(false);
	});
});

describe('service areas, types and statuses', () => {
	const areas = new VocabularyMatcher(reference.serviceAreas);
	const types = new VocabularyMatcher(reference.types);

	it('match on label, short label or id, whatever the case', () => {
		for (const text of ['Transport & Highways', 'transport & highways', 'Transport and highways', 'transport_highways'])
			expect(areas.resolve(text)).toMatchObject({ kind: 'exact', value: { id: 'transport_highways' } });
		expect(areas.resolve('ICT & digital')).toMatchObject({ value: { id: 'ict_digital' } });
		expect(areas.resolve('Comm. Safety (inc Fire)')).toMatchObject({ value: { id: 'community_safety' } });
		expect(types.resolve('JOINT PROVISION')).toMatchObject({ kind: 'exact', value: { id: 'joint_provision' } });
		expect(types.resolve('Emergency / out of hours')).toMatchObject({ kind: 'exact', value: { id: 'emergency_out_of_hours' } });
	});

	it('suggest for typos and for single words of a longer label', () => {
		const typo = areas.resolve('Procurment');
		expect(typo).toMatchObject({ kind: 'unknown', suggestions: [{ id: 'procurement' }] });
		const word = areas.resolve('Waste');
		expect(word.kind).toBe('unknown');
		if (word.kind === 'unknown') expect(word.suggestions.map((a) => a.id)).toContain('environment_waste_regulatory');
		expect(types.resolve('Colocation')).toMatchObject({ kind: 'unknown', suggestions: [{ id: 'co_location' }] });
	});

	it('read the words returns use for status', () => {
		const statuses = statusMatcher();
		const id = (text: string) => {
			const r = statuses.resolve(text);
			return r.kind === 'unknown' ? undefined : r.value.id;
		};
		expect(['Live', 'Operational', 'in operation', 'Ongoing'].map(id)).toEqual(['operational', 'operational', 'operational', 'operational']);
		expect(['In development', 'Pilot'].map(id)).toEqual(['developing', 'developing']);
		expect(['Planned', 'Under consideration'].map(id)).toEqual(['proposed', 'proposed']);
		expect(['Ceased', 'Discontinued'].map(id)).toEqual(['ended', 'ended']);
		expect(['N/A', 'TBC', 'Status unknown'].map(id)).toEqual(['unknown', 'unknown', 'unknown']);
		expect(statuses.resolve('Operatonal')).toMatchObject({ kind: 'unknown', suggestions: [{ id: 'operational' }] });
	});
});

describe('small readers', () => {
	it.each([
		['2014', '2014', false],
		['2014.0', '2014', false],
		['2014/15', '2014', true],
		['2014-2015', '2014', true],
		['2019-03-01', '2019', false],
		['2019-03-01T00:00:00.000Z', '2019', false],
		['01/03/2019', '2019', true],
		['', '', false]
	])('reads the year in %s', (text, year, noted) => {
		const reading = parseYear(text);
		expect(reading).toMatchObject({ year });
		expect('note' in reading && Boolean(reading.note)).toBe(noted);
	});

	it.each(['next year', '14', '3014', '1899', '20144', '43525'])('refuses %s as a year', (text) => {
		expect(parseYear(text)).toHaveProperty('error');
	});

	it('reads partner types given after a bar, in brackets, or from the name', () => {
		expect(parsePartner('NHS Fife|nhs')).toEqual({ name: 'NHS Fife', type: 'nhs', guessed: false });
		expect(parsePartner('Police Scotland (Police)')).toEqual({ name: 'Police Scotland', type: 'police', guessed: false });
		expect(parsePartner('Voluntary Action Fife (third sector)')).toMatchObject({ type: 'third_sector', guessed: false });
		expect(parsePartner('University of Strathclyde (Glasgow)')).toMatchObject({ name: 'University of Strathclyde (Glasgow)', guessed: true });
		expect(parsePartner('NHS Fife|hospital')).toMatchObject({ name: 'NHS Fife', type: 'nhs', guessed: true, unknownType: 'hospital' });
		expect(['NHS Lothian', 'Scottish Fire and Rescue Service', 'Scottish Government', 'Amey Ltd', 'Fife Carers Trust', 'Skills Development Scotland', 'Tay Cities Region'].map(guessPartnerType)).toEqual([
			'nhs',
			'fire',
			'scottish_government',
			'private',
			'third_sector',
			'national_body',
			'other_public'
		]);
	});

	it('spots text a spreadsheet would run as a formula', () => {
		for (const text of ['=SUM(A1:A3)', '+1', '@cmd', ' =HYPERLINK("x")', '＝1']) expect(looksLikeFormula(text)).toBe(true);
		for (const text of ['Fife', '-', '2014', 'a=b', 'Email: x@y.z']) expect(looksLikeFormula(text)).toBe(false);
	});

	it('makes id slugs the dataset accepts', () => {
		expect(slugify('Ayrshire Roads Alliance')).toBe('ayrshire-roads-alliance');
		expect(slugify('  Tayside Procurement Consortium (TPC) ')).toBe('tayside-procurement-consortium-tpc');
		expect(slugify('Glasgow & Clyde Valley — Green Network')).toBe('glasgow-and-clyde-valley-green-network');
		expect(slugify('Comhairle nan Eilean Siar: Sgoil Àraich')).toBe('comhairle-nan-eilean-siar-sgoil-araich');
		expect(slugify('???')).toBe('activity');
		expect(slugify('x'.repeat(100))).toHaveLength(60);
	});
});

const HEADERS = ['Activity', 'Councils', 'Lead', 'Partners', 'Service area', 'Type', 'Status', 'Start', 'Summary', 'Note'];

function table(rows: string[][], extra: Partial<ImportTable> = {}): ImportTable {
	return {
		fileName: 'survey.csv',
		format: 'csv',
		headerLine: 1,
		headers: HEADERS,
		rows: rows.map((cells, i) => ({ line: i + 2, cells })),
		formulas: [],
		...extra
	};
}

const validate = (rows: string[][], corrections: Correction[] = [], extra: Partial<ImportTable> = {}) =>
	validateRows(table(rows, extra), guessMapping(HEADERS), reference, { corrections, defaultReportedYear: 2026 });

describe('validating rows', () => {
	it('turns good rows into source rows in the dataset’s shape', () => {
		const result = validate([
			['Ayrshire Roads Alliance', 'East Ayrshire; South Ayrshire', 'East Ayrshire', 'Transport Scotland', 'Transport & highways', 'Joint provision', 'Live', '2014', 'Shared roads service.', ''],
			['Tayside Procurement', 'Angus, Dundee City and Perth & Kinross', '', '', 'Procurement', '', '', '2009/10', '', ''],
			['National thing', 'ALL', '', 'NHS Fife|nhs; Police Scotland', 'Finance; Legal', 'Training', 'proposed', '', '', '']
		]);
		expect(result).toMatchObject({ total: 3, valid: 3, invalid: 0 });
		expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
		expect(result.rows[0]).toEqual({
			line: 2,
			source: {
				id: 'ayrshire-roads-alliance',
				name: 'Ayrshire Roads Alliance',
				summary: 'Shared roads service.',
				service_areas: 'transport_highways',
				collaborative_type: 'joint_provision',
				delivery_mechanism: '',
				lead_council: 'East Ayrshire',
				start_year: '2014',
				end_year: '',
				status: 'operational',
				reported_year: '2026',
				councils: 'East Ayrshire;South Ayrshire',
				councils_note: '',
				partners: 'Transport Scotland|national_body',
				benefits: '',
				savings: '',
				source_kind: 'imported',
				source_id: 'imported-file',
				source_locator: 'Row 2',
				source_quote: '',
				spectrum_level: ''
			}
		});
		expect(result.rows[1].source).toMatchObject({ councils: 'Angus;Dundee City;Perth and Kinross', start_year: '2009', status: 'unknown' });
		expect(result.rows[2].source).toMatchObject({ councils: 'ALL', partners: 'NHS Fife|nhs;Police Scotland|police', service_areas: 'finance;legal' });
		// "2009/10" is read, and the reading is shown.
		expect(result.problems).toContainEqual(expect.objectContaining({ line: 3, field: 'start_year', severity: 'warning' }));
	});

	it('refuses a row too long for the query engine with a short message naming its longest cell', () => {
		const huge = 'x'.repeat(2_500_000);
		const result = validate([
			['Fine', 'Fife', '', '', 'Finance', '', '', '', 'Short.', ''],
			['Too long', 'Fife', '', '', 'Finance', '', '', '', huge, '']
		]);
		expect(result).toMatchObject({ total: 2, valid: 1, invalid: 1 });
		const [problem] = result.problems.filter((p) => p.line === 3);
		expect(problem).toMatchObject({ severity: 'error', field: 'summary' });
		expect(problem.message).toContain('2.5 MB');
		expect(problem.message.length).toBeLessThan(200);
	});

	it('counts bytes, not characters: a row of 400,000 three-byte characters is over the limit', () => {
		const result = validate([['Wide', 'Fife', '', '', 'Finance', '', '', '', '€'.repeat(400_000), '']]);
		expect(result.invalid).toBe(1);
		expect(validate([['Narrow', 'Fife', '', '', 'Finance', '', '', '', 'x'.repeat(900_000), '']]).valid).toBe(1);
	});

	it('reports unknown councils with suggestions, on the right row, and leaves those rows out', () => {
		const result = validate([
			['Good', 'Fife', '', '', 'Legal', '', '', '', '', ''],
			['Typo', 'Aberdeenshre; Moray', '', '', 'Legal', '', '', '', '', ''],
			['Elsewhere', 'Cumbria', '', '', 'Legal', '', '', '', '', '']
		]);
		expect(result).toMatchObject({ total: 3, valid: 1, invalid: 2 });
		const typo = result.problems.find((p) => p.line === 3)!;
		expect(typo).toMatchObject({ field: 'councils', severity: 'error', message: 'Unknown council “Aberdeenshre”.' });
		expect(typo.suggestions).toEqual([{ kind: 'council', from: 'Aberdeenshre', to: 'Aberdeenshire', label: 'Aberdeenshire' }]);
		expect(result.problems.find((p) => p.line === 4)).toMatchObject({ message: 'Unknown council “Cumbria”.' });
		expect(result.problems.find((p) => p.line === 4)?.suggestions).toBeUndefined();
	});

	it('imports a row once its suggestion is accepted, for every row with the same text', () => {
		const rows = [
			['Typo one', 'Aberdeenshre; Moray', '', '', 'Legal', '', '', '', '', ''],
			['Typo two', 'aberdeenshre', '', '', 'Legal', '', '', '', '', '']
		];
		const before = validate(rows);
		const fix = before.problems[0].suggestions![0];
		const after = validate(rows, [fix]);
		expect(after).toMatchObject({ valid: 2, invalid: 0 });
		expect(after.rows.map((r) => r.source.councils)).toEqual(['Aberdeenshire;Moray', 'Aberdeenshire']);
	});

	it('reads known aliases without stopping the row, and says so', () => {
		const result = validate([['Isles', 'Western Isles, Edinburgh', '', '', '', '', '', '', '', '']]);
		expect(result.valid).toBe(1);
		expect(result.rows[0].source.councils).toBe('Na h-Eileanan Siar;City of Edinburgh');
		expect(result.problems.map((p) => p.message)).toEqual(expect.arrayContaining(['“Western Isles” read as Na h-Eileanan Siar.', '“Edinburgh” read as City of Edinburgh.']));
		expect(result.problems.every((p) => p.severity === 'warning')).toBe(true);
	});

	it('requires a name, and councils or a note', () => {
		const result = validate([
			['', 'Fife', '', '', '', '', '', '', '', ''],
			['No members', '', '', '', '', '', '', '', '', ''],
			['Members not named', '', '', '', '', '', '', '', '', 'The report names the group but not its members']
		]);
		expect(result).toMatchObject({ total: 3, valid: 1 });
		expect(result.problems).toContainEqual(expect.objectContaining({ line: 2, field: 'name', severity: 'error', message: 'The activity name is empty.' }));
		expect(result.problems).toContainEqual(expect.objectContaining({ line: 3, field: 'councils', severity: 'error' }));
		expect(result.rows[0].source).toMatchObject({ councils: '', councils_note: 'The report names the group but not its members' });
	});

	it('reports unknown service areas, types and statuses with suggestions, and bad years', () => {
		const result = validate([['Row', 'Fife', '', '', 'Procurment', 'Co-locaton', 'Operatonal', 'next year', '', '']]);
		expect(result.valid).toBe(0);
		const byField = Object.fromEntries(result.problems.map((p) => [p.field, p]));
		expect(byField.service_areas.suggestions?.[0]).toMatchObject({ kind: 'service_area', to: 'procurement' });
		expect(byField.collaborative_type.suggestions?.[0]).toMatchObject({ kind: 'type', to: 'co_location' });
		expect(byField.status.suggestions?.[0]).toMatchObject({ kind: 'status', to: 'operational' });
		expect(byField.start_year.message).toBe('Start year: “next year” is not a year (four digits between 1900 and 2099).');
	});

	it('reports an unknown lead council and one outside the members', () => {
		const result = validate([
			['A', 'Fife', 'Fyfe', '', '', '', '', '', '', ''],
			['B', 'Fife; Angus', 'Moray', '', '', '', '', '', '', '']
		]);
		expect(result.problems).toContainEqual(expect.objectContaining({ line: 2, field: 'lead_council', severity: 'error' }));
		expect(result.problems).toContainEqual(expect.objectContaining({ line: 3, field: 'lead_council', severity: 'warning' }));
		expect(result.rows.map((r) => r.source.lead_council)).toEqual(['Moray']);
	});

	it('reports a duplicate against the row it repeats, whatever the order of councils', () => {
		const result = validate([
			['Shared HR', 'Fife; Angus', '', '', '', '', '', '', '', ''],
			['Shared HR', 'Angus, Fife', '', '', '', '', '', '', '', ''],
			['Shared HR', 'Moray', '', '', '', '', '', '', '', '']
		]);
		expect(result).toMatchObject({ valid: 2, invalid: 1 });
		expect(result.problems).toContainEqual(expect.objectContaining({ line: 3, message: 'Duplicate of row 2: the same activity name and councils.' }));
		// Same name, different councils: two activities with distinct ids.
		expect(result.rows.map((r) => r.source.id)).toEqual(['shared-hr', 'shared-hr-2']);
	});

	it('refuses formula text in CSV cells', () => {
		const result = validate([
			['=HYPERLINK("http://example.test","Roads")', 'Fife', '', '', '', '', '', '', '', ''],
			['Fine', '+Fife', '', '', '', '', '', '@SUM(1)', '', '']
		]);
		expect(result.valid).toBe(0);
		expect(result.problems.filter((p) => /looks like a spreadsheet formula/.test(p.message)).map((p) => [p.line, p.field])).toEqual([
			[2, 'name'],
			[3, 'councils'],
			[3, 'start_year']
		]);
	});

	it('uses a workbook formula’s saved result but refuses one with none', () => {
		const result = validate(
			[
				['Cached', 'Fife', '', '', '', '', '', '2014', '', ''],
				['Not cached', 'Fife', '', '', '', '', '', '', '', '']
			],
			[],
			{
				format: 'xlsx',
				formulas: [
					{ line: 2, column: 7, ref: 'H2', formula: '2010+4', cached: true },
					{ line: 3, column: 7, ref: 'H3', formula: 'YEAR(TODAY())', cached: false }
				]
			}
		);
		expect(result.valid).toBe(1);
		expect(result.rows[0].source.start_year).toBe('2014');
		expect(result.problems).toContainEqual(expect.objectContaining({ line: 2, severity: 'warning', field: 'start_year' }));
		expect(result.problems).toContainEqual(
			expect.objectContaining({ line: 3, severity: 'error', message: expect.stringContaining('Cell H3 is a formula (“=YEAR(TODAY())”) with no saved result') })
		);
	});

	it('skips blank rows without counting them, and keeps spreadsheet row numbers', () => {
		const result = validate([
			['', '', '', '', '', '', '', '', '', ''],
			['Only', 'Nowhere', '', '', '', '', '', '', '', '']
		]);
		expect(result.total).toBe(1);
		expect(result.problems[0].line).toBe(3);
	});

	it('cleans control characters and runs of whitespace out of text', () => {
		const result = validate([['  Shared\u0000 legal\n\tservice ', 'Fife', '', '', '', '', '', '', 'Line one\r\nline two', '']]);
		expect(result.rows[0].source).toMatchObject({ name: 'Shared legal service', summary: 'Line one line two' });
	});
});
