// Simplifies the raw council boundaries for the browser and cuts a neighbouring-land backdrop
// from Natural Earth (world-atlas), so Scotland does not float in an empty sea.
import fs from 'node:fs';
import path from 'node:path';
import { csvParse } from 'd3-dsv';
import { geoBounds } from 'd3-geo';
import { feature, quantize } from 'topojson-client';
import { filter, filterWeight, planarRingArea, presimplify, quantile, simplify } from 'topojson-simplify';

const RAW = path.resolve('../shared/data/boundaries/scotland-council-areas-2013.topo.json');
const OUT_DIR = path.resolve('data/boundaries');
const TARGET_BYTES = 160 * 1024;
/** In squared degrees (about 0.5 km² at Scotland's latitude). */
const MIN_RING_AREA = 0.0001;
/** Natural Earth ids (ISO 3166 numeric) of the land around Scotland. */
const BACKDROP_COUNTRIES = new Set(['826', '372', '833', '250', '578', '234', '208', '528', '056', '352']);
const BACKDROP_BBOX = [-16, 48, 12, 63];

const councils = csvParse(fs.readFileSync('data/councils.csv', 'utf8'));
const byCode2013 = new Map(councils.map((c) => [c.code_2013, c]));

const raw = JSON.parse(fs.readFileSync(RAW, 'utf8'));
for (const geometry of raw.objects.lad.geometries) {
	const council = byCode2013.get(geometry.properties.LAD13CD);
	if (!council) throw new Error(`boundary ${geometry.properties.LAD13CD} has no council in data/councils.csv`);
	geometry.id = council.code;
	geometry.properties = { code: council.code, code_2013: council.code_2013, name: council.name };
}
if (raw.objects.lad.geometries.length !== 32) throw new Error('expected 32 council boundaries');
raw.objects = { councils: raw.objects.lad };

// Find the least simplification that fits the byte budget, keeping topology (shared borders stay shared).
const presimplified = presimplify(raw);
let chosen;
for (const q of [0.5, 0.4, 0.3, 0.2, 0.1, 0.05, 0.02]) {
	const simplified = simplify(presimplified, quantile(presimplified, q));
	// Islets below ~0.5 km² vanish at any zoom the Atlas uses; dropping them keeps bigger islands detailed.
	const withoutIslets = filter(simplified, filterWeight(simplified, MIN_RING_AREA, planarRingArea));
	const text = JSON.stringify(quantize(withoutIslets, 1e5));
	chosen = { q, text };
	if (text.length <= TARGET_BYTES) break;
}
fs.mkdirSync(OUT_DIR, { recursive: true });
fs.writeFileSync(path.join(OUT_DIR, 'councils.topo.json'), chosen.text);
fs.copyFileSync(path.resolve('../shared/data/boundaries/LICENCE.txt'), path.join(OUT_DIR, 'LICENCE.txt'));

const world = JSON.parse(fs.readFileSync('node_modules/world-atlas/countries-50m.json', 'utf8'));
const countries = feature(world, world.objects.countries);
const [west, south, east, north] = BACKDROP_BBOX;
const backdrop = {
	type: 'FeatureCollection',
	features: countries.features
		.filter((f) => BACKDROP_COUNTRIES.has(String(f.id)))
		.map((f) => {
			// Keep only the parts of each country that fall near Scotland (drops French Guiana etc.).
			const polygons = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
			const near = polygons.filter((poly) => {
				const [[x0, y0], [x1, y1]] = geoBounds({ type: 'Polygon', coordinates: poly });
				return x1 >= west && x0 <= east && y1 >= south && y0 <= north;
			});
			const round = (ring) => ring.map(([x, y]) => [Math.round(x * 1000) / 1000, Math.round(y * 1000) / 1000]);
			return {
				type: 'Feature',
				properties: { name: f.properties.name },
				geometry: { type: 'MultiPolygon', coordinates: near.map((poly) => poly.map(round)) }
			};
		})
		.filter((f) => f.geometry.coordinates.length)
};
fs.writeFileSync(path.join(OUT_DIR, 'backdrop.geojson'), JSON.stringify(backdrop));
console.log(
	`councils.topo.json: ${(chosen.text.length / 1024).toFixed(0)} KB at quantile ${chosen.q}; ` +
		`backdrop.geojson: ${(fs.statSync(path.join(OUT_DIR, 'backdrop.geojson')).size / 1024).toFixed(0)} KB, ${backdrop.features.length} countries`
);
