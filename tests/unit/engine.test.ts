import { describe, expect, it } from 'vitest';
import { CachingAtlasDb, type EngineConnection } from '../../src/lib/data/engine';
import type { TableLoader } from '../../src/lib/data/schema';

/** A fake engine that answers `SELECT n` with n rows and counts what reaches it. */
function fakeEngine() {
	const calls = { prepared: 0, run: 0, closed: 0 };
	let failNext = false;
	const loader: TableLoader = { registerText: async () => {}, exec: async () => {}, insertArrowIpc: async () => {} };
	const engine: EngineConnection = {
		loader,
		prepare: async (sql) => {
			calls.prepared++;
			return {
				query: async (params) => {
					calls.run++;
					if (failNext) {
						failNext = false;
						throw new Error('engine error');
					}
					const n = Number(/SELECT (\d+)/.exec(sql)?.[1] ?? 1);
					return Array.from({ length: n }, (_, i) => ({ i, params }));
				},
				close: async () => void calls.closed++
			};
		}
	};
	return { engine, calls, failOnce: () => (failNext = true) };
}

describe('the engine’s answers', () => {
	it('are kept per statement and parameters, so a repeated filter state costs the engine nothing', async () => {
		const { engine, calls } = fakeEngine();
		const db = new CachingAtlasDb(engine);
		const first = await db.query('SELECT 2', [1]);
		expect(await db.query('SELECT 2', [1])).toBe(first);
		expect(calls).toMatchObject({ prepared: 1, run: 1 });
		await db.query('SELECT 2', [2]);
		expect(calls).toMatchObject({ prepared: 1, run: 2 });
	});

	it('are dropped by a dataset swap, with the statements prepared on the old tables', async () => {
		const { engine, calls } = fakeEngine();
		const db = new CachingAtlasDb(engine);
		const before = await db.query('SELECT 1');
		await db.replaceDataset({} as never).catch(() => undefined);
		const after = await db.query('SELECT 1');
		expect(after).not.toBe(before);
		expect(calls).toMatchObject({ prepared: 2, run: 2, closed: 1 });
	});

	it('are not kept when the engine failed, or when they are too large to be worth keeping', async () => {
		const { engine, calls, failOnce } = fakeEngine();
		const db = new CachingAtlasDb(engine);
		failOnce();
		await expect(db.query('SELECT 1')).rejects.toThrow('engine error');
		await db.query('SELECT 1');
		expect(calls.run).toBe(2);
		const big = await db.query('SELECT 6000');
		expect(big).toHaveLength(6000);
		expect(await db.query('SELECT 6000')).not.toBe(big);
	});

	it('keep the most recently used, up to a bound', async () => {
		const { engine, calls } = fakeEngine();
		const db = new CachingAtlasDb(engine);
		const kept = await db.query('SELECT 1', [0]);
		for (let i = 1; i <= 300; i++) {
			await db.query('SELECT 1', [i]);
			// Touched throughout, so it is never the least recently used.
			expect(await db.query('SELECT 1', [0])).toBe(kept);
		}
		const runs = calls.run;
		await db.query('SELECT 1', [1]);
		expect(calls.run).toBe(runs + 1);
	});
});
