import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { emptyFilters, type Filters } from '../../src/lib/data/filters';
import {
	activityDetail,
	activityRows,
	councilProfile,
	countActivities,
	dimensionCounts,
	sharedActivities,
	type SqlRunner
} from '../../src/lib/data/queries';
import { councilCounts, councilLinks, nationalCount } from '../helpers/map-queries';
import { openWasmDb } from '../helpers/wasm-db';

let db: SqlRunner & { close(): void };
const f = (patch: Partial<Filters>): Filters => ({ ...emptyFilters(), ...patch });

beforeAll(async () => {
	db = await openWasmDb(path.resolve('tests/fixtures/tiny'));
});
afterAll(() => db?.close());

describe('filters narrow activities (DuckDB-WASM, tiny fixture)', () => {
	it('counts everything with no filters', async () => {
		expect(await countActivities(db, emptyFilters())).toBe(5);
	});

	it('ORs values within a dimension and ANDs across dimensions', async () => {
		expect(await countActivities(db, f({ serviceAreas: ['roads', 'edu'] }))).toBe(4);
		expect(await countActivities(db, f({ serviceAreas: ['roads', 'edu'], statuses: ['developing'] }))).toBe(1);
	});

	it('filters by council, region and partner type through the link tables', async () => {
		expect(await countActivities(db, f({ councils: ['S4'] }))).toBe(2);
		expect(await countActivities(db, f({ regions: ['South'] }))).toBe(3);
		expect(await countActivities(db, f({ partnerTypes: ['police'] }))).toBe(1);
	});

	it('searches names, summaries and partner names case-insensitively', async () => {
		expect((await activityRows(db, f({ search: 'ROADS' }))).map((r) => r.id)).toEqual(['roads-ab']);
		expect((await activityRows(db, f({ search: 'charity' }))).map((r) => r.id)).toEqual(['solo-d']);
	});

	it('treats hostile search text as a value, not SQL', async () => {
		expect(await countActivities(db, f({ search: "'; DROP TABLE activities; --" }))).toBe(0);
		expect(await countActivities(db, emptyFilters())).toBe(5);
	});
});

describe('map figures', () => {
	it('counts activities per council, with zeros, and the local subset without national ones', async () => {
		const counts = Object.fromEntries((await councilCounts(db, emptyFilters())).map((c) => [c.code, [c.activities, c.local_activities]]));
		expect(counts).toEqual({ S1: [3, 2], S2: [3, 2], S3: [2, 1], S4: [2, 1], S5: [1, 0] });
	});

	it('links councils that share non-national activities, width by count', async () => {
		const links = await councilLinks(db, emptyFilters());
		expect(links.map((l) => [l.a, l.b, l.shared])).toEqual([
			['S1', 'S2', 2],
			['S1', 'S3', 1],
			['S2', 'S3', 1]
		]);
		expect(await nationalCount(db, emptyFilters())).toBe(1);
	});

	it('lists what two linked councils share', async () => {
		const shared = await sharedActivities(db, 'S1', 'S2', emptyFilters());
		expect(shared.rows.map((r) => r.id).sort()).toEqual(['edu-all', 'roads-ab', 'waste-abc']);
		expect(shared.total).toBe(3);
		expect((await sharedActivities(db, 'S1', 'S2', emptyFilters(), { limit: 1 })).rows).toHaveLength(1);
	});
});

describe('cross-filtered charts', () => {
	it('ignores a chart’s own dimension so its alternatives stay visible', async () => {
		const filters = f({ serviceAreas: ['edu'] });
		const areas = await dimensionCounts(db, 'serviceAreas', filters);
		expect(Object.fromEntries(areas.map((r) => [r.key, r.n]))).toEqual({ roads: 2, waste: 2, edu: 2 });
		const statuses = await dimensionCounts(db, 'statuses', filters);
		expect(Object.fromEntries(statuses.map((r) => [r.key, r.n]))).toEqual({ operational: 1, developing: 1 });
	});

	it('orders the start-year timeline by year', async () => {
		expect((await dimensionCounts(db, 'startYears', emptyFilters())).map((r) => r.key)).toEqual(['2010', '2014', '2016']);
	});
});

describe('detail and profile', () => {
	it('returns an activity with its councils (lead first), partners and areas', async () => {
		const detail = await activityDetail(db, 'waste-abc');
		expect(detail?.councils.map((c) => c.code)).toEqual(['S1', 'S2', 'S3']);
		expect(detail?.lead_council).toBe('Alpha');
		expect(detail?.partners).toEqual([{ name: 'NHS Test', type: 'nhs' }]);
		expect(await activityDetail(db, 'missing')).toBeUndefined();
	});

	it('ranks a council’s partners and lists its neighbours', async () => {
		const profile = await councilProfile(db, 'S1', emptyFilters());
		expect(profile?.activities).toHaveLength(3);
		expect(profile?.activityTotal).toBe(3);
		// Shared means not counting national schemes (SHARED_MEANS), so the national edu-all adds no partner (issue 12, item 3).
		expect(profile?.partners.map((p) => [p.code, p.shared])).toEqual([
			['S2', 2],
			['S3', 1]
		]);
		expect(profile?.neighbours.map((n) => n.code)).toEqual(['S2']);
	});

	it('sorts the table by a whitelisted key', async () => {
		const rows = await activityRows(db, emptyFilters(), { key: 'council_count', descending: true });
		expect(rows.map((r) => r.council_count)).toEqual([5, 3, 2, 1, 0]);
	});

	it('pages the table', async () => {
		const sort = { key: 'council_count' as const, descending: true };
		const all = await activityRows(db, emptyFilters(), sort);
		expect(await activityRows(db, emptyFilters(), sort, { limit: 2, offset: 2 })).toEqual(all.slice(2, 4));
	});
});

describe('charts’ “not stated” bars', () => {
	it('filter to the activities with no value', async () => {
		const types = await dimensionCounts(db, 'types', emptyFilters());
		const notStated = types.find((r) => r.key === '');
		expect(notStated?.n).toBe(2);
		expect(await countActivities(db, f({ types: [''] }))).toBe(2);
		expect(await countActivities(db, f({ mechanisms: [''] }))).toBe(3);
	});
});
