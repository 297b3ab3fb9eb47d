/**
 * Row-by-row checks of an imported survey return, before anything is loaded: every problem is
 * reported against the spreadsheet row a person would look at, with a suggestion where one can
 * be made. Rows with an error are left out; rows with only warnings are imported as read.
 */
import { ACTIVITY_COLUMNS } from '$lib/data/dataset-rules';
import { IMPORTED_SOURCE_ID, STATUSES, nameKey, normaliseWhitespace } from '$lib/data/model';
import { FIELD_BY_KEY, FIELD_KEYS, type ColumnMapping, type FieldKey } from './fields';
import {
	CouncilMatcher,
	SERVICE_AREA_SYNONYMS,
	TYPE_SYNONYMS,
	VocabularyMatcher,
	correctionKey,
	looksLikeFormula,
	parsePartner,
	parseYear,
	statusMatcher,
	type CorrectionTable,
	type CouncilRow
} from './match';
import { splitKnown, splitPartnersCell } from './split';

/**
 * The most text one row may hold. The query engine reads each table as CSV and refuses a line
 * over 2 MiB, which a row can reach at half that size once its quotes are doubled; refused here,
 * the person sees which row and why, not the engine's screenful.
 */
export const MAX_ROW_BYTES = 1_000_000;

const utf8 = new TextEncoder();

/** The row's size in UTF-8 bytes if it is over the limit, with its longest cell; else undefined. */
function oversizedCell(cells: string[]): { rowBytes: number; cellBytes: number; column: number } | undefined {
	// Three bytes per character at most: short rows, nearly all of them, need no encoding.
	if (cells.reduce((sum, cell) => sum + cell.length, 0) * 3 <= MAX_ROW_BYTES) return undefined;
	const sizes = cells.map((cell) => utf8.encode(cell).length);
	const rowBytes = sizes.reduce((sum, size) => sum + size, 0);
	if (rowBytes <= MAX_ROW_BYTES) return undefined;
	const column = sizes.indexOf(Math.max(...sizes));
	return { rowBytes, cellBytes: sizes[column], column };
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;

/** One row of the file: `line` is its row number in the spreadsheet (headings are row 1 or wherever they were). */
export interface TableRow {
	line: number;
	cells: string[];
}

/** A formula found in a workbook cell, and whether the workbook saved its result. */
export interface FormulaCell {
	line: number;
	column: number;
	ref: string;
	formula: string;
	cached: boolean;
}

export interface ImportTable {
	fileName: string;
	format: 'csv' | 'xlsx';
	headerLine: number;
	headers: string[];
	rows: TableRow[];
	formulas: FormulaCell[];
}

export interface ImportReference {
	councils: CouncilRow[];
	serviceAreas: { id: string; label: string; short_label: string }[];
	types: { id: string; label: string }[];
}

export type CorrectionKind = 'council' | 'service_area' | 'type' | 'status';

/** "Read this typed text as that value", accepted from a suggestion; applies to every row with the same text. */
export interface Correction {
	kind: CorrectionKind;
	from: string;
	/** A council name, or a service area, type or status id. */
	to: string;
	/** What the suggestion button says the text will become. */
	label: string;
}

export interface Problem {
	line: number;
	field?: FieldKey;
	severity: 'error' | 'warning';
	message: string;
	suggestions?: Correction[];
	/** A value that matched nothing the dataset allows: the review step offers every allowed value for it. */
	unmatched?: { kind: CorrectionKind; from: string };
}

/** A source row in the shape of data/activities/*.csv, ready for the dataset rules. */
export type SourceRow = Record<(typeof ACTIVITY_COLUMNS)[number], string>;

export interface ValidationResult {
	rows: { line: number; source: SourceRow }[];
	problems: Problem[];
	/** Non-blank data rows in the file. */
	total: number;
	valid: number;
	invalid: number;
}

export interface ValidateOptions {
	corrections?: Correction[];
	/** Recorded for rows that do not say when they were reported. */
	defaultReportedYear: number;
}

/** Text as stored: whitespace collapsed and control characters dropped, since cells can hold anything. */
export function cleanText(text: string): string {
	// eslint-disable-next-line no-control-regex
	return normaliseWhitespace(text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, ' '));
}

/** A lowercase slug for an id, as data/README.md requires ("ayrshire-roads-alliance"). */
export function slugify(name: string): string {
	const slug = name
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')
		.slice(0, 60)
		.replace(/-+$/, '');
	return slug || 'activity';
}

function correctionTable(corrections: Correction[], kind: CorrectionKind): CorrectionTable {
	return new Map(corrections.filter((c) => c.kind === kind).map((c) => [correctionKey(c.from), c.to]));
}

const quote = (text: string) => `“${text.length > 80 ? `${text.slice(0, 77)}…` : text}”`;

export function validateRows(table: ImportTable, mapping: ColumnMapping, reference: ImportReference, options: ValidateOptions): ValidationResult {
	const corrections = options.corrections ?? [];
	const councils = new CouncilMatcher(reference.councils, correctionTable(corrections, 'council'));
	const areas = new VocabularyMatcher(reference.serviceAreas, correctionTable(corrections, 'service_area'), SERVICE_AREA_SYNONYMS);
	const types = new VocabularyMatcher(reference.types, correctionTable(corrections, 'type'), TYPE_SYNONYMS);
	const statuses = statusMatcher(correctionTable(corrections, 'status'));
	const formulaAt = new Map(table.formulas.map((f) => [`${f.line}:${f.column}`, f]));

	const problems: Problem[] = [];
	const rows: ValidationResult['rows'] = [];
	const seen = new Map<string, number>();
	const usedIds = new Set<string>();
	let total = 0;

	for (const row of table.rows) {
		if (!row.cells.some((cell) => cell.trim())) continue;
		total++;
		const { line } = row;
		const rowProblems: Problem[] = [];
		const error = (field: FieldKey | undefined, message: string, suggestions?: Correction[]) =>
			rowProblems.push({ line, field, severity: 'error', message, ...(suggestions?.length ? { suggestions } : {}) });
		/** An unknown value, with the suggestions found for it and the choice of every allowed value. */
		const unknown = (field: FieldKey, kind: CorrectionKind, from: string, message: string, suggestions: Correction[]) =>
			rowProblems.push({ line, field, severity: 'error', message, ...(suggestions.length ? { suggestions } : {}), unmatched: { kind, from } });
		const warn = (field: FieldKey | undefined, message: string) => rowProblems.push({ line, field, severity: 'warning', message });

		const oversized = oversizedCell(row.cells);
		if (oversized) {
			// Checked first: matching megabytes of text against council names would stall the review.
			const column = FIELD_KEYS.find((field) => mapping[field] === oversized.column);
			problems.push({
				line,
				field: column,
				severity: 'error',
				message: `This row holds ${megabytes(oversized.rowBytes)} of text, more than the ${megabytes(MAX_ROW_BYTES)} a row can hold; its longest cell${column ? ` (${FIELD_BY_KEY[column].label})` : ''} has ${megabytes(oversized.cellBytes)}. Shorten it and import again.`
			});
			continue;
		}

		const raw = {} as Record<FieldKey, string>;
		/** Fields whose cell was refused as a formula: already reported, so not "empty" as well. */
		const refused = new Set<FieldKey>();
		for (const field of FIELD_KEYS) {
			const column = mapping[field];
			raw[field] = column === null ? '' : (row.cells[column] ?? '');
			if (column === null) continue;
			const formula = formulaAt.get(`${line}:${column}`);
			if (formula && !formula.cached) {
				error(field, `Cell ${formula.ref} is a formula (${quote(`=${formula.formula}`)}) with no saved result. Type the value itself, or open and save the file in a spreadsheet program first.`);
				raw[field] = '';
				refused.add(field);
			} else if (formula) {
				warn(field, `Cell ${formula.ref} is a formula; its last saved result ${quote(raw[field])} was used.`);
			}
			if (looksLikeFormula(raw[field])) {
				error(field, `${quote(raw[field].trim())} looks like a spreadsheet formula. Formulas are not imported: type the value itself.`);
				raw[field] = '';
				refused.add(field);
			}
		}
		const text = (field: FieldKey) => cleanText(raw[field]);

		const name = text('name');
		if (!name && !refused.has('name')) error('name', 'The activity name is empty.');

		// Councils: every name must be one of the 32, read through aliases, codes or accepted corrections.
		const councilCell = raw.councils.trim();
		let all = false;
		const memberNames: string[] = [];
		if (councilCell && councils.isAll(councilCell)) all = true;
		else {
			for (const value of splitKnown(councilCell, councils.isKnown, { commasAlwaysSeparate: true })) {
				if (councils.isAll(value)) {
					error('councils', `${quote(value)} can only stand alone: list the councils instead, or write ALL on its own.`);
					continue;
				}
				const resolved = councils.resolve(value);
				if (resolved.kind === 'unknown') {
					unknown('councils', 'council', value, `Unknown council ${quote(value)}.`, resolved.suggestions.map((c) => ({ kind: 'council', from: value, to: c.name, label: c.name })));
					continue;
				}
				if (resolved.kind === 'alias' && resolved.via === 'alias') warn('councils', `${quote(value)} read as ${resolved.value.name}.`);
				if (memberNames.includes(resolved.value.name)) warn('councils', `${resolved.value.name} is listed twice; counted once.`);
				else memberNames.push(resolved.value.name);
			}
		}
		const note = text('councils_note');
		if (!all && !memberNames.length && !note && !rowProblems.some((p) => p.field === 'councils' && p.severity === 'error'))
			error('councils', 'No participating councils, and no note on membership saying why.');

		let lead = '';
		const leadCell = text('lead_council');
		if (leadCell) {
			const resolved = councils.resolve(leadCell);
			if (resolved.kind === 'unknown') {
				unknown('lead_council', 'council', leadCell, `Unknown lead council ${quote(leadCell)}.`, resolved.suggestions.map((c) => ({ kind: 'council', from: leadCell, to: c.name, label: c.name })));
			} else {
				lead = resolved.value.name;
				if (resolved.kind === 'alias' && resolved.via === 'alias') warn('lead_council', `${quote(leadCell)} read as ${lead}.`);
				if (!all && memberNames.length && !memberNames.includes(lead))
					warn('lead_council', `The lead council, ${lead}, is not among the participating councils.`);
			}
		}

		const partners: string[] = [];
		for (const entry of splitPartnersCell(raw.partners)) {
			const partner = parsePartner(cleanText(entry));
			if (!partner.name) {
				error('partners', `A partner ${quote(entry)} has no name.`);
				continue;
			}
			if (partner.unknownType) warn('partners', `Partner type ${quote(partner.unknownType)} is not a known type; ${partner.name} recorded as ${partner.type.replace(/_/g, ' ')}.`);
			partners.push(`${partner.name}|${partner.type}`);
		}

		const areaIds: string[] = [];
		for (const value of splitKnown(raw.service_areas, areas.isKnown, { commasAlwaysSeparate: false })) {
			const resolved = areas.resolve(value);
			if (resolved.kind === 'unknown') {
				unknown('service_areas', 'service_area', value, `Unknown service area ${quote(value)}.`, resolved.suggestions.map((a) => ({ kind: 'service_area', from: value, to: a.id, label: a.label })));
			} else if (!areaIds.includes(resolved.value.id)) areaIds.push(resolved.value.id);
		}
		// Without the column at all, the review step says so once instead of on every row.
		if (mapping.service_areas !== null && !raw.service_areas.trim())
			warn('service_areas', 'No service area: the activity will not appear in the service-area chart.');

		let type = '';
		const typeCell = text('collaborative_type');
		if (typeCell) {
			const resolved = types.resolve(typeCell);
			if (resolved.kind === 'unknown')
				unknown('collaborative_type', 'type', typeCell, `Unknown collaborative type ${quote(typeCell)}.`, resolved.suggestions.map((t) => ({ kind: 'type', from: typeCell, to: t.id, label: t.label })));
			else type = resolved.value.id;
		}

		let status = 'unknown';
		const statusCell = text('status');
		if (statusCell) {
			const resolved = statuses.resolve(statusCell);
			if (resolved.kind === 'unknown')
				unknown('status', 'status', statusCell, `Unknown status ${quote(statusCell)}; use operational, developing, proposed, ended or unknown.`, resolved.suggestions.map((s) => ({ kind: 'status', from: statusCell, to: s.id, label: s.id })));
			else status = resolved.value.id;
		}

		const years: Partial<Record<'start_year' | 'end_year' | 'reported_year', string>> = {};
		for (const field of ['start_year', 'end_year', 'reported_year'] as const) {
			const reading = parseYear(text(field));
			if ('error' in reading) error(field, `${FIELD_BY_KEY[field].label}: ${reading.error}.`);
			else {
				years[field] = reading.year;
				if (reading.note) warn(field, `${FIELD_BY_KEY[field].label}: ${reading.note}.`);
			}
		}

		if (years.start_year && years.end_year && Number(years.end_year) < Number(years.start_year))
			error('end_year', `End year ${years.end_year} is before the start year ${years.start_year}.`);
		if (years.end_year && status !== 'ended')
			error('end_year', `An end year means the arrangement has ended, but the status is ${quote(status)}: set it to ended, or leave the end year empty.`);

		const identity = `${nameKey(name)}|${all ? 'ALL' : [...memberNames].sort().join(';')}`;
		if (name && seen.has(identity)) error('name', `Duplicate of row ${seen.get(identity)}: the same activity name and councils.`);

		problems.push(...rowProblems);
		if (rowProblems.some((p) => p.severity === 'error')) continue;
		seen.set(identity, line);

		let id = slugify(name);
		for (let n = 2; usedIds.has(id); n++) id = `${slugify(name)}-${n}`;
		usedIds.add(id);
		rows.push({
			line,
			source: {
				id,
				name,
				summary: text('summary'),
				service_areas: areaIds.join(';'),
				collaborative_type: type,
				delivery_mechanism: text('delivery_mechanism'),
				lead_council: lead,
				start_year: years.start_year ?? '',
				end_year: years.end_year ?? '',
				status,
				reported_year: years.reported_year || String(options.defaultReportedYear),
				councils: all ? 'ALL' : memberNames.join(';'),
				councils_note: note,
				partners: partners.join(';'),
				benefits: text('benefits'),
				savings: text('savings'),
				source_kind: 'imported',
				// The imported file is the source; buildImportedDataset adds it to the sources table by name.
				source_id: IMPORTED_SOURCE_ID,
				source_locator: `Row ${line}`,
				source_quote: '',
				spectrum_level: ''
			}
		});
	}

	return { rows, problems, total, valid: rows.length, invalid: total - rows.length };
}

/** One value a person can pick for an unmatched one: what is stored, and what the list shows. */
export interface Choice {
	value: string;
	label: string;
}

/** Every value the dataset allows for each kind of correction, in the order a list shows them. */
export function allowedChoices(reference: ImportReference): Record<CorrectionKind, Choice[]> {
	const byLabel = (a: Choice, b: Choice) => a.label.localeCompare(b.label, 'en-GB');
	return {
		council: reference.councils.map((c) => ({ value: c.name, label: c.name })).sort(byLabel),
		service_area: reference.serviceAreas.map((a) => ({ value: a.id, label: a.short_label || a.label })).sort(byLabel),
		type: reference.types.map((t) => ({ value: t.id, label: t.label })),
		status: STATUSES.map((id) => ({ value: id, label: id }))
	};
}
