/**
 * The service names officers type, read as the dataset's service areas, and the choice of every
 * allowed value offered for anything that still matches nothing.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { csvParse } from 'd3-dsv';
import { SERVICE_AREA_SYNONYMS, TYPE_SYNONYMS, VocabularyMatcher, labelKey } from '../../src/lib/import/match';
import { guessMapping } from '../../src/lib/import/fields';
import { allowedChoices, validateRows, type ImportReference, type ImportTable } from '../../src/lib/import/validate';

const read = (file: string) => csvParse(fs.readFileSync(file, 'utf8'));
const reference: ImportReference = {
	councils: read('data/councils.csv') as unknown as ImportReference['councils'],
	serviceAreas: read('data/service_areas.csv') as unknown as ImportReference['serviceAreas'],
	types: read('data/collaborative_types.csv') as unknown as ImportReference['types']
};
const areas = new VocabularyMatcher(reference.serviceAreas, new Map(), SERVICE_AREA_SYNONYMS);
const types = new VocabularyMatcher(reference.types, new Map(), TYPE_SYNONYMS);
const areaOf = (text: string) => {
	const resolved = areas.resolve(text);
	return resolved.kind === 'unknown' ? undefined : resolved.value.id;
};

const HEADERS = ['Activity name', 'Participating councils', 'Service areas', 'Collaborative type', 'Status', 'Lead council'];
function table(rows: string[][]): ImportTable {
	return { fileName: 't.csv', format: 'csv', headerLine: 1, headers: HEADERS, rows: rows.map((cells, i) => ({ line: i + 2, cells })), formulas: [] };
}
const validate = (rows: string[][], corrections = []) =>
	validateRows(table(rows), guessMapping(HEADERS), reference, { defaultReportedYear: 2025, corrections });

describe('service names officers use', () => {
	it('map only to service areas the dataset has', () => {
		const ids = new Set(reference.serviceAreas.map((a) => a.id));
		for (const id of Object.keys(SERVICE_AREA_SYNONYMS)) expect(ids, id).toContain(id);
		const typeIds = new Set(reference.types.map((t) => t.id));
		for (const id of Object.keys(TYPE_SYNONYMS)) expect(typeIds, id).toContain(id);
	});

	it('each resolve to the area they are listed under, none taken by another area first', () => {
		for (const [id, words] of Object.entries(SERVICE_AREA_SYNONYMS))
			for (const word of words) expect(areaOf(word), `“${word}”`).toBe(id);
		for (const [id, words] of Object.entries(TYPE_SYNONYMS))
			for (const word of words) {
				const resolved = types.resolve(word);
				expect(resolved.kind === 'unknown' ? undefined : resolved.value.id, `“${word}”`).toBe(id);
			}
	});

	it.each([
		['Roads', 'transport_highways'],
		['ROADS', 'transport_highways'],
		['Roads & Transport', 'transport_highways'],
		['Trading Standards', 'environment_waste_regulatory'],
		['Flooding', 'environment_waste_regulatory'],
		['Flood risk', 'environment_waste_regulatory'],
		['Libraries', 'library'],
		['Waste', 'environment_waste_regulatory'],
		['Refuse', 'environment_waste_regulatory'],
		['Bins', 'environment_waste_regulatory'],
		['Planning', 'planning_building_control'],
		['Building Standards', 'planning_building_control'],
		['Human Resources', 'hr'],
		['Payroll', 'hr'],
		['IT', 'ict_digital'],
		['ICT', 'ict_digital'],
		['Procurement', 'procurement'],
		['Purchasing', 'procurement'],
		['Social Work', 'health_social_care'],
		['Education', 'education_learning'],
		['Schools', 'education_learning'],
		['Legal Services', 'legal'],
		['Internal Audit', 'democracy_governance'],
		['Audit', 'democracy_governance'],
		['Children’s Services', 'children_young_people']
	])('“%s” is %s', (text, id) => {
		expect(areaOf(text)).toBe(id);
	});

	it('reads “Environmental Health” as the environmental and regulatory area, never Health & Social Care', () => {
		expect(areas.resolve('Environmental Health')).toMatchObject({ kind: 'exact', value: { id: 'environment_waste_regulatory' } });
		expect(areaOf('environmental health')).not.toBe('health_social_care');
		// Without the synonyms it matched nothing and the nearest suggestion was Health & Social Care: the bug.
		const plain = new VocabularyMatcher(reference.serviceAreas).resolve('Environmental Health');
		expect(plain.kind).toBe('unknown');
	});

	it('lets the real return’s five stranded rows through validation', () => {
		const result = validate([
			['Ayrshire roads', 'East Ayrshire; South Ayrshire', 'Roads', '', '', ''],
			['Road safety', 'Fife; Falkirk', 'roads', '', '', ''],
			['Tayside trading standards', 'Angus; Dundee City', 'Trading Standards', '', '', ''],
			['Flood team', 'Perth and Kinross; Angus', 'Flooding', '', '', ''],
			['Library consortium', 'Moray; Highland', 'Libraries', '', '', ''],
			['Environmental health', 'Stirling; Clackmannanshire', 'Environmental Health; Waste & recycling', '', '', '']
		]);
		expect(result.problems.filter((p) => p.severity === 'error')).toEqual([]);
		expect(result.rows.map((r) => r.source.service_areas)).toEqual([
			'transport_highways',
			'transport_highways',
			'environment_waste_regulatory',
			'environment_waste_regulatory',
			'library',
			'environment_waste_regulatory'
		]);
	});
});

describe('values that still match nothing', () => {
	it('each carry what kind of value they are and the typed text, for a list of every allowed value', () => {
		const result = validate([['Gritting', 'Fife; Narnia', 'Snow ploughs', 'Quango', 'sort of', 'Atlantis']]);
		const unmatched = result.problems.filter((p) => p.unmatched).map((p) => [p.field, p.unmatched]);
		expect(unmatched).toEqual([
			['councils', { kind: 'council', from: 'Narnia' }],
			['lead_council', { kind: 'council', from: 'Atlantis' }],
			['service_areas', { kind: 'service_area', from: 'Snow ploughs' }],
			['collaborative_type', { kind: 'type', from: 'Quango' }],
			['status', { kind: 'status', from: 'sort of' }]
		]);
	});

	it('become valid once a value is picked from the list, for every row with the same text', () => {
		const rows = [
			['Gritting', 'Fife', 'Snow ploughs', '', '', ''],
			['Gritting two', 'Falkirk', 'snow ploughs', '', '', '']
		];
		expect(validate(rows).valid).toBe(0);
		const picked = validate(rows, [{ kind: 'service_area', from: 'Snow ploughs', to: 'transport_highways', label: 'Transport & highways' }] as never);
		expect(picked.valid).toBe(2);
		expect(picked.rows.map((r) => r.source.service_areas)).toEqual(['transport_highways', 'transport_highways']);
	});

	it('are offered every allowed value of their kind, readably labelled', () => {
		const choices = allowedChoices(reference);
		expect(choices.council).toHaveLength(32);
		expect(choices.council[0]).toEqual({ value: 'Aberdeen City', label: 'Aberdeen City' });
		expect(choices.service_area).toHaveLength(reference.serviceAreas.length);
		expect(choices.service_area).toContainEqual({ value: 'transport_highways', label: 'Transport & highways' });
		expect(choices.type.map((c) => c.value)).toEqual(reference.types.map((t) => t.id));
		expect(choices.status.map((c) => c.value)).toEqual(['operational', 'developing', 'proposed', 'ended', 'unknown']);
		// Every choice is a value the rules accept: picking one always fixes the value.
		for (const choice of choices.service_area) expect(areas.resolve(choice.value).kind).toBe('exact');
		expect(labelKey('Children’s Services')).toBe('children s services');
	});
});

it('the browser test’s officer-services.csv: six rows read through synonyms, one left for picking by hand', async () => {
	const { readImportFile } = await import('../../src/lib/import/read-file');
	const read = await readImportFile('officer-services.csv', new Uint8Array(fs.readFileSync('tests/fixtures/import/officer-services.csv')));
	const result = validateRows(read.table, guessMapping(read.table.headers), reference, { defaultReportedYear: 2025 });
	expect(result).toMatchObject({ total: 7, valid: 6 });
	expect(result.problems.filter((p) => p.severity === 'error').map((p) => [p.line, p.unmatched])).toEqual([
		[8, { kind: 'council', from: 'Lothian' }],
		[8, { kind: 'service_area', from: 'Snow clearing' }]
	]);
});
