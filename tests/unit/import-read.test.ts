import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { csvParse } from 'd3-dsv';
import { guessMapping } from '../../src/lib/import/fields';
import { validateRows, type ImportReference } from '../../src/lib/import/validate';
import writeExcelFile from 'write-excel-file/node';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import {
	ImportFileError,
	MAX_FILE_BYTES,
	decodeText,
	detectDelimiter,
	findFormulas,
	looksBinary,
	parseCsv,
	readImportFile
} from '../../src/lib/import/read-file';
import { columnIndex, columnLetter } from '../../src/lib/import/columns';

const utf8 = (text: string) => new TextEncoder().encode(text);
const fails = (promise: Promise<unknown>, pattern: RegExp) => expect(promise).rejects.toThrow(pattern);

/** A workbook from sheet data (one sheet as rows of cells) or sheets ({ sheet, data }). */
async function xlsx(sheets: unknown): Promise<Uint8Array> {
	return new Uint8Array(await writeExcelFile(sheets as never).toBuffer());
}

/**
 * The shape Excel saves a password-protected workbook in: an OLE compound file (the same
 * signature as .xls) whose directory names the EncryptionInfo and EncryptedPackage streams.
 */
function encryptedWorkbook(): Uint8Array {
	const bytes = new Uint8Array(512 * 3);
	bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
	const view = new DataView(bytes.buffer);
	view.setUint16(0x1e, 9, true); // 512-byte sectors
	view.setUint32(0x30, 0, true); // the directory starts at sector 0, just after the header
	['Root Entry', 'EncryptionInfo', 'EncryptedPackage'].forEach((name, entry) => {
		const at = 512 + entry * 128;
		for (let i = 0; i < name.length; i++) view.setUint16(at + i * 2, name.charCodeAt(i), true);
		view.setUint16(at + 0x40, (name.length + 1) * 2, true);
	});
	return bytes;
}

describe('decoding text', () => {
	it('reads UTF-8 with and without a byte-order mark', () => {
		expect(decodeText(utf8('\uFEFFName,Councils\nŠtěpán,Fife\n')).text).toBe('Name,Councils\nŠtěpán,Fife\n');
		expect(decodeText(utf8('Name – “quoted”')).text).toBe('Name – “quoted”');
	});

	it('reads UTF-16 with its byte-order mark, as Excel’s "Unicode text" saves', () => {
		const text = 'Name\tCouncils\nRoads\tFife\n';
		const bytes = new Uint8Array(2 + text.length * 2);
		bytes.set([0xff, 0xfe]);
		for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
		expect(decodeText(bytes).text).toBe(text);
	});

	it('falls back to Windows-1252 for a non-UTF-8 CSV, and says so', () => {
		const decoded = decodeText(new Uint8Array([0x43, 0x6f, 0x73, 0x74, 0x20, 0xa3, 0x35])); // "Cost £5" in Windows-1252
		expect(decoded.text).toBe('Cost £5');
		expect(decoded.note).toMatch(/Windows-1252/);
	});

	it('tells binary from text', () => {
		expect(looksBinary('Name,Councils\nRoads,Fife\n')).toBe(false);
		expect(looksBinary('PNG\u0000\u0001\u0002IHDR')).toBe(true);
		expect(looksBinary('a'.repeat(100) + '\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000e\u000f')).toBe(true);
	});
});

describe('parsing CSV', () => {
	it('detects comma, semicolon and tab from the heading line, ignoring quoted text', () => {
		expect(detectDelimiter('Name,Councils\n')).toBe(',');
		expect(detectDelimiter('Name;Councils;"Note, with comma"\nA;B;C')).toBe(';');
		expect(detectDelimiter('Name\tCouncils\n')).toBe('\t');
		expect(detectDelimiter('Name\nRoads\n')).toBe(',');
	});

	it('keeps quoted separators and line breaks inside cells', () => {
		expect(parseCsv('Name;Councils\nRoads;"East Ayrshire, South Ayrshire"\n"Multi\nline";Fife\n')).toEqual([
			['Name', 'Councils'],
			['Roads', 'East Ayrshire, South Ayrshire'],
			['Multi\nline', 'Fife'],
			['']
		]);
	});

	it('stops at unbalanced quotes, naming the row they start in', () => {
		expect(() => parseCsv('Name,Councils\nRoads,Fife\nWaste,"Angus\nHR,Moray\n')).toThrow(/^Row 3: a quoted value starts but never ends \(unbalanced quotes\)/);
	});

	it('stops at malformed quotes', () => {
		expect(() => parseCsv('Name,Councils\n"Roads"x,Fife\n')).toThrow(/^Row 2: a closing quotation mark is followed by more text/);
	});

	it('counts rows across chunks when reporting a quote error deep in a big file', () => {
		const body = 'Roads,Fife\n'.repeat(200_000);
		expect(() => parseCsv(`Name,Councils\n${body}Bad,"open\n`)).toThrow(/^Row 200002:/);
	});

	it('reports progress up to the end', () => {
		const seen: number[] = [];
		parseCsv('Name,Councils\n' + 'Roads,Fife\n'.repeat(300_000), (f) => seen.push(f));
		expect(seen.length).toBeGreaterThan(2);
		expect(seen.at(-1)).toBe(1);
		expect([...seen].sort((a, b) => a - b)).toEqual(seen);
	});
});

describe('reading a chosen file', () => {
	it('reads a CSV into headings and numbered rows, finding the heading row under a title', async () => {
		const { table, notes } = await readImportFile('survey.csv', utf8('Collaboration survey\n\nName,Councils\nRoads,Fife\n\nWaste,Angus\n'));
		expect(table).toMatchObject({ fileName: 'survey.csv', format: 'csv', headerLine: 3, headers: ['Name', 'Councils'], formulas: [] });
		expect(table.rows.filter((r) => r.cells.some(Boolean))).toEqual([
			{ line: 4, cells: ['Roads', 'Fife'] },
			{ line: 6, cells: ['Waste', 'Angus'] }
		]);
		expect(notes).toEqual([]);
	});

	it('reads a file of hundreds of thousands of rows', async () => {
		const rows = 300_000;
		const text = 'Name,Councils\n' + Array.from({ length: rows }, (_, i) => `Activity ${i},Fife`).join('\n');
		const { table } = await readImportFile('big.csv', utf8(text));
		expect(table.rows).toHaveLength(rows);
		expect(table.rows.at(-1)).toEqual({ line: rows + 1, cells: [`Activity ${rows - 1}`, 'Fife'] });
	});

	it('names blank headings by their column letter', async () => {
		const { table } = await readImportFile('s.csv', utf8('Name,,Councils\nRoads,x,Fife\n'));
		expect(table.headers).toEqual(['Name', 'Column B', 'Councils']);
	});

	it('refuses an empty file, a blank one, and one with headings only', async () => {
		await fails(readImportFile('empty.csv', new Uint8Array()), /The file is empty \(0 bytes\)/);
		await fails(readImportFile('blank.csv', utf8('\n\n  \n')), /The file is empty: it has no rows/);
		await fails(readImportFile('headings.csv', utf8('Name,Councils\n\n')), /column headings but no rows of data/);
	});

	it('refuses binary content whatever its name', async () => {
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
		await fails(readImportFile('photo.csv', png), /does not look like CSV text: it contains binary data/);
	});

	it('names the kind of file for an old .xls, a PDF, and a fake .xlsx', async () => {
		await fails(readImportFile('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), /older Excel \(\.xls\)/);
		await fails(readImportFile('locked.xlsx', encryptedWorkbook()), /protected with a password/);
		await fails(readImportFile('doc.csv', utf8('%PDF-1.7\n...')), /This is a PDF/);
		await fails(readImportFile('fake.xlsx', utf8('Name,Councils\nRoads,Fife\n')), /named \.xlsx but is not an Excel workbook/);
	});

	it('refuses a file over the size limit before parsing it', async () => {
		const big = new Uint8Array(MAX_FILE_BYTES + 1);
		await fails(readImportFile('big.csv', big), /files over 50 MB cannot be imported/);
	});

	it('refuses a zip that is not a workbook, and a damaged one', async () => {
		await fails(readImportFile('notes.xlsx', zipSync({ 'readme.txt': strToU8('hello') })), /zip archive but not an Excel workbook/);
		const truncated = (await xlsx([[{ value: 'Name' }]])).slice(0, 200);
		await fails(readImportFile('cut.xlsx', truncated), /damaged|could not be read/);
	});

	it('reads a workbook’s activity sheet as text, skipping an allowed-values sheet placed first', async () => {
		const bytes = await xlsx([
			{ sheet: 'Allowed values', data: [[{ value: 'Field' }, { value: 'Value' }], [{ value: 'Status' }, { value: 'operational' }]] },
			{
				sheet: 'Activities',
				data: [
					[{ value: 'Activity name' }, { value: 'Councils' }, { value: 'Start year' }, { value: 'Began' }, { value: 'Shared' }],
					[{ value: 'Roads' }, { value: 'Fife; Angus' }, { value: 2014 }, { value: new Date(Date.UTC(2019, 2, 1)), format: 'yyyy-mm-dd' }, { value: true }]
				]
			}
		]);
		const { table, notes } = await readImportFile('survey.xlsx', bytes);
		expect(table).toMatchObject({ format: 'xlsx', headerLine: 1, headers: ['Activity name', 'Councils', 'Start year', 'Began', 'Shared'] });
		expect(table.rows).toEqual([{ line: 2, cells: ['Roads', 'Fife; Angus', '2014', '2019-03-01', 'TRUE'] }]);
		expect(notes).toContain('Read the sheet “Activities”.');
	});

	it('reads a workbook even when it was named .csv, and says so', async () => {
		const bytes = await xlsx([[{ value: 'Name' }], [{ value: 'Roads' }]]);
		const { table, notes } = await readImportFile('survey.csv', bytes);
		expect(table.format).toBe('xlsx');
		expect(notes[0]).toMatch(/is a workbook, not CSV text/);
	});

	it('finds formula cells and where they are', async () => {
		const bytes = await xlsx([
			[{ value: 'Name' }, { value: 'Start year' }],
			[{ value: 'Roads' }, { type: 'Formula', value: '=2010+4' }]
		]);
		const { table } = await readImportFile('f.xlsx', bytes);
		// write-excel-file saves no result for its formulas, so the cell reads empty and is flagged.
		expect(table.formulas).toEqual([{ ref: 'B2', formula: '2010+4', cached: false, line: 2, column: 1 }]);
		expect(table.rows[0].cells[1] ?? '').toBe('');
	});
});

describe('a workbook saved by a spreadsheet program', () => {
	it('uses the saved result of a formula cell and still reports where the formula is', async () => {
		// Spreadsheet programs save each formula's last result in <v>; write-excel-file does not, so add one.
		const written = await xlsx([
			[{ value: 'Name' }, { value: 'Start year' }],
			[{ value: 'Roads' }, { type: 'Formula', value: '=2010+4' }]
		]);
		const entries = unzipSync(written);
		const sheet = strFromU8(entries['xl/worksheets/sheet1.xml']);
		expect(sheet).toContain('<f>=2010+4</f>');
		entries['xl/worksheets/sheet1.xml'] = strToU8(sheet.replace('<f>=2010+4</f>', '<f>2010+4</f><v>2014</v>'));
		const { table } = await readImportFile('saved.xlsx', zipSync(entries));
		expect(table.rows[0].cells).toEqual(['Roads', '2014']);
		expect(table.formulas).toEqual([{ ref: 'B2', formula: '2010+4', cached: true, line: 2, column: 1 }]);
	});
});

describe('worksheet XML', () => {
	it('finds formulas with and without saved results, shared ones and namespaced ones', () => {
		const xml =
			'<sheetData><row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><f>SUM(C2:D2)</f><v>7</v></c>' +
			'<c r="C2" t="str"><f>A1&amp;"!"</f></c><c r="D2"><f t="shared" si="0"/><v>3</v></c><x:c r="E2"><x:f>1+1</x:f><x:v>2</x:v></x:c><c r="F2"/></row></sheetData>';
		expect(findFormulas(xml)).toEqual([
			{ ref: 'B2', formula: 'SUM(C2:D2)', cached: true },
			{ ref: 'C2', formula: 'A1&"!"', cached: false },
			{ ref: 'D2', formula: '(shared formula)', cached: true },
			{ ref: 'E2', formula: '1+1', cached: true }
		]);
	});

	it('converts column letters both ways', () => {
		expect(['A', 'Z', 'AA', 'AZ', 'BA'].map(columnIndex)).toEqual([0, 25, 26, 51, 52]);
		expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
	});
});

it('ImportFileError is what file problems throw', async () => {
	await expect(readImportFile('empty.csv', new Uint8Array())).rejects.toBeInstanceOf(ImportFileError);
});

describe('the committed browser-test fixtures read as the browser tests expect', () => {
	const reference = {
		councils: csvParse(fs.readFileSync('data/councils.csv', 'utf8')) as unknown as ImportReference['councils'],
		serviceAreas: csvParse(fs.readFileSync('data/service_areas.csv', 'utf8')) as unknown as ImportReference['serviceAreas'],
		types: csvParse(fs.readFileSync('data/collaborative_types.csv', 'utf8')) as unknown as ImportReference['types']
	};
	const fixture = async (name: string) => {
		const { table } = await readImportFile(name, new Uint8Array(fs.readFileSync(`tests/fixtures/import/${name}`)));
		return validateRows(table, guessMapping(table.headers), reference, { defaultReportedYear: 2026 });
	};

	it('good-survey.csv: every row imports', async () => {
		const result = await fixture('good-survey.csv');
		expect(result).toMatchObject({ total: 6, valid: 6, invalid: 0 });
		expect(result.rows.map((r) => r.source.councils)).toEqual([
			'East Ayrshire;South Ayrshire',
			'Angus;Dundee City;Perth and Kinross',
			'Na h-Eileanan Siar;Orkney Islands;Shetland Islands',
			'ALL',
			'City of Edinburgh;Midlothian',
			'Clackmannanshire;Stirling'
		]);
		expect(result.rows.map((r) => r.line)).toEqual([4, 5, 6, 7, 8, 9]);
	});

	it('unknown-councils.csv: two rows stopped, one with a suggestion', async () => {
		const result = await fixture('unknown-councils.csv');
		expect(result).toMatchObject({ total: 4, valid: 2, invalid: 2 });
		expect(result.problems.filter((p) => p.severity === 'error').map((p) => [p.line, p.suggestions?.map((s) => s.to) ?? []])).toEqual([
			[2, ['Aberdeenshire']],
			[3, []]
		]);
	});

	it('formulas.csv: no row imports', async () => {
		expect(await fixture('formulas.csv')).toMatchObject({ total: 4, valid: 0, invalid: 4 });
	});

	it('unbalanced-quotes.csv and empty.csv are refused outright', async () => {
		await expect(fixture('unbalanced-quotes.csv')).rejects.toThrow(/^Row 3: a quoted value starts but never ends/);
		await expect(fixture('empty.csv')).rejects.toThrow(/empty/);
	});
});
