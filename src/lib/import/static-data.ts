/** The embedded dataset's files as the static site serves them. */
import { TABLE_NAMES, type DatasetFiles } from '$lib/data/schema';
import { REFERENCE_TABLES, type ReferenceFiles } from './build';

async function fetchText(dataBase: string, table: string): Promise<string> {
	const response = await fetch(`${dataBase}/${table}.csv`);
	if (!response.ok) throw new Error(`Could not load ${table}.csv (HTTP ${response.status})`);
	return response.text();
}

async function fetchTables<T extends string>(dataBase: string, tables: readonly T[]): Promise<Record<T, string>> {
	const texts = await Promise.all(tables.map((table) => fetchText(dataBase, table)));
	return Object.fromEntries(tables.map((table, i) => [table, texts[i]])) as Record<T, string>;
}

/** Every table of the embedded dataset, fetched again: what "Return to embedded data" swaps back in. */
export const fetchEmbeddedDataset = (dataBase: string): Promise<DatasetFiles> => fetchTables(dataBase, TABLE_NAMES);

let reference: Promise<ReferenceFiles> | undefined;
/** The reference tables an import keeps (councils, service areas, types, survey figures, borders). */
export function fetchReferenceFiles(dataBase: string): Promise<ReferenceFiles> {
	reference ??= fetchTables(dataBase, REFERENCE_TABLES).catch((error) => {
		reference = undefined;
		throw error;
	});
	return reference;
}
