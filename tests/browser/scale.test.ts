/**
 * Speed at scale, checked for correctness rather than time: the synthetic dataset loads from the
 * URL, says it is synthetic, and filters to what the first, straightforward SQL says; the first
 * paint from summary.json shows exactly the numbers DuckDB later shows, and filters chosen before
 * the engine is ready wait for it.
 */
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { emptyFilters, type Filters } from '../../src/lib/data/filters';
import { countActivities, PAGE_SIZE, syntheticReference } from '../../src/lib/data/queries';
import { generateSynthetic } from '../../src/lib/data/synthetic';
import { openPage, screenshot, waitForDbReady, builtSite, tableRows } from '../helpers/browser';
import { waitForMapIdle } from '../helpers/map-projection';
import { ref_councilCounts, ref_countActivities, ref_dimensionCounts, ref_nationalCount } from '../helpers/reference-queries';
import { openWasmDb } from '../helpers/wasm-db';

const site = builtSite();

const shownTotal = async (page: Page) => Number(await page.getByTestId('activity-count').textContent());
const f = (patch: Partial<Filters>): Filters => ({ ...emptyFilters(), ...patch });

/** Every number the views show: header, map badge, council list, chart bars and the table's rows. */
async function shownFigures(page: Page) {
	return page.evaluate(() => {
		const text = (selector: string) => document.querySelector(selector)?.textContent?.trim() ?? null;
		const bars = [...document.querySelectorAll('[data-testid^="chart-"] button[data-key]')].map(
			(b) => `${b.closest('[data-testid^="chart-"]')?.getAttribute('data-testid')}:${b.getAttribute('data-key')}=${b.getAttribute('data-count')}`
		);
		const councils = [...document.querySelectorAll('[data-testid="council-list"] tbody tr')].map(
			(r) => `${r.getAttribute('data-code')}=${r.querySelector('td:last-child')?.textContent?.trim()}`
		);
		const rows = [...document.querySelectorAll('[data-testid="activity-table"] tbody tr[data-id]')].map((r) => r.getAttribute('data-id'));
		return {
			count: text('[data-testid="activity-count"]'),
			total: text('[data-testid="activity-total"]'),
			national: text('[data-testid="national-count"]'),
			bars,
			councils,
			rows
		};
	});
}

describe('a synthetic dataset from the URL', () => {
	it('loads 5,000 generated activities, says so, and filters as the reference SQL does', async () => {
		const db = await openWasmDb(path.resolve('build/data'));
		try {
			await db.replaceWithSynthetic(generateSynthetic(await syntheticReference(db), 5000, 3));
			const { page, errors, offOrigin } = await openPage(site.browser, site.server.origin, '/?synthetic=5000&seed=3');
			await waitForDbReady(page);
			await expect.poll(() => page.getByTestId('dataset-badge').textContent()).toBe('Synthetic data');
			expect(await shownTotal(page)).toBe(5000);
			expect(await countActivities(db, emptyFilters())).toBe(5000);
			expect(page.url()).toContain('synthetic=5000');

			await page.locator('[data-filter="reaches"][data-value="cluster"]').check();
			const filters = f({ reaches: ['cluster'] });
			await expect.poll(() => shownTotal(page)).toBe(await ref_countActivities(db, filters));
			const national = await ref_nationalCount(db, filters);
			await expect.poll(() => page.getByTestId('national-count').textContent()).toContain(`${national} national`);
			const councils = await ref_councilCounts(db, filters);
			const listed = await page.locator('[data-testid="council-list"] tbody tr').evaluateAll((rows) =>
				rows.map((r) => [r.getAttribute('data-code'), Number(r.querySelector('td:last-child')?.textContent)])
			);
			expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(councils.map((c) => [c.code, c.local_activities])));
			// Charts leave their own filter out: the reach chart still counts every reach.
			for (const dimension of ['types', 'reaches', 'serviceAreas'] as const) {
				const [top] = await ref_dimensionCounts(db, dimension, filters);
				const bar = page.locator(`[data-testid="chart-${dimension}"] [data-key="${top.key}"]`);
				expect(Number(await bar.getAttribute('data-count')), dimension).toBe(top.n);
			}
			expect(await tableRows(page)).toHaveLength(PAGE_SIZE);
			await screenshot(page, 'synthetic-5000');
			expect(errors).toEqual([]);
			expect(offOrigin).toEqual([]);
		} finally {
			db.close();
		}
	});
});

describe('the first paint', () => {
	/** Opens the default view with DuckDB held back until `release` is called. */
	async function openWithEngineHeld() {
		const context = await site.browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		let release!: () => void;
		const held = new Promise<void>((resolve) => (release = resolve));
		// The engine's first table: until it arrives DuckDB cannot be ready.
		await page.route('**/data/councils.csv', async (route) => {
			await held;
			await route.continue();
		});
		await page.goto(`${site.server.origin}/`);
		return { page, release, errors };
	}

	it('shows the build summary’s figures before DuckDB, and DuckDB changes none of them', async () => {
		const { page, release, errors } = await openWithEngineHeld();
		await page.waitForSelector('[data-testid="activity-count"]');
		await expect.poll(() => page.evaluate(() => performance.getEntriesByName('atlas:first-paint').length)).toBe(1);
		expect(await page.locator('[data-db-state]').getAttribute('data-db-state')).not.toBe('ready');
		expect(await page.getByTestId('engine-status').textContent()).toContain('Query engine starting');
		await page.locator('[data-testid="council-list"] summary').click();
		const before = await shownFigures(page);
		// The table's rows wait for the engine: they are below the fold, and not part of the first paint.
		expect(before.rows).toEqual([]);
		expect(before.bars.length).toBeGreaterThan(10);
		expect(before.councils).toHaveLength(32);

		// Anything DuckDB changes in the views from here on would be a visible jump.
		await page.evaluate(() => {
			const w = window as unknown as { __changes: string[] };
			w.__changes = [];
			new MutationObserver((records) => {
				for (const r of records) {
					const target = r.target instanceof Element ? r.target : r.target.parentElement;
					if (!target?.closest('[data-testid^="chart-"], [data-testid="council-list"], [data-testid="national-count"], [data-testid="activity-count"]'))
						continue;
					w.__changes.push(`${r.type} ${target.tagName} ${r.attributeName ?? ''}`);
				}
			}).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-count', 'data-id', 'data-key'] });
		});
		release();
		await waitForDbReady(page);
		await expect.poll(() => page.evaluate(() => performance.getEntriesByName('atlas:interactive').length), { timeout: 30_000 }).toBe(1);
		expect({ ...(await shownFigures(page)), rows: [] }).toEqual(before);
		expect(await page.evaluate(() => (window as unknown as { __changes: string[] }).__changes)).toEqual([]);

		// And they are what SQL says of the embedded data.
		const db = await openWasmDb(path.resolve('build/data'));
		try {
			expect(Number(before.count)).toBe(await countActivities(db, emptyFilters()));
		} finally {
			db.close();
		}
		expect(errors).toEqual([]);
	});

	it('queues a filter chosen before DuckDB is ready, says so, and applies it when ready', async () => {
		const { page, release } = await openWithEngineHeld();
		await page.waitForSelector('[data-testid="activity-count"]');
		const unfiltered = await shownTotal(page);
		await page.locator('[data-filter="reaches"][data-value="cluster"]').check();
		await expect.poll(() => page.getByTestId('filters-queued').isVisible()).toBe(true);
		expect(await shownTotal(page)).toBe(unfiltered);
		release();
		await waitForDbReady(page);
		await waitForMapIdle(page);
		const db = await openWasmDb(path.resolve('build/data'));
		try {
			await expect.poll(() => shownTotal(page)).toBe(await countActivities(db, f({ reaches: ['cluster'] })));
		} finally {
			db.close();
		}
		expect(await page.getByTestId('filters-queued').count()).toBe(0);
	});
});
