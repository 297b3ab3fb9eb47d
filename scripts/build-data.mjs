// Builds what the app loads (static/data/) from the human-edited CSVs in data/.
import fs from 'node:fs';
import path from 'node:path';
import { csvFormat } from 'd3-dsv';
import { geoArea, geoCentroid } from 'd3-geo';
import { feature, neighbors } from 'topojson-client';
import { buildTables, loadSources, validate } from './lib/dataset.mjs';

const OUT_DIR = path.resolve('static/data');
const sources = loadSources(path.resolve('data'), path.resolve('../shared/seeds'));
if (!Object.keys(sources.documents).length) {
	console.warn('warning: ../shared/seeds not found; building without re-checking quotes against the published reports');
} else {
	const errors = validate(sources);
	if (errors.length) {
		console.error(errors.join('\n'));
		console.error(`\n${errors.length} problem(s): fix data/ (npm run data:check lists them)`);
		process.exit(1);
	}
}

const topology = JSON.parse(fs.readFileSync('data/boundaries/councils.topo.json', 'utf8'));
const geometries = topology.objects.councils.geometries;
const centroids = new Map();
for (const councilFeature of feature(topology, topology.objects.councils).features) {
	// The centroid of the largest part keeps island councils' points on land and off the sea.
	const geometry = councilFeature.geometry;
	const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	const largest = parts
		.map((coordinates) => ({ type: 'Polygon', coordinates }))
		.reduce((a, b) => (geoArea(a) >= geoArea(b) ? a : b));
	centroids.set(councilFeature.properties.code, geoCentroid(largest));
}
const neighbourRows = neighbors(geometries).flatMap((adjacent, i) =>
	adjacent.map((j) => ({ council_code: geometries[i].properties.code, neighbour_code: geometries[j].properties.code }))
);

const tables = buildTables(sources, centroids);
fs.mkdirSync(OUT_DIR, { recursive: true });
for (const [name, rows] of Object.entries({ ...tables, council_neighbours: neighbourRows })) {
	fs.writeFileSync(path.join(OUT_DIR, `${name}.csv`), csvFormat(rows) + '\n');
}
fs.copyFileSync('data/boundaries/councils.topo.json', path.join(OUT_DIR, 'councils.topo.json'));
fs.copyFileSync('data/boundaries/backdrop.geojson', path.join(OUT_DIR, 'backdrop.geojson'));

// The first paint's figures, by the app's own queries on DuckDB-WASM in Node (TypeScript, so
// loaded through Vite's module runner).
const { runnerImport } = await import('vite');
const { module: summaryModule } = await runnerImport(path.resolve('scripts/lib/summary.ts'), { configFile: false, logLevel: 'error' });
const summary = await summaryModule.writeSummary(OUT_DIR);
console.log(
	`static/data: ${tables.activities.length} activities, ${tables.activity_councils.length} council participations, ` +
		`${new Set(tables.activity_councils.map((r) => r.council_code)).size} councils covered, ${neighbourRows.length / 2} borders; ` +
		`summary.json for the first paint (${summary.figures.total} activities, ${summary.figures.links.length} links)`
);
