// One definition of the dataset's vocabulary and derivations, shared by the app and the Node
// build scripts (which load it through Vite's module runner, scripts/lib/dataset.mjs).

export const STATUSES = ['operational', 'developing', 'proposed', 'ended', 'unknown'] as const;
export const PARTNER_TYPES = [
	'nhs',
	'police',
	'fire',
	'scottish_government',
	'national_body',
	'third_sector',
	'private',
	'other_public'
] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];
export const PARTNER_TYPE_LABELS: Record<PartnerType, string> = {
	nhs: 'NHS',
	police: 'Police',
	fire: 'Fire and rescue',
	scottish_government: 'Scottish Government',
	national_body: 'National body',
	third_sector: 'Third sector',
	private: 'Private sector',
	other_public: 'Other public body'
};
/**
 * Where an activity comes from: one of the published reports (quoted verbatim), the public record
 * (an instrument or publication in data/sources.csv), or a survey file a user imported in the
 * browser (data/ never holds those).
 */
export const SOURCE_KINDS = ['report', 'public_record', 'imported'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
	report: 'Published report',
	public_record: 'Public record',
	imported: 'Imported file'
};
/**
 * What kind of document a source in data/sources.csv is. `report` is kept for the published
 * reports the dataset quotes (each has its text file); the public record is everything else.
 * An import adds one source of kind `imported_file`: the file itself.
 */
export const SOURCE_DOCUMENT_KINDS = [
	'report',
	'legislation',
	'government_publication',
	'council_paper',
	'body_publication'
] as const;
export const IMPORTED_FILE_KIND = 'imported_file';
/** The one source an imported dataset's activities cite: the file they came from. */
export const IMPORTED_SOURCE_ID = 'imported-file';

/** UK and Scottish statutory instruments, Acts of the Scottish Parliament, UK public and local Acts. */
export const LEGISLATION_ID = /^(si|ssi|asp|ukpga|ukla)-(\d{4})-(\d+)$/;

function lowerRoman(n: number) {
	const numerals = [[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']] as const;
	let out = '';
	for (const [value, numeral] of numerals) for (; n >= value; n -= value) out += numeral;
	return out;
}

/**
 * How a statute or instrument is cited from its source id: `ssi-2005-622` is "SSI 2005/622".
 */
export function legislationNumber(id: string): string | undefined {
	const match = LEGISLATION_ID.exec(id);
	if (!match) return undefined;
	const [, series, year, number] = match;
	if (series === 'asp') return `${year} asp ${number}`;
	if (series === 'ukpga') return `${year} c. ${number}`;
	// Local Acts are numbered in lower-case roman numerals: the Tay Road Bridge Order Confirmation Act 1991 is 1991 c. iv.
	if (series === 'ukla') return `${year} c. ${lowerRoman(Number(number))}`;
	return `${series.toUpperCase()} ${year}/${number}`;
}

export type SourceDocument = {
	id?: string | null;
	title?: string | null;
	publisher?: string | null;
	year?: string | number | null;
	kind?: string | null;
};

/**
 * A source as the app shows it, "Title (Publisher, Year), Locator"; legislation by its number,
 * "Title (SSI 2005/622), Schedule 1"; an imported file by its name. Never a file name of ours.
 */
export function citation(source: SourceDocument | null | undefined, locator?: string | null) {
	const where = locator?.trim() ?? '';
	if (!source?.title) return where;
	const number = source.kind === 'legislation' ? legislationNumber(source.id ?? '') : undefined;
	const details = number ?? [source.publisher, source.year].filter((part) => part !== null && part !== undefined && part !== '').join(', ');
	return `${source.title}${details ? ` (${details})` : ''}${where ? `, ${where}` : ''}`;
}
export const SPECTRUM_LEVELS = ['communicate', 'cooperate', 'coordinate', 'collaborate', 'integrate'] as const;
export const REACHES = ['single', 'cluster', 'regional', 'national', 'unspecified'] as const;
export type Reach = (typeof REACHES)[number];
export const REACH_LABELS: Record<Reach, string> = {
	single: 'Single council',
	cluster: 'Cluster (2–4 councils)',
	regional: 'Regional (5–23 councils)',
	national: 'National (24+ councils)',
	unspecified: 'Councils not named'
};
export const COUNCIL_COUNT = 32;
/** Three quarters of councils: the report's "all or a large number of authorities". */
export const NATIONAL_THRESHOLD = 24;

/**
 * Geographic reach follows from how many councils take part; it is never typed by hand.
 */
export function deriveReach(councilCount: number): Reach {
	if (councilCount <= 0) return 'unspecified';
	if (councilCount === 1) return 'single';
	if (councilCount <= 4) return 'cluster';
	if (councilCount < NATIONAL_THRESHOLD) return 'regional';
	return 'national';
}

export function splitList(cell: string | undefined | null) {
	return (cell ?? '')
		.split(';')
		.map((part) => part.trim())
		.filter(Boolean);
}

/**
 * Quotes are checked verbatim except for whitespace, which PDF-to-text conversion scatters.
 */
export function normaliseWhitespace(text: string) {
	return text.replace(/\s+/g, ' ').trim();
}

export function nameKey(name: string) {
	return name
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/\b(council|comhairle)\b/g, ' ')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

export type CouncilRow = { code: string; code_2013: string; name: string; aliases: string };

/** Every official name, alias and GSS code (both vintages) by key. */
export function councilLookup<Council extends CouncilRow>(councils: Council[]): Map<string, Council> {
	const lookup = new Map<string, Council>();
	for (const council of councils) {
		for (const key of [council.name, ...splitList(council.aliases)]) lookup.set(nameKey(key), council);
		lookup.set(council.code.toLowerCase(), council);
		lookup.set(council.code_2013.toLowerCase(), council);
	}
	return lookup;
}

export function resolveCouncil<Council extends CouncilRow>(text: string, lookup: Map<string, Council>): Council | undefined {
	return lookup.get(text.trim().toLowerCase()) ?? lookup.get(nameKey(text));
}

/** `partnersCell` is `Name|type;Name|type`. */
export function parsePartners(partnersCell: string): { name: string; type: string }[] {
	return splitList(partnersCell).map((entry) => {
		const bar = entry.lastIndexOf('|');
		return bar < 0
			? { name: entry, type: '' }
			: { name: entry.slice(0, bar).trim(), type: entry.slice(bar + 1).trim() };
	});
}
