import { describe, expect, it } from 'vitest';
import { activitiesWorkbook, cell, workbookSheets, XLSX_MAX_ROWS } from '../../src/lib/export/xlsx';
import { ACTIVITY_COLUMNS } from '../../src/lib/export/activities';
import { readWorkbook } from '../helpers/xlsx';

const HOSTILE = ['=1+1', '+44 141 000', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '＝1+1', '=HYPERLINK("http://example.test","x")'];

describe('Excel export', () => {
	it('writes text that looks like a formula as text cells with the Text format, and numbers as numbers', async () => {
		const records = HOSTILE.map((name, i) => ({ id: `a${i}`, name, council_count: -3 + i, councils: 'Angus', reach: 'Cluster' }));
		const blob = await activitiesWorkbook({
			columns: ACTIVITY_COLUMNS,
			records,
			sources: [{ title: '=cmd|calc', publisher: 'Improvement Service', year: 2020, kind: 'report', url: null, activities: 2 }],
			coverage: '+1 coverage',
			filters: [{ dimensionLabel: 'Search', valueLabel: '=1+1' }],
			made: new Date('2026-11-30T10:00:00Z')
		});
		const book = readWorkbook(new Uint8Array(await blob.arrayBuffer()));
		expect(book.names).toEqual(['Activities', 'Sources', 'Notes']);
		const rows = book.rows('Activities');
		expect(rows).toHaveLength(1 + HOSTILE.length);
		expect(book.cells(rows[0]).map((c) => c.value)).toEqual(ACTIVITY_COLUMNS.map((c) => c.header));
		for (const [i, row] of rows.slice(1).entries()) {
			const [id, name, count] = book.cells(row);
			expect(id).toMatchObject({ type: 's', value: `a${i}`, formula: false, textFormat: false });
			// Control characters other than tab and line breaks cannot be in XML; the rest survives as written.
			expect(name).toMatchObject({ type: 's', value: HOSTILE[i], formula: false, textFormat: true });
			expect(count).toMatchObject({ type: undefined, value: String(-3 + i), formula: false });
		}
		for (const sheet of book.sheets.values()) expect(sheet).not.toMatch(/<f[\s>]/);
		const notes = book.rows('Notes').map((r) => book.cells(r).map((c) => c.value));
		expect(notes).toContainEqual(['Coverage', '+1 coverage']);
		expect(notes).toContainEqual(['Search', '=1+1']);
		expect(book.cells(book.rows('Sources')[1])[0]).toMatchObject({ type: 's', value: '=cmd|calc', formula: false });
	});

	it('marks only would-be formulas with the Text format and drops characters XML cannot hold', () => {
		expect(cell('=1+1')).toEqual({ value: '=1+1', type: String, format: '@' });
		expect(cell('Shared payroll')).toEqual({ value: 'Shared payroll', type: String });
		expect(cell(2020)).toEqual({ value: 2020, type: Number });
		expect(cell('a\u0000b\u0007')).toEqual({ value: 'ab', type: String });
		expect(cell(null)).toBeNull();
		expect(cell(Number.NaN)).toBeNull();
	});

	it('refuses more rows than an Excel sheet holds, pointing to the CSV', () => {
		const input = { columns: ACTIVITY_COLUMNS, records: { length: XLSX_MAX_ROWS + 1 } as never, sources: [], coverage: '', filters: [], made: new Date() };
		expect(() => workbookSheets(input)).toThrow(/more than an Excel sheet holds.*CSV/);
	});
});
