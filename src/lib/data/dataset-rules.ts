// The dataset's rules and its normalised form, free of Node APIs so the build scripts and the
// browser (importing a survey) apply exactly the same logic.
import {
	COUNCIL_COUNT,
	LEGISLATION_ID,
	IMPORTED_FILE_KIND,
	SOURCE_DOCUMENT_KINDS,
	PARTNER_TYPES,
	SOURCE_KINDS,
	SPECTRUM_LEVELS,
	STATUSES,
	councilLookup,
	deriveReach,
	normaliseWhitespace,
	parsePartners,
	resolveCouncil,
	splitList,
	type CouncilRow
} from './model';
import { spectrumLevel } from './spectrum';

export const ACTIVITY_COLUMNS = [
	'id', 'name', 'summary', 'service_areas', 'collaborative_type', 'delivery_mechanism', 'lead_council',
	'start_year', 'end_year', 'status', 'reported_year', 'councils', 'councils_note', 'partners', 'benefits', 'savings',
	'source_kind', 'source_id', 'source_locator', 'source_quote', 'spectrum_level'
] as const;
export type ActivityColumn = (typeof ACTIVITY_COLUMNS)[number];
export const SOURCE_COLUMNS = ['id', 'title', 'publisher', 'year', 'kind', 'url', 'file'] as const;
const MAX_QUOTE_LENGTH = 200;
/** The columns a user reads as prose; none may call a source document a "seed". */
export const USER_TEXT_COLUMNS = ['name', 'summary', 'councils_note', 'benefits', 'savings'] as const satisfies readonly ActivityColumn[];
const SEED_WORD = /\bseeds?\b/i;
/** What `councils_note` says when the source names no service at all (the only time `service_areas` may be empty). */
export const NO_SERVICE_AREA_NOTE = 'names no service area';
const YEAR = /^(19|20)\d\d$/;

export type Row = Record<string, string>;
/**
 * One activity row as read (from data/activities/*.csv or an import) and where it was read. A
 * file may lack columns (`__columns` says which it has): `validate` reports that before any
 * other rule reads them.
 */
export type ActivitySourceRow = Record<ActivityColumn, string> & { __file: string; __line: number; __columns: readonly string[] };
export interface Sources {
	/** councils.csv: code, code_2013, name, aliases, region, region_source. */
	councils: Row[];
	serviceAreas: Row[];
	collaborativeTypes: Row[];
	surveyTables: Row[];
	sources: Row[];
	activities: ActivitySourceRow[];
	documents: Record<string, string>;
}

/** `value` is one of `list`: narrows a CSV cell to the vocabulary it should belong to. */
function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
	return (list as readonly string[]).includes(value);
}

/**
 * Every rule the dataset promises in data/README.md; returns one message per broken rule.
 * `origin: 'import'` checks rows a user imported in the browser: they are all `imported`, cite
 * the file they came from (a source of kind `imported_file`) instead of a quote, may leave the
 * service area open, and may be `ended` without an end year.
 */
export function validate(sources: Sources, { origin = 'build' }: { origin?: 'build' | 'import' } = {}): string[] {
	const errors: string[] = [];
	const { councils, serviceAreas, collaborativeTypes, surveyTables, activities, documents } = sources;
	// A Row reads every column as a string, so councils.csv's rows are CouncilRows.
	const lookup = councilLookup(councils as (Row & CouncilRow)[]);
	const canonicalNames = new Set(councils.map((c) => c.name));
	const areaIds = new Set(serviceAreas.map((a) => a.id));
	const typeIds = new Set(collaborativeTypes.map((t) => t.id));
	const normalisedDocuments = Object.fromEntries(Object.entries(documents).map(([f, text]) => [f, normaliseWhitespace(text)]));
	const sourceById = new Map<string, Row>();

	if (councils.length !== COUNCIL_COUNT) errors.push(`councils.csv: expected ${COUNCIL_COUNT} councils, found ${councils.length}`);
	for (const [field, values] of [['code', councils.map((c) => c.code)], ['name', councils.map((c) => c.name)]] as const) {
		const dupes = values.filter((v, i) => values.indexOf(v) !== i);
		if (dupes.length) errors.push(`councils.csv: duplicate ${field}: ${dupes.join(', ')}`);
	}

	sources.sources.forEach((source, index) => {
		const where = `sources.csv:${index + 2} (${source.id || 'no id'})`;
		const kinds: readonly string[] = origin === 'import' ? [...SOURCE_DOCUMENT_KINDS, IMPORTED_FILE_KIND] : SOURCE_DOCUMENT_KINDS;
		if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(source.id)) errors.push(`${where}: id must be a lowercase slug`);
		if (sourceById.has(source.id)) errors.push(`${where}: duplicate id`);
		sourceById.set(source.id, source);
		if (!source.title?.trim()) errors.push(`${where}: no title`);
		if (!kinds.includes(source.kind)) errors.push(`${where}: unknown kind "${source.kind}"`);
		if (source.year && !YEAR.test(source.year)) errors.push(`${where}: bad year "${source.year}"`);
		if (source.url && !/^https?:\/\/\S+$/.test(source.url)) errors.push(`${where}: url is not a web address`);
		if (source.kind === 'legislation') {
			const number = LEGISLATION_ID.exec(source.id);
			if (!number) errors.push(`${where}: legislation id must be si-, ssi-, asp-, ukpga- or ukla-<year>-<number>`);
			else if (number[2] !== source.year) errors.push(`${where}: id year ${number[2]} is not the year ${source.year}`);
		} else if (source.year && !source.id.includes(`-${source.year}-`))
			errors.push(`${where}: id must be <publisher>-${source.year}-<slug>`);
		// Only the published reports we quote come with their text; the file name never leaves data/.
		if ((source.kind === 'report') !== Boolean(source.file))
			errors.push(`${where}: a report needs its file, and only a report has one`);
		else if (source.file && !(source.file in documents)) errors.push(`${where}: file "${source.file}" not found among the source documents`);
	});

	const checkQuote = (sourceId: string, quote: string, where: string) => {
		const source = sourceById.get(sourceId);
		if (!source) return void errors.push(`${where}: unknown source_id "${sourceId}"`);
		if (source.kind !== 'report' || !(source.file in documents))
			return void errors.push(`${where}: source "${sourceId}" is not one of the published reports`);
		if (!quote.trim()) return void errors.push(`${where}: missing source_quote`);
		if (quote.length > MAX_QUOTE_LENGTH) errors.push(`${where}: source_quote longer than ${MAX_QUOTE_LENGTH} characters`);
		if (!normalisedDocuments[source.file].includes(normaliseWhitespace(quote)))
			errors.push(`${where}: source_quote not found verbatim in ${source.title}: "${quote.slice(0, 80)}"`);
	};

	councils.forEach((council, index) => {
		if (origin === 'build' && !sourceById.has(council.region_source))
			errors.push(`councils.csv:${index + 2} (${council.name}): region_source "${council.region_source}" is not in sources.csv`);
	});

	const seenIds = new Map<string, string>();
	for (const row of activities) {
		const where = `${row.__file}:${row.__line} (${row.id || 'no id'})`;
		const missingColumns = ACTIVITY_COLUMNS.filter((c) => !row.__columns.includes(c));
		if (missingColumns.length) {
			errors.push(`${where}: missing columns ${missingColumns.join(', ')}`);
			continue;
		}
		if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(row.id)) errors.push(`${where}: id must be a lowercase slug`);
		if (seenIds.has(row.id)) errors.push(`${where}: duplicate id, first at ${seenIds.get(row.id)}`);
		else seenIds.set(row.id, where);
		if (!row.name.trim()) errors.push(`${where}: empty name`);
		for (const column of USER_TEXT_COLUMNS)
			if (SEED_WORD.test(row[column])) errors.push(`${where}: ${column} says "seed"; call the source "the report"`);

		const imported = row.source_kind === 'imported';
		const areas = splitList(row.service_areas);
		if (!areas.length && !imported && !row.councils_note.includes(NO_SERVICE_AREA_NOTE))
			errors.push(`${where}: no service area (if the source names none, councils_note must say it "${NO_SERVICE_AREA_NOTE}")`);
		for (const area of areas) if (!areaIds.has(area)) errors.push(`${where}: unknown service area "${area}"`);
		if (row.collaborative_type && !typeIds.has(row.collaborative_type))
			errors.push(`${where}: unknown collaborative type "${row.collaborative_type}"`);
		if (!isOneOf(STATUSES, row.status)) errors.push(`${where}: unknown status "${row.status}"`);
		if (row.start_year && !YEAR.test(row.start_year)) errors.push(`${where}: bad start_year "${row.start_year}"`);
		if (row.end_year && !YEAR.test(row.end_year)) errors.push(`${where}: bad end_year "${row.end_year}"`);
		else if (row.end_year && row.start_year && Number(row.end_year) < Number(row.start_year))
			errors.push(`${where}: end_year ${row.end_year} is before start_year ${row.start_year}`);
		if (row.end_year && row.status !== 'ended') errors.push(`${where}: end_year is set but status is "${row.status}", not "ended"`);
		if (!row.end_year && row.status === 'ended' && !imported) errors.push(`${where}: status is "ended" but no end_year is set`);
		if (!YEAR.test(row.reported_year)) errors.push(`${where}: bad reported_year "${row.reported_year}"`);
		if (row.spectrum_level && !isOneOf(SPECTRUM_LEVELS, row.spectrum_level))
			errors.push(`${where}: unknown spectrum level "${row.spectrum_level}"`);

		const councilNames = splitList(row.councils);
		for (const name of councilNames) {
			if (name === 'ALL' && councilNames.length === 1) continue;
			if (!canonicalNames.has(name)) {
				const suggestion = resolveCouncil(name, lookup);
				errors.push(`${where}: unknown council "${name}"${suggestion ? ` (did you mean "${suggestion.name}"?)` : ''}`);
			}
		}
		if (new Set(councilNames).size !== councilNames.length) errors.push(`${where}: a council is listed twice`);
		if (!councilNames.length && !row.councils_note.trim())
			errors.push(`${where}: no councils named and no councils_note saying why`);
		if (row.lead_council && !canonicalNames.has(row.lead_council)) errors.push(`${where}: unknown lead council "${row.lead_council}"`);

		for (const partner of parsePartners(row.partners)) {
			if (!partner.name) errors.push(`${where}: partner with no name`);
			if (!isOneOf(PARTNER_TYPES, partner.type)) errors.push(`${where}: partner "${partner.name}" has unknown type "${partner.type}"`);
		}

		const source = sourceById.get(row.source_id);
		if (!isOneOf(SOURCE_KINDS, row.source_kind)) errors.push(`${where}: unknown source_kind "${row.source_kind}"`);
		else if (imported !== (origin === 'import'))
			errors.push(`${where}: source_kind "${row.source_kind}" does not belong in ${origin === 'import' ? 'an import' : 'data/'}`);
		else if (imported) {
			if (source?.kind !== IMPORTED_FILE_KIND || !source.title.trim()) errors.push(`${where}: imported row without the file it came from`);
		} else if (row.source_kind === 'report') checkQuote(row.source_id, row.source_quote, where);
		else if (!row.source_id) errors.push(`${where}: public record row without a source_id`);
		else if (!source) errors.push(`${where}: unknown source_id "${row.source_id}"`);
		else if (source.kind === 'report') errors.push(`${where}: public record row cites a published report ("${row.source_id}"); use source_kind "report" and a quote`);
	}

	const sums = new Map<string, number>();
	surveyTables.forEach((row, index) => {
		const where = `survey_tables.csv:${index + 2} (${row.table_id})`;
		checkQuote(row.source_id, row.source_quote, where);
		if (!/^\d+$/.test(row.number)) errors.push(`${where}: number is not a whole number`);
		if (!normaliseWhitespace(row.source_quote).includes(row.number)) errors.push(`${where}: number ${row.number} is not in its quote`);
		sums.set(row.table_id, (sums.get(row.table_id) ?? 0) + Number(row.number));
	});
	for (const row of surveyTables) {
		// Tables whose n is the sum of their own rows must say so truthfully; the headline table's n is the report's.
		if (row.n_note.includes('sum of the rows') && Number(row.n) !== sums.get(row.table_id))
			errors.push(`survey_tables.csv (${row.table_id}): n ${row.n} is not the sum of its rows (${sums.get(row.table_id)})`);
	}
	return errors;
}

/**
 * The normalised tables the app loads into DuckDB; `centroids` by current GSS code. Expects
 * sources that `validate` passed: every council named is a known council.
 */
export function buildTables(sources: Sources, centroids: Map<string, [number, number]>) {
	const byName = new Map(sources.councils.map((c) => [c.name, c]));
	const codeOf = (name: string) => {
		const council = byName.get(name);
		if (!council) throw new Error(`unknown council "${name}" (validate the sources first)`);
		return council.code;
	};
	const allCodes = sources.councils.map((c) => c.code);
	const activities = [];
	const activityCouncils = [];
	const activityPartners = [];
	const activityServiceAreas = [];
	for (const row of sources.activities) {
		const names = splitList(row.councils);
		const codes = names.length === 1 && names[0] === 'ALL' ? allCodes : names.map(codeOf);
		const lead = row.lead_council ? codeOf(row.lead_council) : '';
		for (const code of codes) activityCouncils.push({ activity_id: row.id, council_code: code, is_lead: code === lead });
		for (const partner of parsePartners(row.partners))
			activityPartners.push({ activity_id: row.id, partner_name: partner.name, partner_type: partner.type });
		for (const area of splitList(row.service_areas)) activityServiceAreas.push({ activity_id: row.id, service_area_id: area });
		activities.push({
			id: row.id,
			name: row.name,
			summary: row.summary,
			collaborative_type: row.collaborative_type,
			delivery_mechanism: row.delivery_mechanism,
			lead_council_code: lead,
			start_year: row.start_year,
			end_year: row.end_year,
			status: row.status,
			reported_year: row.reported_year,
			council_count: codes.length,
			reach: deriveReach(codes.length),
			councils_note: row.councils_note,
			benefits: row.benefits,
			savings: row.savings,
			source_kind: row.source_kind,
			source_id: row.source_id,
			source_locator: row.source_locator,
			source_quote: row.source_quote,
			// Derived by the documented rule (spectrum.ts); a value in the CSV overrides it.
			spectrum_level: spectrumLevel(row) ?? ''
		});
	}
	const councils = sources.councils.map((c) => {
		const centroid = centroids.get(c.code);
		if (!centroid) throw new Error(`no boundary for ${c.name} (${c.code})`);
		return {
			code: c.code,
			code_2013: c.code_2013,
			name: c.name,
			aliases: c.aliases,
			region: c.region,
			lon: centroid[0].toFixed(4),
			lat: centroid[1].toFixed(4)
		};
	});
	return {
		activities,
		activity_councils: activityCouncils,
		activity_partners: activityPartners,
		activity_service_areas: activityServiceAreas,
		councils,
		service_areas: sources.serviceAreas,
		collaborative_types: sources.collaborativeTypes,
		survey_tables: sources.surveyTables,
		// What the app cites; the report files' names stay in data/.
		sources: sources.sources.map(({ id, title, publisher, year, kind, url }) => ({ id, title, publisher, year, kind, url }))
	};
}

