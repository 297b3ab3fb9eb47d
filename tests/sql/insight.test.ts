import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { emptyFilters, type Filters } from '../../src/lib/data/filters';
import {
	compareCouncils,
	councilFigures,
	countActivities,
	dimensionCounts,
	opportunityFinder,
	sharedMatrix,
	type SqlRunner
} from '../../src/lib/data/queries';
import { councilLinks, opportunities } from '../helpers/map-queries';
import { matrixOrder } from '../../src/lib/data/insight';
import { openWasmDb } from '../helpers/wasm-db';

/**
 * tests/fixtures/insight: six councils in two regions (North: Alpha S1, Bravo S2, Foxtrot S6;
 * South: Charlie S3, Delta S4, Echo S5), borders S1–S2, S1–S3, S2–S3, S3–S4, S4–S5.
 */
let db: SqlRunner & { close(): void };
const f = (patch: Partial<Filters>): Filters => ({ ...emptyFilters(), ...patch });

beforeAll(async () => {
	db = await openWasmDb(path.resolve('tests/fixtures/insight'));
});
afterAll(() => db?.close());

const summary = (list: Awaited<ReturnType<typeof opportunities>>) =>
	list.map((o) => [o.rank, o.code, o.isNeighbour, o.sameRegion, o.alreadyShared, o.activities.map((a) => a.activity_id)]);

describe('opportunity finder (DuckDB-WASM, insight fixture)', () => {
	// Charlie's roads-3 is a statutory body set up by an Order (fixed membership, membership.ts):
	// it is never offered, only shown as a comparable arrangement (issue 12, item 4).
	it('lists neighbours and same-region councils running the area without the chosen council, neighbours first', async () => {
		const found = await opportunities(db, { council: 'S1', area: 'roads' }, emptyFilters());
		expect(summary(found)).toEqual([
			// Bravo and Charlie border Alpha, with one roads activity each to join; Bravo already shares two with Alpha.
			[1, 'S2', true, true, 2, ['roads-23']],
			[2, 'S3', true, false, 0, ['roads-23']],
			// Foxtrot is only in Alpha's region; Delta and Echo are neither.
			[3, 'S6', false, true, 0, ['roads-56', 'roads-6']]
		]);
	});

	it('keeps a body set up by legislation out of the offers, as a comparable arrangement with its citation', async () => {
		const { opportunities: offered, comparable } = await opportunityFinder(db, { council: 'S1', area: 'roads' }, emptyFilters());
		expect(offered.flatMap((o) => o.activities.map((a) => a.activity_id))).not.toContain('roads-3');
		expect(comparable.map((g) => [g.kind, g.arrangements.map((a) => [a.activity_id, a.councils, a.source_citation]), g.own])).toEqual([
			['Body set up by legislation', [['roads-3', ['Charlie'], 'A Roads Order 2005 (SSI 2005/1), Schedule 1']], []]
		]);
	});

	it('cites each activity’s source by title, never a file: the report and its quote', async () => {
		const charlie = (await opportunities(db, { council: 'S1', area: 'roads' }, emptyFilters())).find((o) => o.code === 'S3')!;
		const reported = charlie.activities.find((a) => a.activity_id === 'roads-23')!;
		expect([reported.source_citation, reported.source_quote, reported.spectrum_level]).toEqual([
			'Test Report (Test Publisher, 2020), Case Study 1',
			'roads quote two',
			'collaborate'
		]);
	});

	it('breaks ties on activities by the existing working relationship, for every area', async () => {
		const found = await opportunities(db, { council: 'S1', area: '' }, emptyFilters());
		expect(summary(found)).toEqual([
			[1, 'S2', true, true, 2, ['roads-23', 'waste-26']],
			[2, 'S3', true, false, 0, ['roads-23']],
			// Activities within a candidate go by name (Bravo Foxtrot Waste, Echo Foxtrot Roads, Foxtrot Depot).
			[3, 'S6', false, true, 0, ['waste-26', 'roads-56', 'roads-6']]
		]);
	});

	it('honours the dashboard filters, but not a council or service-area filter', async () => {
		const found = await opportunities(
			db,
			{ council: 'S1', area: 'roads' },
			f({ statuses: ['operational'], councils: ['S4'], serviceAreas: ['edu'] })
		);
		expect(summary(found)).toEqual([
			[1, 'S2', true, true, 2, ['roads-23']],
			[2, 'S3', true, false, 0, ['roads-23']],
			[3, 'S6', false, true, 0, ['roads-6']]
		]);
	});

	it('finds nothing for an unknown council and treats hostile input as a value', async () => {
		expect(await opportunities(db, { council: "S1' OR 1=1 --", area: 'roads' }, emptyFilters())).toEqual([]);
		expect(await opportunities(db, { council: 'S1', area: "roads' OR '1'='1" }, emptyFilters())).toEqual([]);
	});
});

describe('network matrix', () => {
	it('counts shared non-national activities per pair, and every activity when national ones are included', async () => {
		const local = await sharedMatrix(db, emptyFilters(), false);
		expect(local.pairs.map((p) => [p.a, p.b, p.shared])).toEqual([
			['S1', 'S2', 2],
			['S2', 'S3', 1],
			['S2', 'S6', 1],
			['S4', 'S5', 1],
			['S5', 'S6', 1]
		]);
		expect(Object.fromEntries(local.councils.map((c) => [c.code, c.activities]))).toEqual({ S1: 2, S2: 4, S3: 2, S4: 1, S5: 2, S6: 3 });
		const all = await sharedMatrix(db, emptyFilters(), true);
		expect(all.pairs).toHaveLength(15);
		expect(all.pairs[0]).toEqual({ a: 'S1', b: 'S2', shared: 3 });
	});

	it('orders councils by region, or by similarity so partners sit together', async () => {
		const { councils, pairs } = await sharedMatrix(db, emptyFilters(), false);
		expect(matrixOrder('region', councils, pairs)).toEqual(['S1', 'S2', 'S6', 'S3', 'S4', 'S5']);
		expect(matrixOrder('similarity', councils, pairs)).toEqual(['S2', 'S1', 'S5', 'S4', 'S6', 'S3']);
	});
});

describe('per-council figures with the Scotland median', () => {
	it('counts partners, activities and the national share, with medians across all councils', async () => {
		const figures = await councilFigures(db, emptyFilters());
		const byCode = Object.fromEntries(figures.map((r) => [r.code, [r.activities, r.national, r.local, r.partners]]));
		expect(byCode).toEqual({
			S1: [3, 1, 2, 1],
			S2: [5, 1, 4, 3],
			S3: [3, 1, 2, 1],
			S4: [2, 1, 1, 1],
			S5: [3, 1, 2, 2],
			S6: [4, 1, 3, 2]
		});
		expect(figures.find((r) => r.code === 'S4')!.national_share).toBeCloseTo(0.5);
		const [first] = figures;
		expect([first.median_activities, first.median_local, first.median_partners]).toEqual([3, 2, 1.5]);
		expect(first.median_national_share).toBeCloseTo(1 / 3);
	});

	it('narrows with the filters', async () => {
		const figures = await councilFigures(db, f({ serviceAreas: ['waste'] }));
		expect(Object.fromEntries(figures.map((r) => [r.code, r.activities]))).toEqual({ S1: 1, S2: 2, S3: 0, S4: 0, S5: 0, S6: 2 });
		expect(figures.find((r) => r.code === 'S3')!.national_share).toBeNull();
	});
});

describe('compare two councils', () => {
	it('splits activities into shared, only A and only B, with areas and spectrum levels', async () => {
		const comparison = (await compareCouncils(db, 'S3', 'S2', emptyFilters()))!;
		expect(comparison.a.name).toBe('Charlie');
		expect(comparison.b.activities).toBe(5);
		expect(comparison.shared.map((r) => r.id)).toEqual(['roads-23', 'nat-all']);
		expect(comparison.onlyA.map((r) => r.id)).toEqual(['roads-3']);
		expect(comparison.onlyB.map((r) => r.id)).toEqual(['roads-12', 'waste-12', 'waste-26']);
		const levels = (code: string) =>
			Object.fromEntries(comparison.spectrum.filter((r) => r.code === code).map((r) => [r.key, r.n]));
		expect(levels('S2')).toEqual({ integrate: 1, cooperate: 2, collaborate: 1, communicate: 1 });
		expect(levels('S3')).toEqual({ none: 1, collaborate: 1, communicate: 1 });
		const areas = Object.fromEntries(comparison.areas.filter((r) => r.code === 'S2').map((r) => [r.key, r.n]));
		expect(areas).toEqual({ roads: 2, waste: 2, edu: 1 });
	});

	it('returns nothing for an unknown council', async () => {
		expect(await compareCouncils(db, 'S1', 'S99', emptyFilters())).toBeUndefined();
	});
});

describe('spectrum level as a filter, a chart and a link colour', () => {
	it('filters by level, with "none" for not derivable', async () => {
		expect(await countActivities(db, f({ spectrumLevels: ['cooperate'] }))).toBe(2);
		expect(await countActivities(db, f({ spectrumLevels: ['none'] }))).toBe(4);
		expect(await countActivities(db, f({ spectrumLevels: ['integrate', 'communicate'] }))).toBe(2);
	});

	it('counts activities per level, cross-filtered', async () => {
		const rows = await dimensionCounts(db, 'spectrumLevels', f({ spectrumLevels: ['integrate'] }));
		expect(Object.fromEntries(rows.map((r) => [r.key, r.n]))).toEqual({
			none: 4,
			cooperate: 2,
			integrate: 1,
			coordinate: 1,
			collaborate: 1,
			communicate: 1
		});
	});

	it('gives each map link the most integrated level it carries, or null', async () => {
		const links = await councilLinks(db, emptyFilters());
		expect(Object.fromEntries(links.map((l) => [`${l.a}-${l.b}`, l.spectrum]))).toEqual({
			'S1-S2': 'integrate',
			'S2-S3': 'collaborate',
			'S2-S6': 'cooperate',
			'S4-S5': null,
			'S5-S6': 'coordinate'
		});
	});
});

describe('spectrum activity list', () => {
	it('lists the filtered activities most integrated first, with what the rule reads', async () => {
		const { spectrumActivities } = await import('../../src/lib/data/queries');
		const { activities: rows, total, withLevel } = await spectrumActivities(db, f({ serviceAreas: ['roads'] }));
		expect([total, withLevel]).toEqual([6, 3]);
		expect(rows.map((r) => [r.id, r.spectrum_level])).toEqual([
			['roads-12', 'integrate'],
			['roads-23', 'collaborate'],
			['roads-56', 'coordinate'],
			['roads-3', null],
			['roads-6', null],
			['unnamed', null]
		]);
		expect(rows[0].delivery_mechanism).toBe('Joint Committee');
	});

	it('pages the list, counting every match before the page is cut', async () => {
		const { spectrumActivities } = await import('../../src/lib/data/queries');
		const all = await spectrumActivities(db, f({ serviceAreas: ['roads'] }));
		const page = await spectrumActivities(db, f({ serviceAreas: ['roads'] }), { limit: 2 });
		expect(page.activities).toEqual(all.activities.slice(0, 2));
		expect([page.total, page.withLevel]).toEqual([all.total, all.withLevel]);
		expect(await spectrumActivities(db, f({ serviceAreas: ['no-such-area'] }))).toEqual({ activities: [], total: 0, withLevel: 0 });
	});
});
