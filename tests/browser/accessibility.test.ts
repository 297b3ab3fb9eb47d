import { describe, expect, it } from 'vitest';
import { openPage, seriousViolations, waitForDbReady, builtSite } from '../helpers/browser';
import { waitForMapIdle } from '../helpers/map-projection';

const site = builtSite();

describe('accessibility', () => {
	it('has no serious or critical axe violations on the dashboard', async () => {
		const { page } = await openPage(site.browser, site.server.origin, '/');
		await waitForDbReady(page);
		await waitForMapIdle(page);
		expect(await seriousViolations(page)).toEqual([]);
	});

	it('has none with a council profile open and the council list expanded', async () => {
		const { page } = await openPage(site.browser, site.server.origin, '/?sel=council%3AS12000005');
		await waitForDbReady(page);
		await page.getByTestId('council-profile').waitFor();
		await page.locator('[data-testid="council-list"] summary').click();
		expect(await seriousViolations(page)).toEqual([]);
	});

	it('can be operated by keyboard: tab to a chart bar and filter with Enter', async () => {
		const { page } = await openPage(site.browser, site.server.origin, '/');
		await waitForDbReady(page);
		const before = await page.getByTestId('activity-count').textContent();
		const bar = page.locator('[data-testid="chart-reaches"] [data-key="cluster"]');
		await bar.focus();
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-key'))).toBe('cluster');
		await page.keyboard.press('Enter');
		await expect.poll(() => page.getByTestId('activity-count').textContent()).not.toBe(before);
		expect(await bar.getAttribute('aria-pressed')).toBe('true');
	});
});
