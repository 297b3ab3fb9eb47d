import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyFilters, type Filters } from '../../src/lib/data/filters';
import { countActivities, mapAndCharts, spectrumActivities, sharedMatrix, type SqlRunner } from '../../src/lib/data/queries';
import { openBuiltData } from '../helpers/wasm-db';

let db: SqlRunner & { close(): void };

beforeAll(async () => {
	db = await openBuiltData();
});
afterAll(() => db?.close());

/** The definition in the issue, straight over the activities table. */
async function inOperation(year: number, extra = 'TRUE', params: (string | number)[] = []): Promise<number> {
	const [{ n }] = await db.query<{ n: number }>(
		`SELECT count(*)::INTEGER AS n FROM activities WHERE start_year <= ? AND (end_year IS NULL OR end_year >= ?) AND ${extra}`,
		[year, year, ...params]
	);
	return n;
}

const inYear = (year: number, more: Partial<Filters> = {}): Filters => ({ ...emptyFilters(), ...more, inYear: year });

describe('"In operation in YEAR" over the embedded dataset', () => {
	it.each([1996, 2006, 2016])('counts the activities started by %i and not ended before it', async (year) => {
		const expected = await inOperation(year);
		expect(expected).toBeGreaterThan(0);
		expect(await countActivities(db, inYear(year))).toBe(expected);
		// The statement the page's map, charts and count come from.
		expect((await mapAndCharts(db, inYear(year), ['startYears'])).total).toBe(expected);
		expect((await spectrumActivities(db, inYear(year), { limit: 1 })).total).toBe(expected);
	});

	it('grows over the years shown by play, and leaves out activities without a start year', async () => {
		const all = await countActivities(db, emptyFilters());
		const [{ undated }] = await db.query<{ undated: number }>('SELECT count(*)::INTEGER AS undated FROM activities WHERE start_year IS NULL');
		const now = new Date().getFullYear();
		expect(await countActivities(db, inYear(now))).toBeLessThanOrEqual(all - undated);
		expect(await countActivities(db, inYear(1996))).toBeLessThan(await countActivities(db, inYear(2016)));
	});

	it('narrows together with the other filters (AND)', async () => {
		const expected = await inOperation(2016, "reach = ?", ['national']);
		expect(await countActivities(db, inYear(2016, { reaches: ['national'] }))).toBe(expected);
	});

	it('keeps one SQL text whether or not a year is chosen', async () => {
		const seen: string[] = [];
		const spy: SqlRunner = { query: (sql, params) => (seen.push(sql), db.query(sql, params)) };
		await countActivities(spy, emptyFilters());
		await countActivities(spy, inYear(2006));
		// The spy also sees the filter dictionary being read once.
		const counts = seen.filter((sql) => sql.includes('FROM activity_facts'));
		expect(counts).toHaveLength(2);
		expect(counts[0]).toBe(counts[1]);
	});

	it('narrows the Insight matrix too', async () => {
		const all = await sharedMatrix(db, emptyFilters(), true);
		const early = await sharedMatrix(db, inYear(1996), true);
		const sum = (m: typeof all) => m.councils.reduce((s, c) => s + c.activities, 0);
		expect(sum(early)).toBeLessThan(sum(all));
	});
});
