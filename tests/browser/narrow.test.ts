/**
 * Tablet and phone: the map comes first, the filters wait behind a button, and no tab pushes the
 * page sideways.
 */
import { describe, expect, it } from 'vitest';
import { builtSite, seriousViolations, waitForDbReady } from '../helpers/browser';

const site = builtSite();

describe.each([
	{ width: 390, height: 844 },
	{ width: 768, height: 1024 }
])('at $width × $height', ({ width, height }) => {
	it('shows the map on the first screen, opens the filters from a button, and never scrolls sideways', async () => {
		const context = await site.browser.newContext({ viewport: { width, height } });
		const page = await context.newPage();
		await page.goto(`${site.server.origin}/`);
		await waitForDbReady(page);
		const mapTop = await page.getByTestId('map').evaluate((map) => map.getBoundingClientRect().top + scrollY);
		expect(mapTop).toBeLessThan(height);
		// The legend is folded away so the map is not half covered.
		expect(await page.getByTestId('legend-toggle').getAttribute('open')).toBeNull();

		const toggle = page.getByTestId('filters-toggle');
		expect(await toggle.getAttribute('aria-expanded')).toBe('false');
		expect(await page.locator('#sidebar').isVisible()).toBe(false);
		await toggle.click();
		expect(await toggle.getAttribute('aria-expanded')).toBe('true');
		await page.locator('[data-filter="reaches"][data-value="cluster"]').check();
		await expect.poll(() => toggle.textContent()).toContain('(1 active)');

		for (const tab of ['opportunities', 'spectrum', 'network', 'compare']) {
			await page.locator(`[role="tab"][data-tab="${tab}"]`).click();
			await page.waitForTimeout(300);
			const scrollWidth = await page.evaluate(() => document.scrollingElement!.scrollWidth);
			expect(scrollWidth, tab).toBeLessThanOrEqual(width);
		}
		expect(await seriousViolations(page)).toEqual([]);
		await context.close();
	});
});

describe('at 1440 × 900', () => {
	it('shows the start-year chart’s latest bar inside its box', async () => {
		const context = await site.browser.newContext({ viewport: { width: 1440, height: 900 } });
		const page = await context.newPage();
		await page.goto(`${site.server.origin}/`);
		await waitForDbReady(page);
		const chart = page.getByTestId('chart-startYears');
		await chart.scrollIntoViewIfNeeded();
		const last = chart.locator('[data-key]').last();
		await expect.poll(() => last.count()).toBe(1);
		const [bar, box] = await Promise.all([last.boundingBox(), chart.locator('.scroll').boundingBox()]);
		expect(bar!.x).toBeGreaterThanOrEqual(box!.x);
		expect(bar!.x + bar!.width).toBeLessThanOrEqual(box!.x + box!.width + 1);
		await context.close();
	});
});
