/**
 * Names of the performance measures the page records. Plain JavaScript so that the bench
 * (scripts/bench.mjs, run by Node with no TypeScript step) reads the names the page writes.
 */
export const MEASURES = Object.freeze({
	/** Navigation start → map and charts first drawn with real numbers. */
	firstPaint: 'atlas:first-paint',
	/** Navigation start → that first map completely drawn (idle: labels and every source in). */
	firstMapIdle: 'atlas:first-map-idle',
	/** Navigation start → the query engine holds the dataset the page shows. */
	dbReady: 'atlas:db-ready',
	/** Navigation start → figures from the query engine drawn in every view: filters now answer. */
	interactive: 'atlas:interactive',
	/** A filter input event → every view (counts, charts, table, map) drawn with the new figures. */
	filterUpdate: 'atlas:filter-update',
	/** Its parts, each from the same input event: every query answered, the DOM painted, the map idle. */
	filterQueries: 'atlas:filter-queries',
	filterDom: 'atlas:filter-dom',
	filterMap: 'atlas:filter-map'
});

