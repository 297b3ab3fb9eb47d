import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadCsv, toCsv } from '../../src/lib/export/csv';

const columns = [
	{ key: 'name', header: 'Name' },
	{ key: 'n', header: 'Count' }
];
// The one record's first field, cut out by position so a quoted line break inside it survives.
const cell = (value: unknown) => toCsv([{ name: value, n: 1 }], columns).slice('Name,Count\r\n'.length, -',1\r\n'.length);

describe('toCsv', () => {
	it('writes a header row and CRLF-terminated records', () => {
		expect(toCsv([{ name: 'Tayside Contracts', n: 3 }], columns)).toBe('Name,Count\r\nTayside Contracts,3\r\n');
	});

	it('writes only the header for no rows', () => {
		expect(toCsv([], columns)).toBe('Name,Count\r\n');
	});

	it('keeps column order and leaves missing, null and undefined cells empty', () => {
		const csv = toCsv([{ n: null }, { name: undefined, n: 2, extra: 'ignored' }], columns);
		expect(csv).toBe('Name,Count\r\n,\r\n,2\r\n');
	});

	it('quotes commas, doubles quotes and keeps line breaks inside one quoted field', () => {
		expect(cell('Roads, bridges')).toBe('"Roads, bridges"');
		expect(cell('The "Alliance"')).toBe('"The ""Alliance"""');
		expect(cell('line one\nline two')).toBe('"line one\nline two"');
		expect(cell('line one\r\nline two')).toBe('"line one\r\nline two"');
	});

	it.each([
		['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
		['=1+1', "'=1+1"],
		['+1', "'+1"],
		['-1', "'-1"],
		['-2+3+cmd|\' /C calc\'!A0', "'-2+3+cmd|' /C calc'!A0"],
		['@SUM(A1:A9)', "'@SUM(A1:A9)"],
		['\t=1+1', "'\t=1+1"],
		['\r=1+1', `"'\r=1+1"`],
		['＝1+1', "'＝1+1"]
	])('neutralises the formula %j', (value, expected) => {
		expect(cell(value)).toBe(expected);
	});

	it('keeps real numbers numeric, including negative ones', () => {
		expect(cell(-3)).toBe('-3');
		expect(cell(2014)).toBe('2014');
		expect(cell(0.5)).toBe('0.5');
		expect(cell(Number.NaN)).toBe('');
	});

	it('leaves text that merely contains a trigger character alone', () => {
		expect(cell('Fife – Dundee')).toBe('Fife – Dundee');
		expect(cell('a=b')).toBe('a=b');
		expect(cell('email@example.org')).toBe('email@example.org');
	});

	it('neutralises a header too', () => {
		expect(toCsv([], [{ key: 'x', header: '=evil' }])).toBe("'=evil\r\n");
	});

	it('writes booleans as text', () => {
		expect(cell(true)).toBe('true');
	});
});

describe('downloadCsv', () => {
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.useRealTimers();
	});

	it('clicks a temporary download link for a UTF-8 CSV blob with a BOM, then revokes it', async () => {
		vi.useFakeTimers();
		const clicked: { href: string; download: string }[] = [];
		const link = {
			href: '',
			download: '',
			rel: '',
			style: {} as Record<string, string>,
			click() {
				clicked.push({ href: this.href, download: this.download });
			},
			remove: vi.fn()
		};
		const blobs: Blob[] = [];
		const revoke = vi.fn();
		vi.stubGlobal('document', { createElement: () => link, body: { append: vi.fn() } });
		vi.stubGlobal('URL', {
			createObjectURL: (blob: Blob) => (blobs.push(blob), 'blob:csv'),
			revokeObjectURL: revoke
		});

		downloadCsv('a,b\r\n', 'activities.csv');

		expect(clicked).toEqual([{ href: 'blob:csv', download: 'activities.csv' }]);
		expect(link.remove).toHaveBeenCalled();
		expect(blobs[0].type).toBe('text/csv;charset=utf-8');
		const bytes = new Uint8Array(await blobs[0].arrayBuffer());
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(new TextDecoder().decode(bytes.slice(3))).toBe('a,b\r\n');
		expect(revoke).not.toHaveBeenCalled();
		vi.runAllTimers();
		expect(revoke).toHaveBeenCalledWith('blob:csv');
	});
});
