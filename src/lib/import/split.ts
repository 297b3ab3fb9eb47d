/**
 * Splitting multi-valued spreadsheet cells. Survey returns list councils every way people type
 * them: "East Ayrshire; South Ayrshire", one per line, "Angus, Dundee City and Fife". Semicolons
 * and line breaks always separate; commas, "and" and "&" only where that is unambiguous, because
 * "Perth and Kinross" and "Argyll & Bute" are single councils.
 */

/** Values separated by semicolons or line breaks, trimmed, blanks dropped. */
export function splitHard(cell: string): string[] {
	return cell
		.split(/[;\r\n]+/)
		.map((part) => part.trim())
		.filter(Boolean);
}

const SOFT_SEPARATOR = /(\s*,\s*|\s+and\s+|\s*&\s*)/i;
/** A list longer than this is not split on "and"/"&" by search; commas still split it. */
const MAX_SOFT_TOKENS = 64;

/**
 * The one way of cutting `part` at commas, "and" and "&" into pieces that are all known, or
 * undefined when there is none or more than one.
 */
export function uniqueSegmentation(part: string, isKnown: (text: string) => boolean): string[] | undefined {
	const pieces = part.split(SOFT_SEPARATOR);
	// split() with a capturing group interleaves tokens and the separators between them.
	const tokens = pieces.filter((_, i) => i % 2 === 0);
	const separators = pieces.filter((_, i) => i % 2 === 1);
	if (tokens.length > MAX_SOFT_TOKENS || tokens.some((t) => !t.trim())) return undefined;
	const join = (from: number, to: number) => {
		let text = tokens[from];
		for (let k = from + 1; k < to; k++) text += separators[k - 1] + tokens[k];
		return text.trim();
	};
	// ways[i]: how many segmentations tokens[i..] has (counting stops at 2), and the first found.
	const ways: number[] = new Array(tokens.length + 1).fill(0);
	const next: number[] = new Array(tokens.length + 1).fill(-1);
	ways[tokens.length] = 1;
	for (let i = tokens.length - 1; i >= 0; i--) {
		for (let j = i + 1; j <= tokens.length; j++) {
			if (!ways[j] || !isKnown(join(i, j))) continue;
			if (ways[i] === 0) next[i] = j;
			ways[i] = Math.min(2, ways[i] + ways[j]);
		}
	}
	if (ways[0] !== 1) return undefined;
	const result: string[] = [];
	for (let i = 0; i < tokens.length; i = next[i]) result.push(join(i, next[i]));
	return result;
}

export interface SplitOptions {
	/**
	 * Whether a comma always separates when no clean split exists. True for councils (no name
	 * has a comma), so one typo in a list still leaves the other names readable; false for service
	 * areas, whose labels contain commas.
	 */
	commasAlwaysSeparate: boolean;
}

/** A multi-valued cell as its values; unknown values are kept so they can be reported. */
export function splitKnown(cell: string, isKnown: (text: string) => boolean, options: SplitOptions): string[] {
	const values: string[] = [];
	for (const part of splitHard(cell)) {
		if (isKnown(part)) {
			values.push(part);
			continue;
		}
		const segments = uniqueSegmentation(part, isKnown);
		if (segments) {
			values.push(...segments);
			continue;
		}
		if (!options.commasAlwaysSeparate || !part.includes(',')) {
			values.push(part);
			continue;
		}
		for (const piece of part.split(',').map((p) => p.trim()).filter(Boolean)) {
			values.push(...(isKnown(piece) ? [piece] : (uniqueSegmentation(piece, isKnown) ?? [piece])));
		}
	}
	return values;
}

/**
 * Partner organisations: names like "Scottish Fire and Rescue Service" hold "and", so only
 * semicolons and line breaks separate, or commas when the cell uses neither.
 */
export function splitPartnersCell(cell: string): string[] {
	if (/[;\r\n]/.test(cell)) return splitHard(cell);
	return cell
		.split(',')
		.map((part) => part.trim())
		.filter(Boolean);
}
