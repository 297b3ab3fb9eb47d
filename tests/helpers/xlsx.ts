/** Reads back an .xlsx the app wrote, as Excel would see its cells, without a spreadsheet library. */
import { unzipSync, strFromU8 } from 'fflate';

/** Sheet XML by sheet name, and the shared strings, from the workbook's zip. */
export function readWorkbook(bytes: Uint8Array) {
	const files = unzipSync(bytes);
	const text = (name: string) => strFromU8(files[name]);
	const workbook = text('xl/workbook.xml');
	const rels = text('xl/_rels/workbook.xml.rels');
	const shared = [...text('xl/sharedStrings.xml').matchAll(/<si>(?:<t[^>]*>([\s\S]*?)<\/t>)?<\/si>/g)].map((m) =>
		(m[1] ?? '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&')
	);
	const sheets = new Map<string, string>();
	const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
	const targets = new Map([...rels.matchAll(/<Relationship [^>]*>/g)].map(([tag]) => [attribute(tag, 'Id'), attribute(tag, 'Target')]));
	for (const [tag] of workbook.matchAll(/<sheet [^>]*>/g)) {
		sheets.set(attribute(tag, 'name')!, text(`xl/${targets.get(attribute(tag, 'r:id'))!.replace(/^\/?xl\//, '')}`));
	}
	// Which cell styles have the Text number format ("@").
	const styles = text('xl/styles.xml');
	const textFormats = new Set([...styles.matchAll(/<numFmt [^>]*>/g)].filter(([t]) => attribute(t, 'formatCode') === '@').map(([t]) => attribute(t, 'numFmtId')));
	textFormats.add('49');
	const xfs = [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1].matchAll(/<xf[^>]*>/g)].map(([t]) => textFormats.has(attribute(t, 'numFmtId') ?? ''));
	const rows = (name: string) => [...sheets.get(name)!.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((r) => r[1]);
	/** Each cell of a row as its type attribute, shown value and whether it holds a formula, placed by its column (empty cells are left out of the file). */
	const cells = (row: string) => {
		type Read = { type: string | undefined; value: string | undefined; formula: boolean; textFormat: boolean };
		const out: (Read | undefined)[] = [];
		for (const c of row.matchAll(/<c ([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
			const type = /t="([^"]+)"/.exec(c[1])?.[1];
			const v = /<v>([\s\S]*?)<\/v>/.exec(c[2] ?? '')?.[1];
			const style = Number(/\ss="(\d+)"/.exec(` ${c[1]}`)?.[1] ?? 0);
			const column = [.../r="([A-Z]+)\d+"/.exec(c[1])![1]].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1;
			out[column] = { type, value: type === 's' && v !== undefined ? shared[Number(v)] : v, formula: /<f[\s>]/.test(c[2] ?? ''), textFormat: xfs[style] ?? false };
		}
		return Array.from(out, (c) => c ?? { type: undefined, value: undefined, formula: false, textFormat: false });
	};
	return { names: [...sheets.keys()], rows, cells, sheets };
}
