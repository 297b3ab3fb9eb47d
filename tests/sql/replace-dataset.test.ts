import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyFilters } from '../../src/lib/data/filters';
import { countActivities, type AtlasDb } from '../../src/lib/data/queries';
import { openWasmDb } from '../helpers/wasm-db';
import { TINY_DIR, tinyFiles } from '../helpers/tiny-fixture';

const tiny = TINY_DIR;

let db: AtlasDb & { close(): void };
beforeAll(async () => {
	db = await openWasmDb(tiny);
});
afterAll(() => db?.close());

describe('replaceDataset', () => {
	it('swaps in a whole new dataset', async () => {
		const files = tinyFiles();
		const lines = files.activities.trim().split('\n');
		files.activities = [lines[0], lines[1]].join('\n') + '\n';
		await db.replaceDataset(files);
		expect(await countActivities(db, emptyFilters())).toBe(1);
		await db.replaceDataset(tinyFiles());
		expect(await countActivities(db, emptyFilters())).toBe(5);
	});

	it('leaves the loaded data exactly as it was when a file is malformed', async () => {
		const files = tinyFiles();
		files.activity_councils = 'activity_id,council_code,is_lead\nroads-ab,S1,"unbalanced\n';
		files.survey_tables = 'table_id,table_title,survey_round\nx,y,not-a-year\n';
		await expect(db.replaceDataset(files)).rejects.toThrow();
		expect(await countActivities(db, emptyFilters())).toBe(5);
		const [{ n }] = await db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM activity_councils');
		expect(n).toBe(11);
	});

	it('holds queries that arrive mid-swap until the swap is done, so none runs inside its transaction', async () => {
		const files = tinyFiles();
		const lines = files.activities.trim().split('\n');
		files.activities = [lines[0], lines[1], lines[2]].join('\n') + '\n';
		const swap = db.replaceDataset(files);
		// Issued after the swap began: unlocked, these ran between its DROP and RENAME statements
		// and failed with "Table with name councils does not exist".
		const activities = countActivities(db, emptyFilters());
		const councils = db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM councils');
		const facts = db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM activity_facts');
		await swap;
		expect(await activities).toBe(2);
		expect((await councils)[0].n).toBeGreaterThan(0);
		expect((await facts)[0].n).toBe(2);
		await db.replaceDataset(tinyFiles());
	});

	it('lets a swap wait for the queries already running', async () => {
		const before = db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM activities');
		const files = tinyFiles();
		const lines = files.activities.trim().split('\n');
		files.activities = [lines[0], lines[1]].join('\n') + '\n';
		const swap = db.replaceDataset(files);
		expect((await before)[0].n).toBe(5);
		await swap;
		expect(await countActivities(db, emptyFilters())).toBe(1);
		await db.replaceDataset(tinyFiles());
	});
});
