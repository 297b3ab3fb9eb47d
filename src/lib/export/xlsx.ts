/**
 * The filtered activities as an Excel workbook: the same columns as the CSV on an "Activities"
 * sheet, the sources those activities cite on "Sources", and what the file holds (coverage,
 * filters, date) on "Notes", so a sheet forwarded on its own still says where it came from.
 */
import type { CsvColumn } from './csv';

/** Excel's last row is 1,048,576; the header takes one. */
export const XLSX_MAX_ROWS = 1_048_575;

export interface WorkbookInput {
	columns: CsvColumn[];
	records: Record<string, unknown>[];
	sources: { title: string; publisher: string | null; year: number | null; kind: string | null; url: string | null; activities: number }[];
	coverage: string;
	/** The filters applied, as the page's chips name them. */
	filters: { dimensionLabel: string; valueLabel: string }[];
	/** When the file was made (passed in, so tests can fix it). */
	made: Date;
}

/** First characters that make a spreadsheet read typed-in text as a formula (as for the CSV). */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '＝', '＋', '－', '＠']);
/** Characters XML 1.0 cannot hold at all: one would make Excel refuse the whole file. */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

type Cell = { value: string | number; type?: StringConstructor | NumberConstructor; format?: string; fontWeight?: 'bold'; wrap?: boolean } | null;

/**
 * A cell for any value. Text is written as a text cell (a shared string, never a formula), and
 * text a spreadsheet would take for a formula also gets the Text format ("@"), so that editing the
 * cell and pressing Enter keeps it text rather than evaluating it.
 */
export function cell(value: unknown): Cell {
	if (value === null || value === undefined || value === '') return null;
	if (typeof value === 'number') return Number.isFinite(value) ? { value, type: Number } : null;
	if (typeof value === 'bigint') return { value: Number(value), type: Number };
	const text = (value instanceof Date ? value.toISOString() : String(value)).replace(XML_INVALID, '');
	if (!text) return null;
	return FORMULA_TRIGGERS.has(text.charAt(0)) ? { value: text, type: String, format: '@' } : { value: text, type: String };
}

const heading = (value: string): Cell => ({ value, type: String, fontWeight: 'bold' });

export function workbookSheets(input: WorkbookInput) {
	if (input.records.length > XLSX_MAX_ROWS) {
		throw new Error(`${input.records.length.toLocaleString('en-GB')} activities are more than an Excel sheet holds (${XLSX_MAX_ROWS.toLocaleString('en-GB')}); narrow the filters or download the CSV.`);
	}
	const activities = [input.columns.map((c) => heading(c.header)), ...input.records.map((row) => input.columns.map((c) => cell(row[c.key])))];
	const sources = [
		['Title', 'Publisher', 'Year', 'Kind', 'Web address', 'Activities citing it'].map(heading),
		...input.sources.map((s) => [cell(s.title), cell(s.publisher), cell(s.year), cell(s.kind), cell(s.url), cell(s.activities)])
	];
	if (!input.sources.length) sources.push([cell('None of these activities cites a source.')]);
	const made = input.made.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short' });
	const notes: Cell[][] = [
		[heading('Council Collaboration Atlas: filtered activities')],
		[],
		[heading('Coverage'), cell(input.coverage)],
		[heading('Activities in this file'), cell(input.records.length)],
		[heading('Made'), cell(made)],
		[],
		[heading('Filters applied'), input.filters.length ? null : cell('None: every activity in the dataset')],
		// Each filter value in a cell of its own: a search for "=1+1" is data, not a formula.
		...input.filters.map((f) => [cell(f.dimensionLabel), cell(f.valueLabel)])
	];
	return [
		{ sheet: 'Activities', data: activities, columns: input.columns.map((c) => ({ width: c.key === 'name' || c.key === 'councils' || c.key === 'service_areas' ? 48 : 18 })), stickyRowsCount: 1 },
		{ sheet: 'Sources', data: sources, columns: [{ width: 60 }, { width: 36 }, { width: 8 }, { width: 14 }, { width: 50 }, { width: 12 }], stickyRowsCount: 1 },
		{ sheet: 'Notes', data: notes, columns: [{ width: 28 }, { width: 110 }] }
	];
}

/** The workbook as a Blob; write-excel-file is loaded only when someone asks for one. */
export async function activitiesWorkbook(input: WorkbookInput): Promise<Blob> {
	const { default: writeExcelFile } = await import('write-excel-file/browser');
	// The library's cell types are wider than needed here; the sheets are built to its documented shape.
	return writeExcelFile(workbookSheets(input) as never).toBlob();
}
