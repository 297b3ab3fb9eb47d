import { downloadBlob } from './download';
export interface CsvColumn {
	key: string;
	header: string;
}

/**
 * Characters that make Excel, LibreOffice or Google Sheets treat a cell as a formula (OWASP
 * "CSV injection"). The full-width forms are included because some spreadsheet locales fold
 * them to their ASCII equivalents before parsing.
 */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠']);

/** Text as a spreadsheet will see it: a leading quote makes a would-be formula plain text. */
function neutralise(value: unknown): string {
	if (value === null || value === undefined) return '';
	// A real number such as -3 is data, not a formula, and must stay numeric in the sheet.
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
	if (typeof value === 'bigint') return String(value);
	const text = value instanceof Date ? value.toISOString() : String(value);
	return FORMULA_TRIGGERS.has(text.charAt(0)) ? `'${text}` : text;
}

/** RFC 4180: quote a field containing a comma, quote or line break, doubling inner quotes. */
function quote(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows as RFC 4180 CSV (CRLF line ends, header row first), safe to open in a spreadsheet. */
export function toCsv(rows: Record<string, unknown>[], columns: CsvColumn[]): string {
	const lines = [columns.map((c) => quote(neutralise(c.header)))];
	for (const row of rows) lines.push(columns.map((c) => quote(neutralise(row[c.key]))));
	return lines.map((cells) => cells.join(',')).join('\r\n') + '\r\n';
}

/**
 * Saves text as a .csv file. The byte-order mark is what makes Excel read the file as UTF-8
 * rather than mangling "–", "’" and council names with accents.
 */
export function downloadCsv(text: string, filename: string): void {
	downloadBlob(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }), filename);
}
