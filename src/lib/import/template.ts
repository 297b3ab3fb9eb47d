/**
 * A blank survey template and the values each column accepts, as CSV and as an Excel workbook,
 * built from the reference tables the site embeds so they always agree with the validation.
 */
import { PARTNER_TYPE_LABELS, PARTNER_TYPES, STATUSES } from '$lib/data/model';
import { toCsv } from '$lib/export/csv';
import { FIELDS, type FieldKey } from './fields';
import { STATUS_SYNONYMS } from './match';
import type { ImportReference } from './validate';

export const TEMPLATE_HEADERS = FIELDS.map((field) => field.label);

export interface AllowedValue {
	column: string;
	value: string;
	notes: string;
}

const label = (key: FieldKey) => FIELDS.find((f) => f.key === key)!.label;

/** One row per accepted value of each column; free-text columns get one row describing them. */
export function allowedValues(reference: ImportReference): AllowedValue[] {
	const rows: AllowedValue[] = [];
	for (const field of FIELDS) {
		switch (field.key) {
			case 'councils':
				rows.push({ column: field.label, value: 'ALL', notes: 'Only when every council takes part, on its own.' });
				for (const council of [...reference.councils].sort((a, b) => a.name.localeCompare(b.name))) {
					const aliases = council.aliases.split(';').filter(Boolean);
					rows.push({ column: field.label, value: council.name, notes: aliases.length ? `Also read: ${aliases.join(', ')}` : '' });
				}
				break;
			case 'lead_council':
				rows.push({ column: field.label, value: `One council name from “${label('councils')}”`, notes: field.hint });
				break;
			case 'partners':
				for (const type of PARTNER_TYPES)
					rows.push({ column: field.label, value: type, notes: `${PARTNER_TYPE_LABELS[type]}: write it after the partner’s name and a bar, e.g. “Partner name|${type}”. Left out, the type is guessed from the name.` });
				break;
			case 'service_areas':
				for (const area of reference.serviceAreas) rows.push({ column: field.label, value: area.label, notes: `Also read: ${area.short_label}; ${area.id}` });
				break;
			case 'collaborative_type':
				for (const type of reference.types) rows.push({ column: field.label, value: type.label, notes: `Also read: ${type.id}` });
				break;
			case 'status':
				for (const status of STATUSES)
					rows.push({ column: field.label, value: status, notes: `Also read: ${STATUS_SYNONYMS[status].filter((s) => s !== status).join(', ')}` });
				break;
			case 'start_year':
			case 'end_year':
			case 'reported_year':
				rows.push({ column: field.label, value: 'A year, e.g. 2014', notes: field.hint });
				break;
			default:
				rows.push({ column: field.label, value: field.required ? 'Any text (required)' : 'Any text', notes: field.hint });
		}
	}
	return rows;
}

const ALLOWED_COLUMNS = [
	{ key: 'column', header: 'Column' },
	{ key: 'value', header: 'Allowed value' },
	{ key: 'notes', header: 'Notes' }
];

/** The template: the headings row only, so nothing in it can be imported by mistake. */
export const templateCsv = () => toCsv([], TEMPLATE_HEADERS.map((header) => ({ key: header, header })));

export const allowedValuesCsv = (reference: ImportReference) =>
	toCsv(allowedValues(reference) as unknown as Record<string, unknown>[], ALLOWED_COLUMNS);

/** The template as a workbook: an "Activities" sheet to fill in and an "Allowed values" sheet beside it. */
export async function templateXlsx(reference: ImportReference): Promise<Blob> {
	const { default: writeExcelFile } = await import('write-excel-file/browser');
	const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
	const allowed = allowedValues(reference);
	return writeExcelFile([
		{
			sheet: 'Activities',
			data: [TEMPLATE_HEADERS.map(bold)],
			columns: FIELDS.map((f) => ({ width: f.key === 'summary' || f.key === 'councils' ? 40 : 22 })),
			stickyRowsCount: 1
		},
		{
			sheet: 'Allowed values',
			data: [ALLOWED_COLUMNS.map((c) => bold(c.header)), ...allowed.map((row) => [{ value: row.column }, { value: row.value }, { value: row.notes }])],
			columns: [{ width: 24 }, { width: 40 }, { width: 90 }],
			stickyRowsCount: 1
		}
	]).toBlob();
}
