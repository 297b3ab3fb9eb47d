/**
 * The fast queries over `activity_facts` must give exactly what the first, straightforward SQL
 * over the dataset's own tables gave (tests/helpers/reference-queries.ts), on the tiny fixture,
 * the embedded dataset and a synthetic one, across many filter combinations.
 *
 * By default each dataset gets the edge cases (each dimension's first and last values, an
 * unknown value, searches) and a small seeded random set of combinations, so `npm test` stays
 * quick on a 2-core machine. ATLAS_EXHAUSTIVE=1 adds every value of every dimension on its own,
 * every pair of dimensions and many more random combinations: run it after changing the SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { emptyFilters, LIST_DIMENSIONS, type Filters, type ListDimension } from '../../src/lib/data/filters';
import {
	activityRows,
	councilProfile,
	countActivities,
	dimensionCounts,
	mapAndCharts,
	sharedActivities,
	syntheticReference,
	type AtlasDb,
	type ChartDimension,
	type SortKey
} from '../../src/lib/data/queries';
import { councilCounts, councilLinks, nationalCount } from '../helpers/map-queries';
import { generateSynthetic, mulberry32 } from '../../src/lib/data/synthetic';
import * as ref from '../helpers/reference-queries';
import { openWasmDb } from '../helpers/wasm-db';
import { EXHAUSTIVE } from '../helpers/exhaustive';

const CHARTS: ChartDimension[] = [
	'serviceAreas',
	'types',
	'reaches',
	'mechanisms',
	'startYears',
	'statuses',
	'sourceKinds',
	'partnerTypes',
	'regions',
	'spectrumLevels',
	'councils'
];
const SORTS: { key: SortKey; descending: boolean }[] = [
	{ key: 'name', descending: false },
	{ key: 'start_year', descending: true },
	{ key: 'reach', descending: false },
	{ key: 'council_count', descending: true },
	{ key: 'status', descending: false }
];

/** Every value each dimension takes in the loaded data, plus one it never takes. */
async function vocabulary(db: AtlasDb): Promise<Record<ListDimension, string[]>> {
	const values = async (sql: string) => (await db.query<{ v: string }>(sql)).map((r) => r.v);
	return {
		serviceAreas: await values('SELECT DISTINCT service_area_id AS v FROM activity_service_areas'),
		types: await values("SELECT DISTINCT coalesce(collaborative_type, '') AS v FROM activities"),
		reaches: await values('SELECT DISTINCT reach AS v FROM activities'),
		mechanisms: await values("SELECT DISTINCT coalesce(delivery_mechanism, '') AS v FROM activities"),
		startYears: await values('SELECT DISTINCT CAST(start_year AS VARCHAR) AS v FROM activities WHERE start_year IS NOT NULL'),
		regions: await values('SELECT DISTINCT region AS v FROM councils'),
		councils: await values('SELECT DISTINCT council_code AS v FROM activity_councils'),
		partnerTypes: await values('SELECT DISTINCT partner_type AS v FROM activity_partners'),
		statuses: await values('SELECT DISTINCT status AS v FROM activities'),
		sourceKinds: await values('SELECT DISTINCT source_kind AS v FROM activities'),
		spectrumLevels: await values("SELECT DISTINCT coalesce(spectrum_level, 'none') AS v FROM activities")
	};
}

/** ATLAS_SEED=n draws other random combinations (the default 0 repeats the same ones every run). */
const SEED = Number(process.env.ATLAS_SEED ?? 0);
const COMBINATIONS = `${EXHAUSTIVE ? 'exhaustive' : 'seeded'} filter combinations (seed ${SEED})`;
/** Seeded random combinations per dataset: [default, exhaustive]. */
const RANDOM = { tiny: EXHAUSTIVE ? 120 : 8, embedded: EXHAUSTIVE ? 120 : 8, synthetic: EXHAUSTIVE ? 160 : 10 };

/**
 * Single filters, unknown values, search, and seeded random combinations of 1–3 dimensions;
 * exhaustively also every value alone and every pair of dimensions.
 */
function combinations(vocab: Record<ListDimension, string[]>, seed: number, random: number): Filters[] {
	const f = (patch: Partial<Filters>): Filters => ({ ...emptyFilters(), ...patch });
	const out: Filters[] = [emptyFilters()];
	for (const dimension of LIST_DIMENSIONS) {
		const values = [...vocab[dimension]].sort();
		if (values.length) out.push(f({ [dimension]: [values[0]] }));
		if (values.length > 1) out.push(f({ [dimension]: [values[values.length - 1], values[1]] }));
		out.push(f({ [dimension]: ['no-such-value'] }));
		if (EXHAUSTIVE) for (const value of values.slice(1)) out.push(f({ [dimension]: [value] }));
	}
	if (EXHAUSTIVE)
		for (const [i, a] of LIST_DIMENSIONS.entries())
			for (const b of LIST_DIMENSIONS.slice(i + 1))
				if (vocab[a].length && vocab[b].length) out.push(f({ [a]: [[...vocab[a]].sort()[0]], [b]: [[...vocab[b]].sort().at(-1)!] }));
	out.push(f({ startYears: ['02005', ' 2005'] }), f({ search: 'roads' }), f({ search: 'nhs' }), f({ search: 'zzzz-nothing' }));
	// The year filter alone, with a chart's own filter, and with search.
	out.push(f({ inYear: 1996 }), f({ inYear: 2016 }), f({ inYear: 2016, startYears: ['2015'] }), f({ inYear: 2006, search: 'transport' }));
	const rng = mulberry32(seed);
	const pick = <T,>(list: T[]) => list[Math.floor(rng() * list.length)];
	for (let i = 0; i < random; i++) {
		const filters = emptyFilters();
		const count = 1 + Math.floor(rng() * 3);
		for (let d = 0; d < count; d++) {
			const dimension = pick(LIST_DIMENSIONS);
			if (vocab[dimension].length) filters[dimension] = [...new Set([...filters[dimension], pick(vocab[dimension])])];
		}
		if (rng() < 0.15) filters.search = pick(['partnership', 'shared', 'ayrshire', 'police', 'a']);
		if (rng() < 0.25) filters.inYear = 1996 + Math.floor(rng() * 31);
		out.push(filters);
	}
	return out;
}

const byKey = <T extends { key: string }>(rows: T[]) => [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

async function expectAgreement(db: AtlasDb, filters: Filters, rowChecks: boolean, turn = 0) {
	const label = JSON.stringify(filters);
	const total = await ref.ref_countActivities(db, filters);
	const national = await ref.ref_nationalCount(db, filters);
	const councils = await ref.ref_councilCounts(db, filters);
	const links = await ref.ref_councilLinks(db, filters);
	expect(await countActivities(db, filters), label).toBe(total);
	expect(await nationalCount(db, filters), label).toBe(national);
	expect(await councilCounts(db, filters), label).toEqual(councils);
	expect(await councilLinks(db, filters), label).toEqual(links);
	// The one-statement form the page runs, with every chart.
	const combined = await mapAndCharts(db, filters, CHARTS);
	expect(combined.total, label).toBe(total);
	expect(combined.national, label).toBe(national);
	expect(combined.councils, label).toEqual(councils);
	expect(combined.links, label).toEqual(links);
	for (const dimension of CHARTS) {
		const reference = byKey(await ref.ref_dimensionCounts(db, dimension, filters));
		const fast = await dimensionCounts(db, dimension, filters);
		expect(byKey(fast), `${dimension} ${label}`).toEqual(reference);
		expect(combined.charts[dimension], `${dimension} (combined) ${label}`).toEqual(fast);
		if (dimension !== 'startYears') expect(fast.map((r) => r.n), `${dimension} order`).toEqual([...fast.map((r) => r.n)].sort((a, b) => b - a));
		else expect(fast.map((r) => Number(r.key)), 'years in order').toEqual(fast.map((r) => Number(r.key)).sort((a, b) => a - b));
	}
	if (!rowChecks) return;
	// Name order always, and one other order in turn.
	for (const sort of [SORTS[0], SORTS[1 + (turn % (SORTS.length - 1))]]) {
		const fast = await activityRows(db, filters, sort);
		const reference = await ref.ref_activityRows(db, filters, sort);
		expect(byKey(fast.map((r) => ({ ...r, key: r.id }))), `rows ${label}`).toEqual(byKey(reference.map((r) => ({ ...r, key: r.id }))));
		// The reference breaks ties by name only; the fast query by name, then id. Same order wherever the reference's is defined.
		const rank = (r: (typeof fast)[number]) => JSON.stringify([r[sort.key === 'reach' ? 'reach' : sort.key], r.name]);
		const refRanks = reference.map(rank);
		if (new Set(refRanks).size === refRanks.length) expect(fast.map((r) => r.id), `order ${JSON.stringify(sort)} ${label}`).toEqual(reference.map((r) => r.id));
		const paged = [
			...(await activityRows(db, filters, sort, { limit: 7 })),
			...(await activityRows(db, filters, sort, { limit: 7, offset: 7 }))
		];
		expect(paged, `pages ${label}`).toEqual(fast.slice(0, 14));
	}
}

async function expectDetailAgreement(db: AtlasDb, filters: Filters, codes: string[]) {
	for (const code of codes) {
		const profile = await councilProfile(db, code, filters, { limit: 100_000 });
		expect(profile?.partners, `partners of ${code}`).toEqual(await ref.ref_profilePartners(db, code, filters));
		const own = await ref.ref_councilActivities(db, code, filters);
		expect(profile?.activities.map((r) => r.id).sort()).toEqual(own.map((r) => r.id).sort());
		expect(profile?.activityTotal).toBe(own.length);
	}
	for (let i = 0; i + 1 < codes.length; i++) {
		const [a, b] = [codes[i], codes[i + 1]];
		const fast = await sharedActivities(db, a, b, filters, { limit: 100_000 });
		const reference = await ref.ref_sharedActivities(db, a, b, filters);
		expect(fast.rows.map((r) => r.id).sort(), `shared ${a} ${b}`).toEqual(reference.map((r) => r.id).sort());
		expect(fast.total).toBe(reference.length);
		expect(fast.national).toBe(reference.filter((r) => r.reach === 'national').length);
	}
}

describe('fast queries agree with the reference SQL', () => {
	describe('on the tiny fixture', () => {
		let db: AtlasDb & { close(): void };
		beforeAll(async () => (db = await openWasmDb(path.resolve('tests/fixtures/tiny'))));
		afterAll(() => db?.close());
		it(COMBINATIONS, async () => {
			const vocab = await vocabulary(db);
			for (const [i, filters] of combinations(vocab, SEED + 1, RANDOM.tiny).entries()) await expectAgreement(db, filters, true, i);
			await expectDetailAgreement(db, emptyFilters(), ['S1', 'S2', 'S4', 'S5']);
			await expectDetailAgreement(db, { ...emptyFilters(), serviceAreas: ['edu'] }, ['S1', 'S2']);
		}, EXHAUSTIVE ? 3_600_000 : 180_000);
	});

	describe('on the embedded dataset and a synthetic one', () => {
		let db: AtlasDb & { close(): void };
		beforeAll(async () => (db = await openWasmDb(path.resolve('static/data'))));
		afterAll(() => db?.close());

		it(`embedded: ${COMBINATIONS}`, async () => {
			const vocab = await vocabulary(db);
			for (const [i, filters] of combinations(vocab, SEED + 2, RANDOM.embedded).entries()) await expectAgreement(db, filters, i % 2 === 0, i);
			const codes = vocab.councils.slice(0, 5);
			await expectDetailAgreement(db, emptyFilters(), codes);
			await expectDetailAgreement(db, { ...emptyFilters(), reaches: ['cluster'] }, codes);
		}, EXHAUSTIVE ? 3_600_000 : 180_000);

		it(`synthetic (3,000 activities): ${COMBINATIONS}`, async () => {
			await db.replaceWithSynthetic(generateSynthetic(await syntheticReference(db), 3000, 5));
			const vocab = await vocabulary(db);
			const all = combinations(vocab, SEED + 3, RANDOM.synthetic);
			for (const [i, filters] of all.entries()) await expectAgreement(db, filters, i % 4 === 0, i);
			await expectDetailAgreement(db, { ...emptyFilters(), statuses: ['operational'] }, vocab.councils.slice(0, 4));
		}, EXHAUSTIVE ? 3_600_000 : 180_000);
	});
});
