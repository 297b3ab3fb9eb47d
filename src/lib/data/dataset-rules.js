// The dataset's rules and its normalised form, free of Node APIs so the build scripts and the
// browser (importing a survey) apply exactly the same logic.
import {
	COUNCIL_COUNT,
	PARTNER_TYPES,
	SOURCE_KINDS,
	SPECTRUM_LEVELS,
	STATUSES,
	councilLookup,
	deriveReach,
	normaliseWhitespace,
	parsePartners,
	resolveCouncil,
	splitList
} from './model.js';
import { spectrumLevel } from './spectrum.js';

export const ACTIVITY_COLUMNS = [
	'id', 'name', 'summary', 'service_areas', 'collaborative_type', 'delivery_mechanism', 'lead_council',
	'start_year', 'status', 'reported_year', 'councils', 'councils_note', 'partners', 'benefits', 'savings',
	'source_kind', 'source_file', 'source_quote', 'public_record_source', 'spectrum_level'
];
const MAX_QUOTE_LENGTH = 200;

/**
 * @typedef {Record<string, string>} Row
 * @typedef {{ [column: string]: any, __file: string, __line: number, __columns: string[] }} ActivitySourceRow
 * @typedef {{ councils: Row[], serviceAreas: Row[], collaborativeTypes: Row[], surveyTables: Row[], activities: ActivitySourceRow[], seeds: Record<string, string> }} Sources
 */

/**
 * Every rule the dataset promises in data/README.md; returns one message per broken rule.
 * `origin: 'import'` checks rows a user imported in the browser: they are all `imported`, cite
 * the file they came from instead of a seed quote, and may leave the service area open.
 * @param {Sources} sources
 * @param {{ origin?: 'build' | 'import' }} [options]
 */
export function validate(sources, { origin = 'build' } = {}) {
	const errors = [];
	const { councils, serviceAreas, collaborativeTypes, surveyTables, activities, seeds } = sources;
	const lookup = councilLookup(councils);
	const canonicalNames = new Set(councils.map((c) => c.name));
	const areaIds = new Set(serviceAreas.map((a) => a.id));
	const typeIds = new Set(collaborativeTypes.map((t) => t.id));
	const normalisedSeeds = Object.fromEntries(Object.entries(seeds).map(([f, text]) => [f, normaliseWhitespace(text)]));

	if (councils.length !== COUNCIL_COUNT) errors.push(`councils.csv: expected ${COUNCIL_COUNT} councils, found ${councils.length}`);
	for (const [field, values] of [['code', councils.map((c) => c.code)], ['name', councils.map((c) => c.name)]]) {
		const dupes = values.filter((v, i) => values.indexOf(v) !== i);
		if (dupes.length) errors.push(`councils.csv: duplicate ${field}: ${dupes.join(', ')}`);
	}

	/** @param {string} file @param {string} quote @param {string} where */
	const checkQuote = (file, quote, where) => {
		if (!file) return errors.push(`${where}: missing source_file`);
		if (!(file in seeds)) return errors.push(`${where}: unknown source_file "${file}"`);
		if (!quote.trim()) return errors.push(`${where}: missing source_quote`);
		if (quote.length > MAX_QUOTE_LENGTH) errors.push(`${where}: source_quote longer than ${MAX_QUOTE_LENGTH} characters`);
		if (!normalisedSeeds[file].includes(normaliseWhitespace(quote)))
			errors.push(`${where}: source_quote not found verbatim in ${file}: "${quote.slice(0, 80)}"`);
	};

	const seenIds = new Map();
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

		const imported = row.source_kind === 'imported';
		const areas = splitList(row.service_areas);
		if (!areas.length && !imported) errors.push(`${where}: no service area`);
		for (const area of areas) if (!areaIds.has(area)) errors.push(`${where}: unknown service area "${area}"`);
		if (row.collaborative_type && !typeIds.has(row.collaborative_type))
			errors.push(`${where}: unknown collaborative type "${row.collaborative_type}"`);
		if (!STATUSES.includes(row.status)) errors.push(`${where}: unknown status "${row.status}"`);
		if (row.start_year && !/^(19|20)\d\d$/.test(row.start_year)) errors.push(`${where}: bad start_year "${row.start_year}"`);
		if (!/^(19|20)\d\d$/.test(row.reported_year)) errors.push(`${where}: bad reported_year "${row.reported_year}"`);
		if (row.spectrum_level && !SPECTRUM_LEVELS.includes(row.spectrum_level))
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
			if (!PARTNER_TYPES.includes(partner.type)) errors.push(`${where}: partner "${partner.name}" has unknown type "${partner.type}"`);
		}

		if (!SOURCE_KINDS.includes(row.source_kind)) errors.push(`${where}: unknown source_kind "${row.source_kind}"`);
		else if (imported !== (origin === 'import'))
			errors.push(`${where}: source_kind "${row.source_kind}" does not belong in ${origin === 'import' ? 'an import' : 'data/'}`);
		else if (imported) {
			if (!row.source_file.trim()) errors.push(`${where}: imported row without the file it came from`);
		} else if (row.source_kind === 'seed') checkQuote(row.source_file, row.source_quote, where);
		else if (!row.public_record_source.trim()) errors.push(`${where}: public record row without public_record_source`);
	}

	const sums = new Map();
	surveyTables.forEach((row, index) => {
		const where = `survey_tables.csv:${index + 2} (${row.table_id})`;
		checkQuote(row.source_file, row.source_quote, where);
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
 * The normalised tables the app loads into DuckDB.
 * @param {Sources} sources
 * @param {Map<string, [number, number]>} centroids by current GSS code
 */
export function buildTables(sources, centroids) {
	const byName = new Map(sources.councils.map((c) => [c.name, c]));
	const allCodes = sources.councils.map((c) => c.code);
	const activities = [];
	const activityCouncils = [];
	const activityPartners = [];
	const activityServiceAreas = [];
	for (const row of sources.activities) {
		const names = splitList(row.councils);
		const codes = names.length === 1 && names[0] === 'ALL' ? allCodes : names.map((n) => byName.get(n).code);
		const lead = row.lead_council ? byName.get(row.lead_council).code : '';
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
			status: row.status,
			reported_year: row.reported_year,
			council_count: codes.length,
			reach: deriveReach(codes.length),
			councils_note: row.councils_note,
			benefits: row.benefits,
			savings: row.savings,
			source_kind: row.source_kind,
			source_file: row.source_file,
			source_quote: row.source_quote,
			public_record_source: row.public_record_source,
			// Derived by the documented rule (spectrum.js); a value in the CSV overrides it.
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
		survey_tables: sources.surveyTables
	};
}

