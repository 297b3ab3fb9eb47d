import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { csvParse } from 'd3-dsv';
import { emptyFilters } from '../../src/lib/data/filters';
import { activityDetail, countActivities, dimensionCounts, type AtlasDb } from '../../src/lib/data/queries';
import { councilCounts } from '../helpers/map-queries';
import { TABLE_NAMES, type DatasetFiles } from '../../src/lib/data/schema';
import { REFERENCE_TABLES, buildImportedDataset, referenceFromFiles, type ReferenceFiles } from '../../src/lib/import/build';
import { guessMapping } from '../../src/lib/import/fields';
import { appendDataset } from '../../src/lib/import/append';
import { MAX_ROW_BYTES, validateRows, type ImportTable } from '../../src/lib/import/validate';
import { BUILT_DATA, openBuiltData } from '../helpers/wasm-db';

const dataDir = BUILT_DATA;
const readTable = (table: string) => fs.readFileSync(path.join(dataDir, `${table}.csv`), 'utf8');
const embeddedFiles = () => Object.fromEntries(TABLE_NAMES.map((t) => [t, readTable(t)])) as DatasetFiles;
let reference: ReferenceFiles;
let db: AtlasDb & { close(): void };

beforeAll(async () => {
	db = await openBuiltData();
	reference = Object.fromEntries(REFERENCE_TABLES.map((t) => [t, readTable(t)])) as unknown as ReferenceFiles;
});
afterAll(() => db?.close());

const headers = ['Activity', 'Councils', 'Lead', 'Partners', 'Service area', 'Type', 'Status', 'Start'];
const rows = [
	['Ayrshire Roads Alliance', 'East Ayrshire; South Ayrshire', 'East Ayrshire', 'Transport Scotland', 'Transport & highways', 'Joint provision', 'Live', '2014'],
	['Tayside procurement', 'Angus, Dundee City and Perth & Kinross', '', '', 'Procurement', '', '', '2009'],
	['Everyone’s training', 'ALL', '', 'NHS Education for Scotland|nhs', 'HR', 'Training', 'operational', ''],
	['Members unnamed', '', '', '', '', '', 'proposed', ''],
	['Unknown place', 'Cumbria', '', '', '', '', '', '']
];

function importTable(): ImportTable {
	return { fileName: 'survey.csv', format: 'csv', headerLine: 1, headers, rows: rows.map((cells, i) => ({ line: i + 2, cells })), formulas: [] };
}

function validated() {
	const table = importTable();
	table.rows[3].cells[1] = '';
	// A note lets the row with no named members through.
	const withNote = { ...table, headers: [...headers, 'Note'], rows: table.rows.map((r, i) => ({ ...r, cells: [...r.cells, i === 3 ? 'Members not named' : ''] })) };
	return validateRows(withNote, guessMapping(withNote.headers), referenceFromFiles(reference), { defaultReportedYear: 2026 });
}

describe('an imported survey as a dataset', () => {
	it('loads into DuckDB with the same figures the rows say', async () => {
		const result = validated();
		expect(result).toMatchObject({ total: 5, valid: 4, invalid: 1 });
		const files = buildImportedDataset(result.rows.map((r) => r.source), 'survey.csv', reference);
		await db.replaceDataset(files);

		expect(await countActivities(db, emptyFilters())).toBe(4);
		const counts = Object.fromEntries((await councilCounts(db, emptyFilters())).map((c) => [c.name, c.activities]));
		expect(counts['East Ayrshire']).toBe(2); // the alliance and the national row
		expect(counts['Perth and Kinross']).toBe(2);
		expect(counts['Highland']).toBe(1);
		expect(Object.keys(counts)).toHaveLength(32);

		const reaches = Object.fromEntries((await dimensionCounts(db, 'reaches', emptyFilters())).map((r) => [r.key, r.n]));
		expect(reaches).toEqual({ cluster: 2, national: 1, unspecified: 1 });
		const kinds = await dimensionCounts(db, 'sourceKinds', emptyFilters());
		expect(kinds).toEqual([{ key: 'imported', label: 'imported', n: 4 }]);

		const detail = await activityDetail(db, 'ayrshire-roads-alliance');
		expect(detail).toMatchObject({
			name: 'Ayrshire Roads Alliance',
			source_kind: 'imported',
			// The imported file is the source, shown by its name and the row it came from.
			source_citation: 'survey.csv, Row 2',
			status: 'operational',
			start_year: 2014,
			reported_year: 2026,
			lead_council: 'East Ayrshire',
			reach: 'cluster'
		});
		expect(detail?.partners).toEqual([{ name: 'Transport Scotland', type: 'national_body' }]);
		expect(detail?.service_areas.map((s) => s.id)).toEqual(['transport_highways']);
		expect(detail?.councils.find((c) => c.is_lead)?.name).toBe('East Ayrshire');
	});

	it('keeps the embedded reference tables and survey figures', async () => {
		const files = buildImportedDataset(validated().rows.map((r) => r.source), 'survey.csv', reference);
		expect(files.service_areas).toBe(reference.service_areas);
		expect(files.survey_tables).toBe(reference.survey_tables);
		expect(files.council_neighbours).toBe(reference.council_neighbours);
		// The embedded sources stay (the survey figures cite them), with the imported file added.
		const sources = csvParse(files.sources);
		expect(sources.map((s) => s.id)).toEqual([...csvParse(reference.sources).map((s) => s.id), 'imported-file']);
		expect(sources.at(-1)).toMatchObject({ title: 'survey.csv', kind: 'imported_file' });
		expect(files.sources).not.toMatch(/\.txt/);
		// Councils are rebuilt through buildTables from the loaded centroids: the same table.
		expect(files.councils.trim()).toBe(reference.councils.trim());
	});

	it('writes headers for tables with no rows, so DuckDB still reads them', async () => {
		const only = validated().rows.filter((r) => r.source.name === 'Members unnamed').map((r) => r.source);
		const files = buildImportedDataset(only, 'survey.csv', reference);
		expect(files.activity_partners).toBe('activity_id,partner_name,partner_type\n');
		await db.replaceDataset(files);
		expect(await countActivities(db, emptyFilters())).toBe(1);
	});

	it('refuses rows that break the dataset rules, as a last guard, and refuses nothing', () => {
		const bad = validated().rows.map((r) => r.source);
		bad[0] = { ...bad[0], councils: 'Cumbria' };
		expect(() => buildImportedDataset(bad, 'survey.csv', reference)).toThrow(/unknown council "Cumbria"/);
		expect(() => buildImportedDataset([], 'survey.csv', reference)).toThrow(/no rows/);
	});

	it('swaps back to the embedded data exactly', async () => {
		await db.replaceDataset(embeddedFiles());
		const sourceRows = fs.readdirSync('data/activities').flatMap((f) => csvParse(fs.readFileSync(path.join('data/activities', f), 'utf8')));
		expect(await countActivities(db, emptyFilters())).toBe(sourceRows.length);
		expect((await dimensionCounts(db, 'sourceKinds', emptyFilters())).map((k) => k.key).sort()).toEqual(['public_record', 'report']);
	});

	it('loads a row at the review’s size limit, quotes doubled, within the engine’s line limit', async () => {
		const table = importTable();
		// Every character a quote: the CSV line doubles them, the worst case for the engine.
		const widest = '"'.repeat(MAX_ROW_BYTES - 200);
		const withSummary = { ...table, headers: [...headers, 'Summary'], rows: [{ line: 2, cells: [...rows[0], widest] }] };
		const result = validateRows(withSummary, guessMapping(withSummary.headers), referenceFromFiles(reference), { defaultReportedYear: 2026 });
		expect(result.valid).toBe(1);
		await db.replaceDataset(buildImportedDataset(result.rows.map((r) => r.source), 'survey.csv', reference));
		expect(await countActivities(db, emptyFilters())).toBe(1);
		await db.replaceDataset(embeddedFiles());
	});
});

describe('adding an import to the data shown', () => {
	const imported = () => buildImportedDataset(validated().rows.map((r) => r.source), 'survey.csv', reference);
	const embeddedCount = () => csvParse(readTable('activities')).length;

	it('gives the embedded activities plus the imported ones, every figure counting both', async () => {
		const embedded = embeddedFiles();
		const outcome = appendDataset(embedded, imported());
		// The embedded data has its own Ayrshire Roads Alliance with these councils: that row is not doubled.
		expect(outcome.alreadyThere).toEqual(['Ayrshire Roads Alliance']);
		expect(outcome).toMatchObject({ added: 3, total: embeddedCount() + 3 });
		await db.replaceDataset(outcome.files);
		expect(await countActivities(db, emptyFilters())).toBe(embeddedCount() + 3);
		const kinds = Object.fromEntries((await dimensionCounts(db, 'sourceKinds', emptyFilters())).map((k) => [k.key, k.n]));
		expect(kinds.imported).toBe(3);
		expect(kinds.report + kinds.public_record).toBe(embeddedCount());
		// Reference tables and survey figures are the data shown's, untouched.
		for (const table of ['councils', 'service_areas', 'collaborative_types', 'survey_tables', 'council_neighbours'] as const)
			expect(outcome.files[table]).toBe(embedded[table]);
		// The embedded rows are all still there, unchanged, ahead of the added ones.
		expect(outcome.files.activities.startsWith(embedded.activities)).toBe(true);
		const detail = await activityDetail(db, 'tayside-procurement');
		expect(detail).toMatchObject({ source_kind: 'imported', source_citation: 'survey.csv, Row 3' });
		await db.replaceDataset(embeddedFiles());
	});

	it('adds to an earlier import: counts add up, clashing ids are renamed, each file stays its own source', async () => {
		const first = imported();
		const firstCount = csvParse(first.activities).length;
		// A second file whose activity has the first one's id but other councils: a different arrangement.
		const second = validateRows(
			{ fileName: 'more.csv', format: 'csv', headerLine: 1, headers, rows: [{ line: 2, cells: ['Tayside procurement', 'Angus; Fife', '', '', 'Procurement', '', '', '2019'] }, { line: 3, cells: ['Borders payroll', 'Scottish Borders', '', '', 'Payroll', '', '', ''] }], formulas: [] },
			guessMapping(headers),
			referenceFromFiles(reference),
			{ defaultReportedYear: 2026 }
		);
		expect(second.valid).toBe(2);
		const outcome = appendDataset(first, buildImportedDataset(second.rows.map((r) => r.source), 'more.csv', reference));
		expect(outcome).toMatchObject({ added: 2, total: firstCount + 2, renamed: 1, alreadyThere: [] });
		await db.replaceDataset(outcome.files);
		expect(await countActivities(db, emptyFilters())).toBe(firstCount + 2);
		expect(await activityDetail(db, 'tayside-procurement-2')).toMatchObject({ source_citation: 'more.csv, Row 2' });
		expect(await activityDetail(db, 'tayside-procurement')).toMatchObject({ source_citation: 'survey.csv, Row 3' });
		const sources = csvParse(outcome.files.sources).filter((s) => s.kind === 'imported_file');
		expect(sources.map((s) => [s.id, s.title])).toEqual([
			['imported-file', 'survey.csv'],
			['imported-file-2', 'more.csv']
		]);
		const ids = csvParse(outcome.files.activities).map((a) => a.id);
		expect(new Set(ids).size).toBe(ids.length);
		await db.replaceDataset(embeddedFiles());
	});

	it('refuses to add a file whose every row is already there, and a dataset with other columns', () => {
		const first = imported();
		expect(() => appendDataset(first, first)).toThrow(/Every row is already in the data shown/);
		const broken = { ...first, activities: 'id,title\nx,y\n' };
		expect(() => appendDataset(broken, first)).toThrow(/current dataset’s activities table does not have the expected columns/);
	});
});
