import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { screenshot, builtSite } from '../helpers/browser';
import { waitForMapIdle } from '../helpers/map-projection';
import { classBreaks, classOf } from '../../src/lib/components/map/geometry';
import { CHOROPLETH_COLOURS, NO_DATA_COLOUR } from '../../src/lib/theme';
import type { AtlasSummary } from '../../src/lib/data/figures';

const site = builtSite();

const summary: AtlasSummary = JSON.parse(fs.readFileSync('build/data/summary.json', 'utf8'));

describe('the first paint, before MapLibre has drawn', () => {
	it('shows the summary’s figures on an SVG map laid over MapLibre’s frame until MapLibre has drawn', async () => {
		// No service worker: once it controls the page, its fetches would pass the route that holds MapLibre back.
		const context = await site.browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1, serviceWorkers: 'block' });
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		// MapLibre's worker is held back, so its map cannot draw until the test lets it.
		let release = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		await page.route('**/maplibre-gl-worker*', async (route) => {
			await held;
			await route.continue();
		});
		await page.goto(`${site.server.origin}/`);

		const preview = page.getByTestId('map-preview');
		await preview.locator('svg').waitFor();
		// The first paint is measured without waiting for MapLibre.
		await expect.poll(() => page.evaluate(() => performance.getEntriesByName('atlas:first-paint', 'measure').length)).toBe(1);
		// MapLibre cannot have drawn the councils (its worker is held), so the preview is still up.
		// (Its own state may already read 'idle': its empty style loads without the worker.)
		expect(await preview.count()).toBe(1);

		// Every council shaded by the class of its count (national activities left out, as on the map).
		const counts = new Map(summary.figures.councils.map((c) => [c.code, c.local_activities]));
		const breaks = classBreaks([...counts.values()]);
		const fills = await preview.locator('path[data-code]').evaluateAll((paths) => paths.map((p) => [p.getAttribute('data-code'), p.getAttribute('fill')]));
		expect(fills).toHaveLength(32);
		for (const [code, fill] of fills) {
			const cls = classOf(counts.get(code!) ?? 0, breaks);
			expect(fill, code!).toBe(cls < 0 ? NO_DATA_COLOUR : CHOROPLETH_COLOURS[cls]);
		}
		// One curve per linked pair, as the summary lists them.
		const drawnLinks = await preview.locator('path[data-link]').evaluateAll((paths) => paths.map((p) => p.getAttribute('data-link')).sort());
		expect(drawnLinks).toEqual(summary.figures.links.map((l) => `${l.a}~${l.b}`).sort());
		// The charts and the count show the same figures.
		await expect.poll(() => page.getByTestId('activity-count').textContent()).toBe(String(summary.figures.total));
		// Laid exactly over the map's frame, so the hand-over does not shift anything.
		const [previewBox, mapBox] = await Promise.all([preview.boundingBox(), page.getByTestId('map').boundingBox()]);
		expect(previewBox).toEqual(mapBox);
		await screenshot(page, 'first-paint-preview');

		release();
		await preview.waitFor({ state: 'detached', timeout: 60_000 });
		await waitForMapIdle(page);
		await screenshot(page, 'first-paint-maplibre');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('is in the page itself: with scripts off the default view shows the figures DuckDB later shows', async () => {
		/** The figures as the page shows them: count, total, chart bars, council list and map shading. */
		const shown = (page: import('playwright-core').Page) =>
			page.evaluate(() => ({
				count: document.querySelector('[data-testid="activity-count"]')?.textContent?.trim(),
				total: document.querySelector('[data-testid="activity-total"]')?.textContent?.trim(),
				coverage: document.querySelector('[data-testid="coverage-line"]')?.textContent?.trim(),
				bars: [...document.querySelectorAll('[data-testid^="chart-"] [data-key]')].map(
					(bar) => `${bar.closest('[data-testid^="chart-"]')?.getAttribute('data-testid')}:${bar.getAttribute('data-key')}=${bar.getAttribute('data-count')}`
				),
				councils: [...document.querySelectorAll('[data-testid="council-list"] tbody tr')].map(
					(row) => `${row.getAttribute('data-code')}=${row.querySelector('td:last-child')?.textContent?.trim()}`
				)
			}));
		const still = await site.browser.newContext({ viewport: { width: 1440, height: 900 }, javaScriptEnabled: false });
		const html = await still.newPage();
		await html.goto(`${site.server.origin}/`);
		const prerendered = await shown(html);
		const fills = await html.getByTestId('map-preview').locator('path[data-code]').evaluateAll((paths) => paths.map((p) => p.getAttribute('fill')));
		expect(fills).toHaveLength(32);
		expect(prerendered.count).toBe(String(summary.figures.total));
		expect(prerendered.bars.length).toBeGreaterThan(20);
		expect(prerendered.councils).toHaveLength(32);
		await screenshot(html, 'first-paint-without-scripts');
		await still.close();

		const live = await site.browser.newContext({ viewport: { width: 1440, height: 900 } });
		const page = await live.newPage();
		// Had the browser's take-over failed, Svelte would have cleared the page and drawn it anew.
		await page.addInitScript(() => {
			const w = window as unknown as { __countRemoved: number };
			w.__countRemoved = 0;
			new MutationObserver((records) => {
				for (const record of records)
					for (const node of record.removedNodes)
						if (node instanceof Element && (node.matches('[data-testid="activity-count"]') || node.querySelector('[data-testid="activity-count"]')))
							w.__countRemoved++;
			}).observe(document, { subtree: true, childList: true });
		});
		await page.goto(`${site.server.origin}/`);
		await expect.poll(() => page.evaluate(() => performance.getEntriesByName('atlas:interactive').length), { timeout: 60_000 }).toBe(1);
		expect(await shown(page)).toEqual(prerendered);
		// Taken over as it was drawn, not thrown away and drawn again.
		expect(await page.evaluate(() => (window as unknown as { __countRemoved: number }).__countRemoved)).toBe(0);
		// The first paint is the browser's first contentful paint of that HTML.
		const [firstPaint, contentful] = await page.evaluate(() => [
			performance.getEntriesByName('atlas:first-paint')[0]?.duration,
			performance.getEntriesByName('first-contentful-paint')[0]?.startTime
		]);
		expect(firstPaint).toBe(contentful);
		await live.close();
	});
});
