/**
 * How the import reads the bytes of a file before any row is checked: its text encoding, files
 * too wide to be a survey return, and workbooks refused for their size or their number of parts.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import writeExcelFile from 'write-excel-file/node';
import {
	ImportFileError,
	MAX_COLUMNS,
	MAX_UNPACKED_BYTES,
	MAX_ZIP_ENTRIES,
	decodeText,
	encodingNote,
	firstLineWidth,
	readImportFile
} from '../../src/lib/import/read-file';

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.resolve('tests/fixtures/import', name)));
const EXPECTED_CELLS = ['Café meals for schools', '£12k a year', 'The councils’ shared café contract', 'Régie of roads', '£1.2m'];

describe('the text encoding of a CSV', () => {
	it('reads Windows-1252 bytes (é, £ and ’ as older Excel saves them) as Windows-1252, and asks for a check', async () => {
		const bytes = fixture('windows-1252.csv');
		// The fixture really is Windows-1252: é is 0xE9, £ 0xA3 and ’ 0x92, none of them valid UTF-8 here.
		expect([...bytes]).toEqual(expect.arrayContaining([0xe9, 0xa3, 0x92]));
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
		const decoded = decodeText(bytes);
		expect(decoded.encoding).toBe('windows-1252');
		for (const cell of EXPECTED_CELLS) expect(decoded.text).toContain(cell);
		expect(decoded.text).not.toContain('\ufffd');

		const read = await readImportFile('windows-1252.csv', bytes);
		expect(read.encoding).toBe('windows-1252');
		expect(read.table.rows[0].cells).toEqual(['Café meals for schools', 'Fife; Falkirk', 'Education & Learning', '£12k a year', 'The councils’ shared café contract']);
		expect(encodingNote('windows-1252')).toEqual({ text: 'Read as Windows-1252 (older Excel): check accented letters and £ signs.', check: true });
	});

	it('reads UTF-8 with and without a byte-order mark, the mark not becoming part of the first heading', async () => {
		for (const [name, bom] of [
			['utf-8.csv', false],
			['utf-8-bom.csv', true]
		] as const) {
			const decoded = decodeText(fixture(name));
			expect(decoded).toMatchObject({ encoding: 'utf-8', bom });
			const read = await readImportFile(name, fixture(name));
			expect(read.table.headers[0]).toBe('Activity name');
			expect(read.table.rows.flatMap((r) => r.cells)).toEqual(expect.arrayContaining(EXPECTED_CELLS));
			expect(read.encoding).toBe('utf-8');
		}
		expect(encodingNote('utf-8')).toEqual({ text: 'Read as UTF-8 text.', check: false });
	});

	it('reads UTF-16 little- and big-endian with a byte-order mark, and little-endian without one', async () => {
		for (const [name, encoding, bom] of [
			['utf-16le-bom.txt', 'utf-16le', true],
			['utf-16be-bom.txt', 'utf-16be', true],
			['utf-16le-nobom.txt', 'utf-16le', false]
		] as const) {
			expect(decodeText(fixture(name))).toMatchObject({ encoding, bom });
			const read = await readImportFile(name, fixture(name));
			expect(read.encoding).toBe(encoding);
			expect(read.table.headers).toEqual(['Activity name', 'Participating councils', 'Service areas', 'Savings', 'Summary']);
			expect(read.table.rows.flatMap((r) => r.cells)).toEqual(expect.arrayContaining(EXPECTED_CELLS));
		}
		expect(encodingNote('utf-16be').text).toMatch(/UTF-16/);
	});

	it('does not take plain ASCII text, or a binary file, for UTF-16', () => {
		expect(decodeText(new TextEncoder().encode('Name,Councils\nRoads,Fife\n')).encoding).toBe('utf-8');
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 4, 0, 0, 0, 3, 0]);
		expect(decodeText(png).encoding).not.toMatch(/utf-16/);
	});
});

describe('files too wide to be a survey return', () => {
	const wide = (columns: number, rows = 2) => {
		const header = Array.from({ length: columns }, (_, i) => `Column ${i + 1}`).join(',');
		const row = Array.from({ length: columns }, (_, i) => `v${i}`).join(',');
		return new TextEncoder().encode([header, ...Array.from({ length: rows }, () => row)].join('\n') + '\n');
	};

	it('counts the first line’s columns without parsing, outside quotes, ignoring trailing blanks', () => {
		expect(firstLineWidth('a,b,c\n1,2,3,4,5', ',')).toBe(3);
		expect(firstLineWidth('"a,b",c\n', ',')).toBe(2);
		expect(firstLineWidth('\n\na;b;c;d;;;\n', ';')).toBe(4);
		expect(firstLineWidth('a\tb', '\t')).toBe(2);
	});

	it('refuses a 20,000-column CSV before reading its rows, naming the count', async () => {
		const error = await readImportFile('wide.csv', wide(20_000)).catch((e) => e);
		expect(error).toBeInstanceOf(ImportFileError);
		expect(error.message).toBe(
			`This file has 20,000 columns; the import reads at most ${MAX_COLUMNS}. A survey return needs only the columns the template lists: save a copy with just those and import that.`
		);
	});

	it('reads a file of exactly the limit, and refuses one column more', async () => {
		expect((await readImportFile('ok.csv', wide(MAX_COLUMNS))).table.headers).toHaveLength(MAX_COLUMNS);
		await expect(readImportFile('over.csv', wide(MAX_COLUMNS + 1))).rejects.toThrow(`This file has 501 columns`);
	});

	it('refuses a data row far wider than the headings, naming its row', async () => {
		const text = `Activity,Councils\nRoads,Fife\n${'x,'.repeat(700)}x\n`;
		await expect(readImportFile('ragged.csv', new TextEncoder().encode(text))).rejects.toThrow(/^Row 3 has 701 columns; the import reads at most 500\./);
	});

	it('does not count stray trailing commas as columns', async () => {
		const text = `Activity,Councils${','.repeat(900)}\nRoads,Fife${','.repeat(900)}\n`;
		const read = await readImportFile('commas.csv', new TextEncoder().encode(text));
		expect(read.table.headers).toEqual(['Activity', 'Councils']);
	});

	it('refuses a workbook sheet wider than the limit', async () => {
		const header = Array.from({ length: 600 }, (_, i) => ({ value: `H${i}` }));
		const bytes = new Uint8Array(await writeExcelFile([header, header.map(() => ({ value: 'x' }))] as never).toBuffer());
		await expect(readImportFile('wide.xlsx', bytes)).rejects.toThrow(/^This file has 600 columns; the import reads at most 500\./);
	});
});

describe('workbooks refused for what they unpack to', () => {
	it('refuses a workbook of many tiny parts for their number, not for a size it does not have', async () => {
		const entries: Record<string, Uint8Array> = { 'xl/workbook.xml': strToU8('<workbook/>') };
		for (let i = 0; i < MAX_ZIP_ENTRIES + 5; i++) entries[`xl/media/p${i}.xml`] = strToU8('x');
		const error = await readImportFile('many.xlsx', zipSync(entries, { level: 0 })).catch((e) => e);
		expect(error).toBeInstanceOf(ImportFileError);
		expect(error.message).toMatch(/^This workbook is made of 10,006 internal parts, more than the 10,000 the import allows;/);
		expect(error.message).not.toMatch(/MB/);
	});

	it('refuses a workbook that declares more than 400 MB unpacked, in the right units', async () => {
		const zip = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(1024) });
		// A zip bomb declares its true size; here the central directory says 512 MB for the sheet.
		const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
		let patched = 0;
		for (let at = 0; at + 46 <= zip.length; at++) {
			if (view.getUint32(at, true) !== 0x02014b50) continue;
			const nameLength = view.getUint16(at + 28, true);
			const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
			if (name === 'xl/worksheets/sheet1.xml') {
				view.setUint32(at + 24, 512 * 1024 * 1024, true);
				patched++;
			}
		}
		expect(patched).toBe(1);
		const error = await readImportFile('bomb.xlsx', zip).catch((e) => e);
		expect(error).toBeInstanceOf(ImportFileError);
		expect(error.message).toMatch(/^This workbook unpacks to 512 MB, more than the 400 MB the import allows\./);
		expect(MAX_UNPACKED_BYTES).toBe(400 * 1024 * 1024);
	});
});

it('maps every Windows-1252 byte from 0x80 to 0x9F to its character, whatever the decoder underneath does', () => {
	// Two bytes that are not UTF-8 on their own, so the file is read as Windows-1252.
	const bytes = new Uint8Array([0x80, 0x20, 0x85, 0x20, 0x8a, 0x20, 0x91, 0x92, 0x93, 0x94, 0x20, 0x96, 0x97, 0x20, 0x99, 0x20, 0x9f]);
	expect(decodeText(bytes).text).toBe('€ … Š ‘’“” –— ™ Ÿ');
});
