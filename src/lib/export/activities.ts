/**
 * The filtered activities as a download sees them: one column list and one set of labels for the
 * CSV and the Excel workbook, so the two files always agree.
 */
import type { ActivityRow, Reference } from '$lib/data/queries';
import { reachLabel, sourceKindLabel, statusLabel, typeLabel } from '$lib/components/filter-labels';
import type { CsvColumn } from './csv';

export const ACTIVITY_COLUMNS: CsvColumn[] = [
	{ key: 'id', header: 'ID' },
	{ key: 'name', header: 'Activity name' },
	{ key: 'council_count', header: 'Number of councils' },
	{ key: 'councils', header: 'Councils' },
	{ key: 'reach', header: 'Reach' },
	{ key: 'type', header: 'Collaborative type' },
	{ key: 'delivery_mechanism', header: 'Delivery mechanism' },
	{ key: 'status', header: 'Status' },
	{ key: 'start_year', header: 'Start year' },
	{ key: 'service_areas', header: 'Service areas' },
	{ key: 'source_kind', header: 'Source kind' }
];

/** Rows with their codes replaced by the words the page shows. */
export function activityRecords(rows: ActivityRow[], reference: Reference | undefined): Record<string, unknown>[] {
	return rows.map((row) => ({
		...row,
		reach: reachLabel(row.reach),
		type: row.collaborative_type ? typeLabel(row.collaborative_type, reference) : '',
		status: statusLabel(row.status),
		source_kind: sourceKindLabel(row.source_kind)
	}));
}
