/**
 * The charts and the map preview as the server renders them from small fixtures
 * (tests/fixtures/charts), compared with committed snapshots (tests/snapshots), so any change to
 * what they draw shows up as a reviewable diff. After an intended change: `npx vitest run
 * --project unit tests/unit/chart-snapshots.test.ts -u`, then read the diff before committing.
 * The bar and label checks below fail on their own when a chart loses or misreads a row.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { Topology, GeometryCollection } from 'topojson-specification';
import BarChart from '../../src/lib/components/charts/BarChart.svelte';
import Timeline from '../../src/lib/components/charts/Timeline.svelte';
import MapPreview from '../../src/lib/components/map/MapPreview.svelte';
import { barButtonName } from '../../src/lib/components/charts/chart-layout';
import type { LonLat } from '../../src/lib/components/map/geometry';
import type { CouncilLink, CountRow } from '../../src/lib/data/queries';
import { normaliseHtml, renderedBars, renderNormalised } from '../helpers/html-snapshot';

const fixture = <T,>(name: string): T => JSON.parse(fs.readFileSync(path.resolve('tests/fixtures/charts', name), 'utf8'));
const bars = fixture<{ title: string; dimension: 'serviceAreas'; selected: string[]; rows: CountRow[] }>('bars.json');
const years = fixture<{ title: string; selected: string[]; rows: CountRow[] }>('years.json');
const map = fixture<{
	topology: Topology<{ councils: GeometryCollection<{ code: string; name: string }> }>;
	counts: Record<string, number>;
	breaks: number[];
	centroids: Record<string, LonLat>;
	links: CouncilLink[];
	size: { width: number; height: number };
}>('map.json');
const noop = () => {};

const barChart = (extra: { maxRows?: number } = {}) =>
	renderNormalised(BarChart, { title: bars.title, dimension: bars.dimension, rows: bars.rows, selected: bars.selected, onToggle: noop, ...extra });
const timeline = () => renderNormalised(Timeline, { title: years.title, rows: years.rows, selected: years.selected, onToggle: noop });
const mapPreview = () =>
	renderNormalised(MapPreview, {
		topology: map.topology,
		backdropUrl: '/data/backdrop.geojson',
		counts: new Map(Object.entries(map.counts)),
		breaks: map.breaks,
		links: map.links,
		centroids: new Map(Object.entries(map.centroids)),
		view: undefined,
		colourBy: 'reach',
		onPainted: noop,
		initialSize: map.size
	});

describe('snapshots of the server-rendered charts and map preview', () => {
	it('BarChart', async () => {
		await expect(barChart()).toMatchFileSnapshot('../snapshots/bar-chart.html');
	});

	it('BarChart folded to its top rows', async () => {
		await expect(barChart({ maxRows: 2 })).toMatchFileSnapshot('../snapshots/bar-chart-folded.html');
	});

	it('Timeline', async () => {
		await expect(timeline()).toMatchFileSnapshot('../snapshots/timeline.html');
	});

	it('MapPreview', async () => {
		await expect(mapPreview()).toMatchFileSnapshot('../snapshots/map-preview.html');
	});

	it('renders the same HTML twice (no random ids, no dates)', () => {
		expect(barChart()).toBe(barChart());
		expect(timeline()).toBe(timeline());
		expect(mapPreview()).toBe(mapPreview());
	});
});

describe('what the charts draw matches the fixture', () => {
	it('BarChart: one bar per row, in order, with its count, name and selection', () => {
		const html = barChart();
		expect(renderedBars(html)).toEqual(bars.rows.map((row) => ({ key: row.key, count: row.n, name: barButtonName(row.label, row.n) })));
		expect(html.match(/<rect class="bar" /g)).toHaveLength(bars.rows.length);
		expect(html.match(/<rect class="bar-selected" /g)).toHaveLength(bars.selected.length);
		expect(html.match(/aria-pressed="true"/g)).toHaveLength(bars.selected.length);
		// Labels too long for the space are shortened in the picture and given in full as a tooltip.
		const long = bars.rows[2].label;
		expect(html).toContain(`<title>\n`);
		expect(html).toContain(long);
		for (const row of bars.rows) expect(html, row.label).toContain(`${row.label}: ${row.n}${bars.selected.includes(row.key) ? ' (selected)' : ''}`);
	});

	it('BarChart folded: the top rows plus the selected one, and a button for the rest', () => {
		const shown = renderedBars(barChart({ maxRows: 2 }));
		expect(shown.map((bar) => bar.key)).toEqual(['roads', 'waste', 'finance']);
		expect(barChart({ maxRows: 2 })).toContain(`Show all ${bars.rows.length}`);
	});

	it('Timeline: one column per year with activities, gaps left empty, the selected year marked', () => {
		const html = timeline();
		expect(renderedBars(html)).toEqual(years.rows.map((row) => ({ key: row.key, count: row.n, name: barButtonName(row.label, row.n) })));
		expect(html.match(/<rect class="bar" /g)).toHaveLength(years.rows.length);
		expect(html.match(/<rect class="bar-selected" /g)).toHaveLength(1);
		expect(html).toContain('2015 to 2020; years with no activities are left as gaps');
	});

	it('MapPreview: every council shaded by its class, and a line per link', () => {
		const html = mapPreview();
		const councils = [...html.matchAll(/<path [^>]*data-code="([^"]+)"[^>]*fill="([^"]+)"/g)].map((m) => [m[1], m[2]]);
		expect(councils.map(([code]) => code)).toEqual(['S1', 'S2', 'S3']);
		// S3 counts nothing: the no-data colour, unlike the two with activities.
		expect(new Set(councils.map(([, fill]) => fill)).size).toBe(3);
		const links = [...html.matchAll(/data-link="([^"]+)"/g)].map((m) => m[1]);
		expect(links.sort()).toEqual(map.links.map((link) => `${link.a}~${link.b}`).sort());
	});

	it('the normaliser keeps what matters and drops what does not', () => {
		expect(normaliseHtml('<!--[--><g class="svelte-abc123 on" y="1.23456" x="2"><text>a  b</text></g><!--]-->')).toBe(
			'<g class="on" x="2" y="1.23">\n  <text>\n    a b\n  </text>\n</g>\n'
		);
	});
});
