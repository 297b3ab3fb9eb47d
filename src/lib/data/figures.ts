/**
 * Everything the dashboard's views show for one set of filters, computed by one function used in
 * two places: in the browser whenever filters change, and at build time (scripts/build-data.mjs,
 * on the same DuckDB-WASM engine in Node) for the default view, written to static/data/summary.json
 * so the first paint needs no query engine at all.
 */
import { emptyFilters, type Filters } from './filters';
import {
	activityRows,
	mapAndCharts,
	PAGE_SIZE,
	reference,
	surveyTables,
	type ActivityRow,
	type ChartDimension,
	type CouncilCount,
	type CouncilLink,
	type CountRow,
	type Reference,
	type SortKey,
	type SqlRunner,
	type SurveyRow
} from './queries';

/**
 * Counted with the map in one statement, each under every filter but its own: the dashboard's
 * charts, the Insight spectrum chart, and the counts beside the filter panel's options (for the
 * council filter, 'councils', which the map itself does not leave out).
 */
export const CHART_DIMENSIONS = [
	'serviceAreas',
	'types',
	'reaches',
	'mechanisms',
	'startYears',
	'spectrumLevels',
	'statuses',
	'sourceKinds',
	'partnerTypes',
	'regions',
	'councils'
] as const satisfies ChartDimension[];
export type Charts = Record<(typeof CHART_DIMENSIONS)[number], CountRow[]>;
export const emptyCharts = () => Object.fromEntries(CHART_DIMENSIONS.map((d) => [d, []])) as unknown as Charts;
export type TableSort = { key: SortKey; descending: boolean };
export const DEFAULT_SORT: TableSort = { key: 'name', descending: false };

export interface Figures {
	/** Activities matching the filters (also the table's row count). */
	total: number;
	councils: CouncilCount[];
	links: CouncilLink[];
	national: number;
	charts: Charts;
	/** The table's first page. */
	rows: ActivityRow[];
}

export async function computeFigures(db: SqlRunner, filters: Filters, sort: TableSort): Promise<Figures> {
	// Two statements, issued together: the map and charts in one, the table's first page.
	const [figures, rows] = await Promise.all([
		mapAndCharts(db, filters, CHART_DIMENSIONS),
		activityRows(db, filters, sort, { limit: PAGE_SIZE })
	]);
	return { ...figures, rows };
}

/** What the page needs to draw the default view (no filters, default sort) before DuckDB starts. */
export interface AtlasSummary {
	reference: Reference;
	survey: SurveyRow[];
	grandTotal: number;
	figures: Figures;
}

export async function computeSummary(db: SqlRunner): Promise<AtlasSummary> {
	const [ref, survey, figures] = await Promise.all([reference(db), surveyTables(db), computeFigures(db, emptyFilters(), DEFAULT_SORT)]);
	return { reference: ref, survey, grandTotal: figures.total, figures };
}
