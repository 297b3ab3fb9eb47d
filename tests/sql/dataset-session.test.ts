/**
 * The dataset session on the real engine over the tiny fixture, with the browser's parts (engine
 * start-up events, the summary fetch, the generator worker) replaced by stand-ins.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AtlasDb } from '../../src/lib/data/sql';
import { DatasetSession, type SavedDataset, type SessionEnvironment } from '../../src/lib/state/dataset-session.svelte';
import type { DbState } from '../../src/lib/data/duckdb';
import { openWasmDb } from '../helpers/wasm-db';
import { TINY_DIR, tinyFiles } from '../helpers/tiny-fixture';

const tiny = TINY_DIR;

let db: AtlasDb & { close(): void };
beforeAll(async () => {
	db = await openWasmDb(tiny);
});
afterAll(() => db?.close());

function environment(overrides: Partial<SessionEnvironment> = {}): SessionEnvironment {
	return {
		openEngine: async () => {
			await db.replaceDataset(tinyFiles());
			return db;
		},
		onEngineState: (listener: (state: DbState) => void) => listener({ kind: 'ready', activities: 5, millis: 1 }),
		fetchSummary: async () => undefined,
		generateSynthetic: async () => {
			throw new Error('not in these tests');
		},
		...overrides
	};
}

/** An import of the tiny fixture's first two activities, as saved in the browser. */
function savedImport(outcome: 'loads' | 'throws' | 'malformed' | 'none'): SavedDataset {
	return {
		async load() {
			if (outcome === 'none') return undefined;
			if (outcome === 'throws') throw new Error('The saved import is from another version of the Atlas.\nDetails…');
			const files = tinyFiles();
			const lines = files.activities.trim().split('\n');
			files.activities = lines.slice(0, 3).join('\n') + '\n';
			if (outcome === 'malformed') files.activity_councils = 'activity_id,council_code,is_lead\nroads-ab,S1,"unbalanced\n';
			return { files, source: { kind: 'imported' as const, fileName: 'returns.csv', activities: 2, importedAt: '2026-11-30' } };
		}
	};
}

describe('the dataset session', () => {
	it('shows the embedded data when nothing is saved, and says so before the engine is up', async () => {
		const session = new DatasetSession('/data', environment());
		const heard: boolean[] = [];
		await session.start({ saved: savedImport('none') }, (embedded) => heard.push(embedded));
		expect(heard).toEqual([true]);
		expect(session.ready).toBe(true);
		expect(session.source).toEqual({ kind: 'embedded' });
		expect(session.grandTotal).toBe(5);
		expect(session.reference?.councils.length).toBeGreaterThan(0);
		expect(session.notice).toBeUndefined();
	});

	it('swaps in a saved import before it is ready, so nothing queries the embedded data first', async () => {
		const session = new DatasetSession('/data', environment());
		const heard: boolean[] = [];
		await session.start({ saved: savedImport('loads') }, (embedded) => heard.push(embedded));
		expect(heard).toEqual([false]);
		expect(session.source).toMatchObject({ kind: 'imported', fileName: 'returns.csv' });
		expect(session.grandTotal).toBe(2);
	});

	for (const outcome of ['throws', 'malformed'] as const) {
		it(`keeps the embedded data and says why when a saved import ${outcome === 'throws' ? 'cannot be read' : 'does not load'}`, async () => {
			const dashboard = new DatasetSession('/data', environment());
			await dashboard.start({ saved: savedImport(outcome) });
			expect(dashboard.source).toEqual({ kind: 'embedded' });
			expect(dashboard.grandTotal).toBe(5);
			expect(dashboard.notice).toEqual({ kind: 'stored-import-unloadable', reason: expect.stringMatching(/^[^\n]+$/) });
			if (outcome === 'throws') expect(dashboard.notice?.reason).toBe('The saved import is from another version of the Atlas.');
		});
	}

	it('reports an engine that does not start, and never becomes ready', async () => {
		const session = new DatasetSession('/data', environment({ openEngine: () => Promise.reject(new Error('WebAssembly is disabled\nstack')) }));
		await session.start({});
		expect(session.ready).toBe(false);
		expect(session.engine).toEqual({ kind: 'failed', message: 'WebAssembly is disabled' });
	});

	it('swaps datasets whole: the reference, the total and the version change together', async () => {
		const session = new DatasetSession('/data', environment());
		await session.start({});
		const files = tinyFiles();
		const lines = files.activities.trim().split('\n');
		files.activities = [lines[0], lines[1]].join('\n') + '\n';
		await session.replaceDataset(files, { kind: 'imported', fileName: 'one.csv', activities: 1, importedAt: '2026-11-30' });
		expect([session.grandTotal, session.version, session.source.kind]).toEqual([1, 1, 'imported']);
		const bad = tinyFiles();
		bad.activity_councils = 'activity_id,council_code,is_lead\nx,S1,"unbalanced\n';
		await expect(session.replaceDataset(bad, { kind: 'imported', fileName: 'bad.csv', activities: 1, importedAt: '2026-11-30' })).rejects.toThrow();
		expect([session.grandTotal, session.version, session.source]).toEqual([1, 1, expect.objectContaining({ fileName: 'one.csv' })]);
	});
});
