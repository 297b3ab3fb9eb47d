import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { csvFormat } from 'd3-dsv';
import { emptyFilters } from '../../src/lib/data/filters';
import { countActivities, syntheticReference, type AtlasDb } from '../../src/lib/data/queries';
import { STAGING, swapDataset, TABLE_NAMES, type DatasetFiles, type TableLoader } from '../../src/lib/data/schema';
import { generateSynthetic, syntheticRows } from '../../src/lib/data/synthetic';
import { replaceWithSynthetic } from '../../src/lib/data/synthetic-load';
import { openWasmDb } from '../helpers/wasm-db';

const dataDir = path.resolve('static/data');
const embeddedFiles = () =>
	Object.fromEntries(TABLE_NAMES.map((t) => [t, fs.readFileSync(path.join(dataDir, `${t}.csv`), 'utf8')])) as DatasetFiles;

let db: AtlasDb & { close(): void; loader: TableLoader };
beforeAll(async () => {
	db = await openWasmDb(dataDir);
});
afterAll(() => db?.close());

const snapshot = async () =>
	Object.fromEntries(
		await Promise.all(TABLE_NAMES.map(async (t) => [t, await db.query(`SELECT * FROM ${t} ORDER BY ALL`)] as const))
	);

describe('loading a synthetic dataset', () => {
	it('gives exactly the tables its CSV form gives through replaceDataset', async () => {
		const dataset = generateSynthetic(await syntheticReference(db), 400, 11);
		await db.replaceWithSynthetic(dataset);
		const viaArrow = await snapshot();
		expect(await countActivities(db, emptyFilters())).toBe(400);

		const files = embeddedFiles();
		for (const [table, rows] of Object.entries(syntheticRows(dataset))) files[table as keyof DatasetFiles] = csvFormat(rows) + '\n';
		await db.replaceDataset(files);
		const viaCsv = await snapshot();
		expect(viaArrow).toEqual(viaCsv);
		await db.replaceDataset(embeddedFiles());
	});

	it('leaves the loaded data as it was when staging fails part-way', async () => {
		const before = await snapshot();
		const dataset = generateSynthetic(await syntheticReference(db), 50, 2);
		const failing: TableLoader = {
			...db.loader,
			exec: async (sql) => {
				if (sql.includes(`${STAGING}activity_partners`) && sql.startsWith('CREATE')) throw new Error('disk full');
				return db.loader.exec(sql);
			}
		};
		await expect(replaceWithSynthetic(failing, dataset)).rejects.toThrow('disk full');
		expect(await snapshot()).toEqual(before);
		const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name LIKE '${STAGING}%'`);
		expect(n).toBe(0);
	});

	it('refuses staged tables that do not fit the schema, leaving the data as it was', async () => {
		const before = await snapshot();
		await expect(
			swapDataset(db.loader, async () => {
				for (const table of TABLE_NAMES) await db.loader.exec(`CREATE TABLE ${STAGING}${table} AS SELECT * FROM ${table}`);
				await db.loader.exec(`CREATE OR REPLACE TABLE ${STAGING}survey_tables AS SELECT 'x' AS table_id, 'not a number' AS survey_round`);
			})
		).rejects.toThrow(/does not match the schema/);
		expect(await snapshot()).toEqual(before);
	});

	it('rolls the whole swap back when it fails inside the transaction', async () => {
		const before = await snapshot();
		const derivedBefore = await db.query('SELECT * FROM activity_facts ORDER BY k');
		// 65 service areas: every table is already renamed into place when the derived tables refuse them.
		await expect(
			swapDataset(db.loader, async () => {
				for (const table of TABLE_NAMES) await db.loader.exec(`CREATE TABLE ${STAGING}${table} AS SELECT * FROM ${table}`);
				await db.loader.exec(
					`INSERT INTO ${STAGING}service_areas SELECT 'extra_' || i, 'Extra ' || i, 'Extra ' || i FROM range(65) t(i)`
				);
			})
		).rejects.toThrow(/at most 64/);
		expect(await snapshot()).toEqual(before);
		expect(await db.query('SELECT * FROM activity_facts ORDER BY k')).toEqual(derivedBefore);
	});
});
