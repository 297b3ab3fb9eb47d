/**
 * Turning the bytes of a chosen file into a table of text cells, or a plain-language reason why
 * not. Runs in the import worker (and in Node for the tests): nothing here touches the page.
 */
import Papa, { type ParseResult, type Parser } from 'papaparse';
import { unzipSync, strFromU8 } from 'fflate';
import readXlsxFile from 'read-excel-file/universal';
import { columnIndex, columnLetter } from './columns';
import { findHeaderRow, guessMapping } from './fields';
import { MAX_COLUMNS, MAX_FILE_BYTES, megabytes, tooLargeMessage, tooWideMessage } from './limits';
import type { FormulaCell, ImportTable, TableRow } from './validate';

export { MAX_COLUMNS, MAX_FILE_BYTES, tooLargeMessage };

/** A workbook is a zip; one that unpacks past this is refused before it is unpacked (zip bombs). */
export const MAX_UNPACKED_BYTES = 400 * 1024 * 1024;
export const MAX_ZIP_ENTRIES = 10_000;

/** A problem with the file as a whole, worded for the person who chose it. */
export class ImportFileError extends Error {}

export type Phase = 'reading' | 'parsing' | 'checking' | 'building';
export type ProgressListener = (phase: Phase, fraction: number | null) => void;

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** The stream name, in UTF-16LE as the compound file's directory holds it. */
const ENCRYPTED_PACKAGE = Array.from('EncryptedPackage').flatMap((c) => [c.charCodeAt(0), 0]);

/**
 * A password-protected .xlsx is not a zip but an OLE compound file, like an old .xls: what tells
 * them apart is the stream holding the encrypted workbook, named in the file's directory.
 */
function isEncryptedPackage(bytes: Uint8Array): boolean {
	const [first, ...rest] = ENCRYPTED_PACKAGE;
	for (let at = bytes.indexOf(first); at !== -1 && at + ENCRYPTED_PACKAGE.length <= bytes.length; at = bytes.indexOf(first, at + 1))
		if (rest.every((b, i) => bytes[at + 1 + i] === b)) return true;
	return false;
}
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46];

const extension = (name: string) => /\.([^.]+)$/.exec(name.toLowerCase())?.[1] ?? '';

/** The text encodings a CSV is read in; `utf-16le`/`utf-16be` with or without a byte-order mark. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface DecodedText {
	text: string;
	encoding: TextEncoding;
	/** Whether the file began with a byte-order mark saying its encoding. */
	bom: boolean;
	note?: string;
}

/**
 * What the review step says about how a CSV was read. Windows-1252 is a guess from bytes that
 * are not UTF-8, so it asks the person to look; the others are certain.
 */
export function encodingNote(encoding: TextEncoding): { text: string; check: boolean } {
	switch (encoding) {
		case 'utf-8':
			return { text: 'Read as UTF-8 text.', check: false };
		case 'utf-16le':
		case 'utf-16be':
			return { text: 'Read as UTF-16 text (Excel’s “Unicode text”).', check: false };
		case 'windows-1252':
			return { text: 'Read as Windows-1252 (older Excel): check accented letters and £ signs.', check: true };
	}
}

/**
 * UTF-16 saved without a byte-order mark: plain-Latin text then has a zero byte in every other
 * position, high bytes for little-endian and low for big-endian. Only a clear pattern counts.
 */
function utf16WithoutBom(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
	const sample = Math.min(bytes.length, 4096) & ~1;
	if (sample < 8) return undefined;
	let evenZeros = 0;
	let oddZeros = 0;
	for (let i = 0; i < sample; i += 2) {
		if (bytes[i] === 0) evenZeros++;
		if (bytes[i + 1] === 0) oddZeros++;
	}
	const pairs = sample / 2;
	if (oddZeros > pairs * 0.7 && evenZeros < pairs * 0.05) return 'utf-16le';
	if (evenZeros > pairs * 0.7 && oddZeros < pairs * 0.05) return 'utf-16be';
	return undefined;
}

/**
 * Windows-1252's characters at 0x80–0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ),
 * which some TextDecoders (Node's) read as ISO-8859-1's invisible control characters instead.
 * The five bytes Windows-1252 leaves undefined stay as they were decoded.
 */
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
	// eslint-disable-next-line no-control-regex
	return new TextDecoder('windows-1252').decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/** Text in the encodings spreadsheet programs save CSV in: UTF-8 (with or without BOM), UTF-16, or Windows-1252. */
export function decodeText(bytes: Uint8Array): DecodedText {
	if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8', bom: true };
	if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', bom: true };
	if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', bom: true };
	const utf16 = utf16WithoutBom(bytes);
	if (utf16) return { text: new TextDecoder(utf16).decode(bytes), encoding: utf16, bom: false };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8', bom: false };
	} catch {
		// Excel's plain "CSV" save uses the Windows code page; reading it as such keeps "£" and "’" intact.
		return {
			text: decodeWindows1252(bytes),
			encoding: 'windows-1252',
			bom: false,
			note: 'The file is not UTF-8, so it was read as Windows-1252 (Western European, as older Excel saves CSV). Check that accented letters and £ signs look right.'
		};
	}
}

/**
 * Whether decoded text is really text: a spreadsheet or image renamed .csv decodes to NULs and
 * control characters that no CSV holds.
 */
export function looksBinary(text: string): boolean {
	const sample = text.slice(0, 65_536);
	if (sample.includes('\u0000')) return true;
	// eslint-disable-next-line no-control-regex
	const controls = sample.match(/[\u0001-\u0008\u000e-\u001f\u007f\ufffd]/g)?.length ?? 0;
	return controls > Math.max(8, sample.length * 0.01);
}

/**
 * The delimiter of the heading line, counted outside quotes. Excel in many European locales
 * saves "CSV" with semicolons, and its "Unicode text" with tabs; papaparse's own guess is
 * thrown by a quoted comma in a semicolon file.
 */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
	const counts = { ',': 0, ';': 0, '\t': 0 };
	let quoted = false;
	for (let i = 0; i < text.length && i < 65_536; i++) {
		const ch = text[i];
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) {
			if (counts[','] + counts[';'] + counts['\t'] > 0) break;
		} else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
	}
	const [best, n] = (Object.entries(counts) as [',' | ';' | '\t', number][]).sort((a, b) => b[1] - a[1])[0];
	return n > 0 ? best : ',';
}

/**
 * How many columns the first non-blank line holds (up to its last non-empty field), counted
 * outside quotes without parsing the file: a file thousands of columns wide is refused before
 * any row is built from it.
 */
export function firstLineWidth(text: string, delimiter: string): number {
	let fields = 0;
	let lastFilled = -1;
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (ch === '"') {
			quoted = !quoted;
			lastFilled = fields;
		} else if (quoted) continue;
		else if (ch === delimiter) fields++;
		else if (ch === '\n' || ch === '\r') {
			if (lastFilled >= 0) break;
			fields = 0;
		} else if (ch !== ' ' && ch !== '\t') lastFilled = fields;
	}
	return lastFilled + 1;
}

/** CSV text as rows of cells; unbalanced or malformed quotes stop the import with the row they start in. */
export function parseCsv(text: string, onProgress?: (fraction: number) => void): string[][] {
	const rows: string[][] = [];
	let failure: string | undefined;
	const delimiter = detectDelimiter(text);
	const columns = firstLineWidth(text, delimiter);
	if (columns > MAX_COLUMNS) throw new ImportFileError(tooWideMessage(columns));
	Papa.parse<string[]>(text, {
		delimiter,
		chunkSize: 1024 * 1024,
		// Chunks keep progress moving on big files; for a string input papaparse runs them all synchronously.
		chunk: (results: ParseResult<string[]>, parser: Parser) => {
			for (const error of results.errors) {
				if (error.type !== 'Quotes' || failure) continue;
				const row = rows.length + (error.row ?? 0) + 1;
				failure =
					error.code === 'MissingQuotes'
						? `Row ${row}: a quoted value starts but never ends (unbalanced quotes), so the rest of the file cannot be read reliably. Check the quotation marks in that row.`
						: `Row ${row}: a closing quotation mark is followed by more text (malformed quotes). Check the quotation marks in that row.`;
			}
			if (failure) {
				parser.abort();
				return;
			}
			for (const row of results.data) rows.push(row);
			onProgress?.(Math.min(1, results.meta.cursor / Math.max(1, text.length)));
		},
		complete: () => undefined
	});
	if (failure) throw new ImportFileError(failure);
	return rows;
}

const unescapeXml = (text: string) =>
	text
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&#(\d+);/g, (_, code) => String.fromCodePoint(Number(code)))
		.replace(/&amp;/g, '&');

const attributes = (text: string) => Object.fromEntries([...text.matchAll(/([\w:]+)\s*=\s*"([^"]*)"/g)].map((m) => [m[1], unescapeXml(m[2])]));

/** Every cell of a worksheet's XML that holds a formula, with whether its result was saved. */
export function findFormulas(sheetXml: string): Omit<FormulaCell, 'line' | 'column'>[] {
	const found: Omit<FormulaCell, 'line' | 'column'>[] = [];
	for (const cell of sheetXml.matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
		const body = cell[2];
		if (!body || !/<(?:\w+:)?f\b/.test(body)) continue;
		const ref = attributes(cell[1]).r ?? '?';
		const formula = /<(?:\w+:)?f\b[^>]*>([\s\S]*?)<\/(?:\w+:)?f>/.exec(body)?.[1];
		found.push({
			ref,
			formula: formula === undefined ? '(shared formula)' : unescapeXml(formula).replace(/^=/, ''),
			cached: /<(?:\w+:)?v\b/.test(body)
		});
	}
	return found;
}

/** The worksheet XML path of each sheet by name, from the workbook and its relationships. */
function sheetPaths(entries: Record<string, Uint8Array>): Map<string, string> {
	const paths = new Map<string, string>();
	const workbook = entries['xl/workbook.xml'];
	const rels = entries['xl/_rels/workbook.xml.rels'];
	if (!workbook || !rels) return paths;
	const targets = new Map<string, string>();
	for (const match of strFromU8(rels).matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
		const { Id, Target } = attributes(match[1]);
		if (Id && Target) targets.set(Id, Target.startsWith('/') ? Target.slice(1) : `xl/${Target}`);
	}
	for (const match of strFromU8(workbook).matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
		const attrs = attributes(match[1]);
		const target = targets.get(attrs['r:id'] ?? '');
		if (attrs.name && target) paths.set(attrs.name, target);
	}
	return paths;
}

function cellText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (value instanceof Date) {
		const iso = value.toISOString();
		return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
	}
	if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
	return String(value);
}

export interface ReadWorkbook {
	sheet: string;
	rows: string[][];
	formulas: Omit<FormulaCell, 'line' | 'column'>[];
}

/** The sheet of a workbook that holds the activities, its cells as text, and its formula cells. */
export async function readXlsx(bytes: Uint8Array): Promise<ReadWorkbook> {
	let unpacked = 0;
	let count = 0;
	let hasWorkbook = false;
	try {
		// Listing only: returning false reads each entry's declared size without inflating it.
		unzipSync(bytes, {
			filter: (entry) => {
				unpacked += entry.originalSize;
				count++;
				if (entry.name === 'xl/workbook.xml') hasWorkbook = true;
				return false;
			}
		});
	} catch {
		throw new ImportFileError('This workbook is damaged: it could not be unzipped. Open it in a spreadsheet program and save it again as .xlsx.');
	}
	// Two limits, two messages: a workbook of many tiny parts is refused for their number, not a size it does not have.
	if (count > MAX_ZIP_ENTRIES)
		throw new ImportFileError(
			`This workbook is made of ${count.toLocaleString('en-GB')} internal parts, more than the ${MAX_ZIP_ENTRIES.toLocaleString('en-GB')} the import allows; a survey workbook has a few dozen. Open it in a spreadsheet program, copy the activities into a new workbook, and save that.`
		);
	if (unpacked > MAX_UNPACKED_BYTES)
		throw new ImportFileError(
			`This workbook unpacks to ${megabytes(unpacked)}, more than the ${megabytes(MAX_UNPACKED_BYTES)} the import allows. Save the activities sheet on its own as CSV and import that.`
		);
	if (!hasWorkbook)
		throw new ImportFileError('This is a zip archive but not an Excel workbook (it has no xl/workbook.xml). Choose an .xlsx file or a CSV.');

	const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
	let sheets: { sheet: string; data: unknown[][] }[];
	try {
		sheets = await readXlsxFile(buffer);
	} catch (error) {
		const detail = error instanceof Error ? error.message : String(error);
		throw new ImportFileError(`This workbook could not be read (${detail}). Open it in a spreadsheet program and save it again as .xlsx.`);
	}
	const asText = sheets.map((s) => ({ sheet: s.sheet, rows: s.data.map((row) => row.map(cellText)) }));
	// Prefer the sheet whose headings name an activity, so a template's "Allowed values" sheet is never read as data.
	const chosen =
		asText.find((s) => {
			const header = findHeaderRow(s.rows);
			return header >= 0 && guessMapping(s.rows[header]).name !== null;
		}) ??
		asText.find((s) => s.rows.some((row) => row.some((cell) => cell.trim()))) ??
		asText[0];
	if (!chosen) throw new ImportFileError('This workbook has no sheets.');
	const path = sheetPaths(unzipSync(bytes, { filter: (e) => e.name === 'xl/workbook.xml' || e.name === 'xl/_rels/workbook.xml.rels' })).get(chosen.sheet);
	const sheetXml = path ? unzipSync(bytes, { filter: (e) => e.name === path })[path] : undefined;
	return { sheet: chosen.sheet, rows: chosen.rows, formulas: sheetXml ? findFormulas(strFromU8(sheetXml)) : [] };
}

function filledWidth(row: string[]): number {
	let n = row.length;
	while (n > 0 && !row[n - 1].trim()) n--;
	return n;
}

/** Rows of cells as the table the mapping step shows, headings found, blank rows kept for numbering. */
export function tableFromRows(
	fileName: string,
	format: 'csv' | 'xlsx',
	cells: string[][],
	formulas: Omit<FormulaCell, 'line' | 'column'>[] = []
): ImportTable {
	const headerIndex = findHeaderRow(cells);
	if (headerIndex < 0) throw new ImportFileError('The file is empty: it has no rows.');
	// A loop, not Math.max(...rows): spreading hundreds of thousands of arguments overflows the stack.
	// Trailing blank cells (stray commas, formatted but empty columns) make no column.
	let width = 0;
	for (let i = headerIndex; i < cells.length; i++) {
		const filled = filledWidth(cells[i]);
		if (filled > MAX_COLUMNS) throw new ImportFileError(tooWideMessage(filled, i === headerIndex ? undefined : i + 1));
		width = Math.max(width, filled);
	}
	const headers = Array.from({ length: width }, (_, i) => cells[headerIndex][i]?.trim() || `Column ${columnLetter(i)}`);
	const rows: TableRow[] = [];
	for (let i = headerIndex + 1; i < cells.length; i++) rows.push({ line: i + 1, cells: cells[i] });
	if (!rows.some((row) => row.cells.some((cell) => cell.trim())))
		throw new ImportFileError('The file has column headings but no rows of data.');
	const located = formulas.flatMap((f) => {
		const match = /^([A-Z]+)(\d+)$/.exec(f.ref);
		return match ? [{ ...f, line: Number(match[2]), column: columnIndex(match[1]) }] : [];
	});
	return { fileName, format, headerLine: headerIndex + 1, headers, rows, formulas: located };
}

export interface ReadResult {
	table: ImportTable;
	notes: string[];
	/** How a CSV's bytes were read as text; a workbook says its own encoding. */
	encoding?: TextEncoding;
}

/** A chosen file's bytes as a table, whatever it turns out to be; anything unreadable throws ImportFileError. */
export async function readImportFile(fileName: string, bytes: Uint8Array, onProgress?: ProgressListener): Promise<ReadResult> {
	if (bytes.length === 0) throw new ImportFileError('The file is empty (0 bytes).');
	if (bytes.length > MAX_FILE_BYTES) throw new ImportFileError(tooLargeMessage(bytes.length));
	const ext = extension(fileName);
	const notes: string[] = [];

	if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) {
		if (ext !== 'xlsx') notes.push(`“${fileName}” is a workbook, not CSV text, so it was read as an Excel workbook.`);
		onProgress?.('parsing', null);
		const workbook = await readXlsx(bytes);
		const table = tableFromRows(fileName, 'xlsx', workbook.rows, workbook.formulas);
		notes.push(`Read the sheet “${workbook.sheet}”.`);
		return { table, notes };
	}
	if (startsWith(bytes, OLE)) {
		if (isEncryptedPackage(bytes))
			throw new ImportFileError('This workbook is protected with a password, so it cannot be read. Open it in Excel, remove the password (File › Info › Protect Workbook), save it, and try again.');
		throw new ImportFileError('This is an older Excel (.xls) or other Office file, which cannot be read. Save it as Excel Workbook (.xlsx) or CSV UTF-8 and try again.');
	}
	if (startsWith(bytes, PDF)) throw new ImportFileError('This is a PDF, not a spreadsheet. Choose a CSV or Excel (.xlsx) file.');
	if (ext === 'xlsx' || ext === 'xlsm')
		throw new ImportFileError('This file is named .xlsx but is not an Excel workbook (a real one is a zip archive). It may be damaged, or another kind of file renamed.');

	const decoded = decodeText(bytes);
	if (looksBinary(decoded.text))
		throw new ImportFileError('This file does not look like CSV text: it contains binary data. Choose a CSV file saved as text, or an Excel .xlsx workbook.');
	if (decoded.note) notes.push(decoded.note);
	onProgress?.('parsing', 0);
	const cells = parseCsv(decoded.text, (fraction) => onProgress?.('parsing', fraction));
	return { table: tableFromRows(fileName, 'csv', cells), notes, encoding: decoded.encoding };
}
