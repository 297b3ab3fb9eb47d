import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { csvParse } from 'd3-dsv';
import { emptyFilters } from '../../src/lib/data/filters';
import { countActivities, councilCounts, dimensionCounts, surveyTables, type SqlRunner } from '../../src/lib/data/queries';
import { computeSummary } from '../../src/lib/data/figures';
import { openWasmDb } from '../helpers/wasm-db';

const dataDir = path.resolve('static/data');
let db: SqlRunner & { close(): void };

beforeAll(async () => {
	if (!fs.existsSync(path.join(dataDir, 'activities.csv'))) throw new Error('run `npm run data:build` first');
	db = await openWasmDb(dataDir);
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

	it('gives every activity a service area', async () => {
		const total = (await dimensionCounts(db, 'serviceAreas', emptyFilters())).reduce((sum, r) => sum + r.n, 0);
		expect(total).toBeGreaterThanOrEqual(await countActivities(db, emptyFilters()));
	});

	it('ships a first-paint summary equal to what the queries answer on it', async () => {
		const shipped = JSON.parse(fs.readFileSync(path.join(dataDir, 'summary.json'), 'utf8'));
		expect(shipped).toEqual(JSON.parse(JSON.stringify(await computeSummary(db))));
		expect(shipped.figures.total).toBe(await countActivities(db, emptyFilters()));
	});
});
