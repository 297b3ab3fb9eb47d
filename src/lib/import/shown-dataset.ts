/**
 * The engine holding the dataset the dashboard in this browser shows: the import saved here if
 * there is one, else the embedded data. A page opened from the dashboard (the printable briefing)
 * must show the same figures, not the embedded data behind the user's back.
 */
import { getDb } from '$lib/data/duckdb';
import type { AtlasDb } from '$lib/data/sql';
import { loadImport, type ImportedSource } from './persist';

export type ShownDataset = { kind: 'embedded' } | ImportedSource;

export async function engineWithShownDataset(dataBase: string): Promise<{ db: AtlasDb; dataset: ShownDataset }> {
	const [db, stored] = await Promise.all([getDb(dataBase), loadImport().catch(() => undefined)]);
	// The dashboard reports an import it cannot use and offers to retry or discard it; here the embedded data simply stands.
	if (!stored) return { db, dataset: { kind: 'embedded' } };
	try {
		await db.replaceDataset(stored.files);
		return { db, dataset: stored.source };
	} catch {
		return { db, dataset: { kind: 'embedded' } };
	}
}
