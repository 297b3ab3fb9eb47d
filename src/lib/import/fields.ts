/**
 * The fields an imported survey row can fill, and how a spreadsheet's own column headings are
 * matched to them. People head their columns "Council(s)", "Participating councils",
 * "Category"…; the mapping step shows this guess and lets them correct it.
 */

export const FIELD_KEYS = [
	'name',
	'councils',
	'councils_note',
	'lead_council',
	'partners',
	'service_areas',
	'collaborative_type',
	'delivery_mechanism',
	'status',
	'start_year',
	'end_year',
	'reported_year',
	'summary',
	'benefits',
	'savings'
] as const;

export type FieldKey = (typeof FIELD_KEYS)[number];

export interface FieldSpec {
	key: FieldKey;
	/** The heading the template uses, and what the mapping step calls the field. */
	label: string;
	hint: string;
	required?: boolean;
	/** Headings (already normalised) that mean this field. */
	synonyms: string[];
}

export const FIELDS: FieldSpec[] = [
	{
		key: 'name',
		label: 'Activity name',
		hint: 'Required. The name of the shared service or collaboration.',
		required: true,
		synonyms: ['activity', 'name', 'title', 'project', 'project name', 'collaboration', 'initiative', 'arrangement', 'shared service', 'service name', 'activity title']
	},
	{
		key: 'councils',
		label: 'Participating councils',
		hint: 'Council names separated by semicolons (or commas), or ALL. Needed unless the note says why none are named.',
		synonyms: ['council', 'councils', 'participating councils', 'partner councils', 'member councils', 'councils involved', 'local authorities', 'local authority', 'authorities', 'participating authorities', 'members', 'participants']
	},
	{
		key: 'councils_note',
		label: 'Note on membership',
		hint: 'Why no councils are named, or how membership is known.',
		synonyms: ['councils note', 'council note', 'membership note', 'membership', 'note', 'notes']
	},
	{
		key: 'lead_council',
		label: 'Lead council',
		hint: 'One council, if one leads or hosts.',
		synonyms: ['lead', 'lead council', 'lead authority', 'host council', 'host authority', 'lead local authority', 'lead organisation']
	},
	{
		key: 'partners',
		label: 'Other partners',
		hint: 'Non-council partners separated by semicolons; add the type after a bar, e.g. "NHS Fife|nhs".',
		synonyms: ['partners', 'other partners', 'partner organisations', 'partner bodies', 'other organisations', 'non council partners']
	},
	{
		key: 'service_areas',
		label: 'Service areas',
		hint: 'One or more service areas from the allowed values, separated by semicolons.',
		synonyms: ['service area', 'service areas', 'category', 'categories', 'service', 'services', 'subject area', 'theme', 'area of service']
	},
	{
		key: 'collaborative_type',
		label: 'Collaborative type',
		hint: 'One of the collaborative types in the allowed values.',
		synonyms: ['type', 'collaborative type', 'collaboration type', 'type of collaboration', 'type of activity', 'activity type']
	},
	{
		key: 'delivery_mechanism',
		label: 'Delivery mechanism',
		hint: 'As stated, e.g. Joint Committee, Lead authority, Company.',
		synonyms: ['delivery mechanism', 'mechanism', 'delivery model', 'governance', 'governance model', 'model']
	},
	{
		key: 'status',
		label: 'Status',
		hint: 'operational, developing, proposed, ended or unknown.',
		synonyms: ['status', 'stage', 'current status']
	},
	{
		key: 'start_year',
		label: 'Start year',
		hint: 'Four digits, e.g. 2014.',
		synonyms: ['start', 'start year', 'year', 'year started', 'start date', 'started', 'date started', 'year began', 'since']
	},
	{
		key: 'end_year',
		label: 'End year',
		hint: 'Four digits, only if the arrangement has ended (its status is then ended).',
		synonyms: ['end', 'end year', 'year ended', 'end date', 'ended', 'date ended', 'until', 'closed']
	},
	{
		key: 'reported_year',
		label: 'Year reported',
		hint: 'When the return was made; this year if left empty.',
		synonyms: ['reported year', 'year reported', 'survey year', 'return year', 'reported']
	},
	{
		key: 'summary',
		label: 'Summary',
		hint: 'One or two plain sentences.',
		synonyms: ['summary', 'description', 'details', 'overview', 'about', 'brief description']
	},
	{
		key: 'benefits',
		label: 'Benefits',
		hint: 'Reported benefits, separated by semicolons.',
		synonyms: ['benefits', 'outcomes', 'benefits realised', 'reported benefits']
	},
	{
		key: 'savings',
		label: 'Savings',
		hint: 'Savings as stated, amounts and periods verbatim.',
		synonyms: ['savings', 'financial savings', 'cost savings', 'efficiencies']
	}
];

export const FIELD_BY_KEY = Object.fromEntries(FIELDS.map((f) => [f.key, f])) as Record<FieldKey, FieldSpec>;

/** Which column (by index) feeds each field; null when the file has no such column. */
export type ColumnMapping = Record<FieldKey, number | null>;

export function emptyMapping(): ColumnMapping {
	return Object.fromEntries(FIELD_KEYS.map((k) => [k, null])) as ColumnMapping;
}

/**
 * A heading reduced to lowercase words: "Council(s)" → "council", "Start date (YYYY)" → "start
 * date", "Lead_council" → "lead council", "Service Area / Category" → "service area category".
 */
export function normaliseHeader(header: string): string {
	return header
		.toLowerCase()
		.replace(/\(s\)/g, '')
		.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

/** Every heading that names a field outright: its synonyms, its template label and its dataset column. */
const EXACT = new Map<string, FieldKey>();
for (const field of FIELDS) {
	for (const heading of [...field.synonyms, normaliseHeader(field.label), normaliseHeader(field.key)]) {
		if (!EXACT.has(heading)) EXACT.set(heading, field.key);
	}
}

/** How strongly a heading suggests a field: 3 for an exact heading, 1–2 for a heading that contains one. */
function score(heading: string, field: FieldSpec): number {
	if (!heading) return 0;
	if (EXACT.get(heading) === field.key) return 3;
	let best = 0;
	const padded = ` ${heading} `;
	for (const synonym of field.synonyms) {
		// Longer phrases win, so "name of lead council" goes to the lead, not to "council" or "name".
		if (padded.includes(` ${synonym} `)) best = Math.max(best, 1 + Math.min(synonym.length, 40) / 40);
	}
	return best;
}

/** The best guess at which column feeds which field; each column feeds at most one field. */
export function guessMapping(headers: string[]): ColumnMapping {
	const mapping = emptyMapping();
	const normalised = headers.map(normaliseHeader);
	const pairs: { field: FieldKey; column: number; score: number }[] = [];
	for (const field of FIELDS) {
		normalised.forEach((heading, column) => {
			const s = score(heading, field);
			if (s > 0) pairs.push({ field: field.key, column, score: s });
		});
	}
	pairs.sort((a, b) => b.score - a.score || a.column - b.column);
	const usedColumns = new Set<number>();
	for (const pair of pairs) {
		if (mapping[pair.field] !== null || usedColumns.has(pair.column)) continue;
		mapping[pair.field] = pair.column;
		usedColumns.add(pair.column);
	}
	return mapping;
}

/** How many fields a row of headings would fill: the evidence that a row is the heading row. */
export function mappedCount(headers: string[]): number {
	return Object.values(guessMapping(headers)).filter((column) => column !== null).length;
}

/**
 * Which of the first rows holds the headings. Returns often carry a title or a blank line above
 * the table; the heading row is the first one that names at least two known fields, else the
 * first non-blank row.
 */
export function findHeaderRow(rows: string[][], lookAhead = 10): number {
	const candidates: number[] = [];
	for (let i = 0; i < rows.length && candidates.length < lookAhead; i++) {
		if (rows[i].some((cell) => cell.trim())) candidates.push(i);
	}
	if (!candidates.length) return -1;
	let best = candidates[0];
	let bestCount = 1;
	for (const i of candidates) {
		const count = mappedCount(rows[i]);
		if (count > bestCount) {
			best = i;
			bestCount = count;
		}
	}
	return best;
}

/** Problems with a mapping that stop the import going further. */
export function mappingProblems(mapping: ColumnMapping): string[] {
	const problems: string[] = [];
	if (mapping.name === null) problems.push('Choose the column that holds each activity’s name.');
	if (mapping.councils === null && mapping.councils_note === null)
		problems.push('Choose the column that lists the participating councils (or one with a note on membership).');
	return problems;
}
