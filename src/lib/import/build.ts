/**
 * An imported survey as a complete dataset: the accepted rows pass the same rules and the same
 * normalisation (buildTables) as the build script's data, beside the embedded reference tables.
 */
import { csvFormat, csvParseRows } from 'd3-dsv';
import { ACTIVITY_COLUMNS, buildTables, validate } from '$lib/data/dataset-rules';
import { TABLES, type DatasetFiles, type TableName } from '$lib/data/schema';
import type { CouncilRow } from './match';
import { IMPORTED_FILE_KIND, IMPORTED_SOURCE_ID } from '$lib/data/model';
import { cleanText, type ImportReference, type SourceRow } from './validate';

/** The embedded reference tables as the static site serves them (static/data/*.csv). */
export interface ReferenceFiles {
	councils: string;
	service_areas: string;
	collaborative_types: string;
	survey_tables: string;
	council_neighbours: string;
	sources: string;
}

export const REFERENCE_TABLES = ['councils', 'service_areas', 'collaborative_types', 'survey_tables', 'council_neighbours', 'sources'] as const;

type Row = Record<string, string>;

/**
 * CSV text as objects keyed by its header. Not d3's csvParse: it builds each row with `new
 * Function`, which the site's Content-Security-Policy (no 'unsafe-eval') refuses.
 */
function csvParse(text: string): Row[] {
	const [header = [], ...rows] = csvParseRows(text);
	return rows.map((cells) => Object.fromEntries(header.map((column, i) => [column, cells[i] ?? ''])));
}

/** The vocabulary validation needs, read from the reference files. */
export function referenceFromFiles(files: ReferenceFiles): ImportReference {
	return {
		councils: csvParse(files.councils) as unknown as CouncilRow[],
		serviceAreas: csvParse(files.service_areas) as unknown as ImportReference['serviceAreas'],
		types: csvParse(files.collaborative_types) as unknown as ImportReference['types']
	};
}

/** Rows as CSV with the table's columns in the order DuckDB reads them, header included even when empty. */
function tableCsv(table: TableName, rows: object[]): string {
	return csvFormat(rows as Row[], Object.keys(TABLES[table])) + '\n';
}

export function buildImportedDataset(rows: SourceRow[], fileName: string, reference: ReferenceFiles): DatasetFiles {
	if (!rows.length) throw new Error('There are no rows to import.');
	const councils = csvParse(reference.councils) as unknown as (CouncilRow & { region: string; lon: string; lat: string })[];
	const centroids = new Map<string, [number, number]>(councils.map((c) => [c.code, [Number(c.lon), Number(c.lat)]]));
	// The file is the imported rows' one source, shown by its name; the embedded sources stay for the survey figures.
	const importedFile = { id: IMPORTED_SOURCE_ID, title: cleanText(fileName), publisher: '', year: '', kind: IMPORTED_FILE_KIND, url: '' };
	const sources = {
		councils: councils as unknown as Row[],
		serviceAreas: csvParse(reference.service_areas) as unknown as Row[],
		collaborativeTypes: csvParse(reference.collaborative_types) as unknown as Row[],
		// Survey figures are carried over unchanged; their quotes were checked when the site was built.
		surveyTables: [],
		sources: [importedFile],
		activities: rows.map((row, index) => ({ ...row, __file: fileName, __line: index + 1, __columns: ACTIVITY_COLUMNS })),
		documents: {}
	};
	// The validation step should have caught everything; this is the build's own rulebook as a last guard.
	const errors = validate(sources, { origin: 'import' });
	if (errors.length) throw new Error(`The rows broke the dataset rules: ${errors.slice(0, 3).join('; ')}`);
	const tables = buildTables(sources, centroids);
	return {
		activities: tableCsv('activities', tables.activities),
		activity_councils: tableCsv('activity_councils', tables.activity_councils),
		activity_partners: tableCsv('activity_partners', tables.activity_partners),
		activity_service_areas: tableCsv('activity_service_areas', tables.activity_service_areas),
		councils: tableCsv('councils', tables.councils),
		service_areas: reference.service_areas,
		collaborative_types: reference.collaborative_types,
		survey_tables: reference.survey_tables,
		council_neighbours: reference.council_neighbours,
		sources: tableCsv('sources', [
			...(csvParse(reference.sources) as unknown as Row[]).filter((source) => source.id !== IMPORTED_SOURCE_ID),
			...tables.sources
		])
	};
}
