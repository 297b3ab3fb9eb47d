import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { csvParse } from 'd3-dsv';
import readXlsxFile from 'read-excel-file/node';
import { FIELDS, guessMapping } from '../../src/lib/import/fields';
import { readImportFile } from '../../src/lib/import/read-file';
import { TEMPLATE_HEADERS, allowedValues, allowedValuesCsv, templateCsv, templateXlsx } from '../../src/lib/import/template';
import { validateRows, type ImportReference } from '../../src/lib/import/validate';

const read = (file: string) => csvParse(fs.readFileSync(file, 'utf8'));
const reference: ImportReference = {
	councils: read('data/councils.csv') as unknown as ImportReference['councils'],
	serviceAreas: read('data/service_areas.csv') as unknown as ImportReference['serviceAreas'],
	types: read('data/collaborative_types.csv') as unknown as ImportReference['types']
};

describe('the survey template', () => {
	it('has one heading per field, which the importer maps straight back', () => {
		const csv = templateCsv();
		expect(csv).toBe(TEMPLATE_HEADERS.join(',') + '\r\n');
		const mapping = guessMapping(TEMPLATE_HEADERS);
		FIELDS.forEach((field, i) => expect(mapping[field.key]).toBe(i));
	});

	it('lists every allowed council, service area, type, status and partner type', () => {
		const rows = allowedValues(reference);
		const values = (column: string) => rows.filter((r) => r.column === column).map((r) => r.value);
		expect(values('Participating councils')).toEqual(['ALL', ...reference.councils.map((c) => c.name).sort((a, b) => a.localeCompare(b))]);
		expect(values('Service areas')).toEqual(reference.serviceAreas.map((a) => a.label));
		expect(values('Collaborative type')).toEqual(reference.types.map((t) => t.label));
		expect(values('Status')).toEqual(['operational', 'developing', 'proposed', 'ended', 'unknown']);
		expect(values('Other partners')).toContain('third_sector');
		expect(rows.find((r) => r.value === 'Na h-Eileanan Siar')?.notes).toContain('Western Isles');
		// Every column of the template is explained.
		expect(new Set(rows.map((r) => r.column))).toEqual(new Set(TEMPLATE_HEADERS));
	});

	it('offers allowed values the importer accepts as written', () => {
		const rows = allowedValues(reference);
		const pick = (column: string) => rows.filter((r) => r.column === column).map((r) => r.value);
		const cells = pick('Service areas').map((area, i) => [`Activity ${i}`, pick('Participating councils')[1 + (i % 32)], area, pick('Collaborative type')[i % 7], pick('Status')[i % 5]]);
		const result = validateRows(
			{ fileName: 't.csv', format: 'csv', headerLine: 1, headers: ['Activity name', 'Participating councils', 'Service areas', 'Collaborative type', 'Status'], rows: cells.map((c, i) => ({ line: i + 2, cells: c })), formulas: [] },
			guessMapping(['Activity name', 'Participating councils', 'Service areas', 'Collaborative type', 'Status']),
			reference,
			{ defaultReportedYear: 2026 }
		);
		expect(result.problems).toEqual([]);
		expect(result.valid).toBe(cells.length);
	});

	it('writes the allowed values as CSV a spreadsheet opens safely', () => {
		const parsed = csvParse(allowedValuesCsv(reference));
		expect(parsed.columns).toEqual(['Column', 'Allowed value', 'Notes']);
		expect(parsed.length).toBe(allowedValues(reference).length);
	});

	it('writes a workbook with the template sheet first and the allowed values beside it', async () => {
		const bytes = new Uint8Array(await (await templateXlsx(reference)).arrayBuffer());
		const sheets = await readXlsxFile(Buffer.from(bytes));
		expect(sheets.map((s) => s.sheet)).toEqual(['Activities', 'Allowed values']);
		expect(sheets[0].data).toEqual([TEMPLATE_HEADERS]);
		expect(sheets[1].data[0]).toEqual(['Column', 'Allowed value', 'Notes']);
		expect(sheets[1].data.length).toBe(allowedValues(reference).length + 1);
		// Importing the blank template says what is missing rather than importing the allowed values.
		await expect(readImportFile('template.xlsx', bytes)).rejects.toThrow(/column headings but no rows of data/);
	});
});
