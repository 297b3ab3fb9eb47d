import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { csvParse } from 'd3-dsv';
import { emptyFilters } from '../../src/lib/data/filters';
import { activityDetail, countActivities, dimensionCounts, surveyTables, type SqlRunner } from '../../src/lib/data/queries';
import { councilCounts } from '../helpers/map-queries';
import { NO_SERVICE_AREA_NOTE } from '../../src/lib/data/dataset-rules';
import { computeSummary } from '../../src/lib/data/figures';
import { BUILT_DATA, openBuiltData } from '../helpers/wasm-db';

const dataDir = BUILT_DATA;
let db: SqlRunner & { close(): void };

beforeAll(async () => {
	db = await openBuiltData();
});
afterAll(() => db?.close());

describe('the embedded dataset loads into DuckDB-WASM intact', () => {
	it('has as many activities as the source CSVs', async () => {
		const sourceRows = fs
			.readdirSync('data/activities')
			.flatMap((file) => csvParse(fs.readFileSync(path.join('data/activities', file), 'utf8')));
		expect(await countActivities(db, emptyFilters())).toBe(sourceRows.length);
	});

	it('knows all 32 councils', async () => {
		expect(await councilCounts(db, emptyFilters())).toHaveLength(32);
	});

	it('keeps the published survey figures as printed', async () => {
		const headline = (await surveyTables(db)).filter((r) => r.table_id === 'headline_2020');
		expect(headline.map((r) => r.number)).toEqual([26, 373, 30, 242, 40]);
	});

	it('gives every activity a service area, unless its source names none and its note says so', async () => {
		const total = (await dimensionCounts(db, 'serviceAreas', emptyFilters())).reduce((sum, r) => sum + r.n, 0);
		expect(total).toBeGreaterThanOrEqual(await countActivities(db, emptyFilters()));
		const without = await db.query<{ id: string; councils_note: string }>(
			'SELECT a.id, a.councils_note FROM activities a WHERE a.id NOT IN (SELECT activity_id FROM activity_service_areas) ORDER BY a.id'
		);
		expect(without.map((a) => a.id)).toEqual(['edinburgh-pathfinder', 'glasgow-pathfinder', 'joint-working-in-orkney']);
		for (const a of without) expect(a.councils_note).toContain(NO_SERVICE_AREA_NOTE);
	});

	it('cites every activity and survey figure by a source the sources table has, and ships no file name', async () => {
		const [{ n }] = await db.query<{ n: number }>(
			'SELECT count(*)::INTEGER AS n FROM activities a LEFT JOIN sources s ON s.id = a.source_id WHERE s.id IS NULL'
		);
		expect(n).toBe(0);
		const survey = await surveyTables(db);
		expect(new Set(survey.map((r) => r.source_citation))).toEqual(
			new Set(['Collaborative Working Research Report (Improvement Service, 2020)', 'Collaborative Working Research Report: Research Review (Improvement Service, 2020)'])
		);
		const columns = await db.query<{ column_name: string }>("SELECT column_name FROM duckdb_columns() WHERE table_name = 'sources'");
		expect(columns.map((c) => c.column_name)).toEqual(['id', 'title', 'publisher', 'year', 'kind', 'url']);
		for (const table of fs.readdirSync(dataDir).filter((f) => f.endsWith('.csv')))
			expect(fs.readFileSync(path.join(dataDir, table), 'utf8'), table).not.toMatch(/\d{3}_[0-9a-f]{16}\.txt/);
	});

	it('shows a report row’s source as title, publisher, year and locator', async () => {
		const detail = await activityDetail(db, 'ayrshire-roads-alliance');
		expect(detail?.source_citation).toBe('Collaborative Working Research Report (Improvement Service, 2020), Appendix 3, Case Study 1');
		const order = await activityDetail(db, 'tactran');
		expect(order?.source_citation).toBe(
			'The Regional Transport Partnerships (Establishment, Constitution and Membership) (Scotland) Order 2005 (SSI 2005/622), Article 3 and Schedule 1'
		);
		expect(order?.source_url).toBe('https://www.legislation.gov.uk/ssi/2005/622/made');
	});

	it('ships a first-paint summary equal to what the queries answer on it', async () => {
		const shipped = JSON.parse(fs.readFileSync(path.join(dataDir, 'summary.json'), 'utf8'));
		expect(shipped).toEqual(JSON.parse(JSON.stringify(await computeSummary(db))));
		expect(shipped.figures.total).toBe(await countActivities(db, emptyFilters()));
	});
});
