import { where, type SqlRunner } from './sql';
import type { Filters } from './filters';

export interface CitedSourceRow {
	title: string;
	publisher: string | null;
	year: number | null;
	kind: string | null;
	url: string | null;
	/** How many of the filtered activities cite it. */
	activities: number;
}

/** The sources the filtered activities cite, newest first, for the Excel download's Sources sheet. */
export async function citedSources(db: SqlRunner, filters: Filters): Promise<CitedSourceRow[]> {
	const w = await where(db, filters);
	return db.query<CitedSourceRow>(
		`SELECT s.title, s.publisher, s.year, s.kind, s.url, count(*)::INTEGER AS activities
		FROM activities a JOIN sources s ON s.id = a.source_id
		WHERE a.id IN (SELECT f.id FROM activity_facts f ${w.sql})
		GROUP BY ALL
		ORDER BY s.year DESC NULLS LAST, s.title`,
		w.params.values
	);
}
