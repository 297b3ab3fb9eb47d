// Plain JS with JSDoc so the Node build scripts and the TypeScript app share one definition
// of the dataset's vocabulary and derivations.

export const STATUSES = /** @type {const} */ (['operational', 'developing', 'proposed', 'ended', 'unknown']);
export const PARTNER_TYPES = /** @type {const} */ ([
	'nhs',
	'police',
	'fire',
	'scottish_government',
	'national_body',
	'third_sector',
	'private',
	'other_public'
]);
export const PARTNER_TYPE_LABELS = {
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
export const SOURCE_KINDS = /** @type {const} */ (['report', 'public_record', 'imported']);
export const SOURCE_KIND_LABELS = {
	report: 'Published report',
	public_record: 'Public record',
	imported: 'Imported file'
};
/**
 * What kind of document a source in data/sources.csv is. `report` is kept for the published
 * reports the dataset quotes (each has its text file); the public record is everything else.
 * An import adds one source of kind `imported_file`: the file itself.
 */
export const SOURCE_DOCUMENT_KINDS = /** @type {const} */ ([
	'report',
	'legislation',
	'government_publication',
	'council_paper',
	'body_publication'
]);
export const IMPORTED_FILE_KIND = 'imported_file';
/** The one source an imported dataset's activities cite: the file they came from. */
export const IMPORTED_SOURCE_ID = 'imported-file';

/** UK and Scottish statutory instruments, Acts of the Scottish Parliament, UK public and local Acts. */
export const LEGISLATION_ID = /^(si|ssi|asp|ukpga|ukla)-(\d{4})-(\d+)$/;

/** @param {number} n */
function lowerRoman(n) {
	const numerals = /** @type {const} */ ([[1000, 'm'], [900, 'cm'], [500, 'd'], [400, 'cd'], [100, 'c'], [90, 'xc'], [50, 'l'], [40, 'xl'], [10, 'x'], [9, 'ix'], [5, 'v'], [4, 'iv'], [1, 'i']]);
	let out = '';
	for (const [value, numeral] of numerals) for (; n >= value; n -= value) out += numeral;
	return out;
}

/**
 * How a statute or instrument is cited from its source id: `ssi-2005-622` is "SSI 2005/622".
 * @param {string} id
 * @returns {string | undefined}
 */
export function legislationNumber(id) {
	const match = LEGISLATION_ID.exec(id);
	if (!match) return undefined;
	const [, series, year, number] = match;
	if (series === 'asp') return `${year} asp ${number}`;
	if (series === 'ukpga') return `${year} c. ${number}`;
	// Local Acts are numbered in lower-case roman numerals: the Tay Road Bridge Order Confirmation Act 1991 is 1991 c. iv.
	if (series === 'ukla') return `${year} c. ${lowerRoman(Number(number))}`;
	return `${series.toUpperCase()} ${year}/${number}`;
}

/**
 * @typedef {{ id?: string | null, title?: string | null, publisher?: string | null, year?: string | number | null, kind?: string | null }} SourceDocument
 */

/**
 * A source as the app shows it, "Title (Publisher, Year), Locator"; legislation by its number,
 * "Title (SSI 2005/622), Schedule 1"; an imported file by its name. Never a file name of ours.
 * @param {SourceDocument | null | undefined} source
 * @param {string | null} [locator]
 */
export function citation(source, locator) {
	const where = locator?.trim() ?? '';
	if (!source?.title) return where;
	const number = source.kind === 'legislation' ? legislationNumber(source.id ?? '') : undefined;
	const details = number ?? [source.publisher, source.year].filter((part) => part !== null && part !== undefined && part !== '').join(', ');
	return `${source.title}${details ? ` (${details})` : ''}${where ? `, ${where}` : ''}`;
}
export const SPECTRUM_LEVELS = /** @type {const} */ (['communicate', 'cooperate', 'coordinate', 'collaborate', 'integrate']);
export const REACHES = /** @type {const} */ (['single', 'cluster', 'regional', 'national', 'unspecified']);
export const REACH_LABELS = {
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
 * @param {number} councilCount
 * @returns {typeof REACHES[number]}
 */
export function deriveReach(councilCount) {
	if (councilCount <= 0) return 'unspecified';
	if (councilCount === 1) return 'single';
	if (councilCount <= 4) return 'cluster';
	if (councilCount < NATIONAL_THRESHOLD) return 'regional';
	return 'national';
}

/** @param {string | undefined | null} cell */
export function splitList(cell) {
	return (cell ?? '')
		.split(';')
		.map((part) => part.trim())
		.filter(Boolean);
}

/**
 * Quotes are checked verbatim except for whitespace, which PDF-to-text conversion scatters.
 * @param {string} text
 */
export function normaliseWhitespace(text) {
	return text.replace(/\s+/g, ' ').trim();
}

/** @param {string} name */
export function nameKey(name) {
	return name
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/\b(council|comhairle)\b/g, ' ')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/**
 * @typedef {{ code: string, code_2013: string, name: string, aliases: string }} CouncilRow
 * @param {CouncilRow[]} councils
 * @returns {Map<string, CouncilRow>} every official name, alias and GSS code (both vintages) by key
 */
export function councilLookup(councils) {
	const lookup = new Map();
	for (const council of councils) {
		for (const key of [council.name, ...splitList(council.aliases)]) lookup.set(nameKey(key), council);
		lookup.set(council.code.toLowerCase(), council);
		lookup.set(council.code_2013.toLowerCase(), council);
	}
	return lookup;
}

/**
 * @param {string} text
 * @param {Map<string, CouncilRow>} lookup
 */
export function resolveCouncil(text, lookup) {
	return lookup.get(text.trim().toLowerCase()) ?? lookup.get(nameKey(text));
}

/**
 * @param {string} partnersCell `Name|type;Name|type`
 * @returns {{ name: string, type: string }[]}
 */
export function parsePartners(partnersCell) {
	return splitList(partnersCell).map((entry) => {
		const bar = entry.lastIndexOf('|');
		return bar < 0
			? { name: entry, type: '' }
			: { name: entry.slice(0, bar).trim(), type: entry.slice(bar + 1).trim() };
	});
}
