import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { csvParse } from 'd3-dsv';
import { openPage, screenshot, waitForDbReady, builtSite } from '../helpers/browser';

const site = builtSite();

describe('the built site in Chromium', () => {
	it('loads offline, DuckDB-WASM reports ready with the CSV’s activity count', async () => {
		const { page, offOrigin, errors } = await openPage(site.browser, site.server.origin);
		await waitForDbReady(page);
		const expected = csvParse(fs.readFileSync('static/data/activities.csv', 'utf8')).length;
		await expect.poll(() => page.getByTestId('activity-count').textContent()).toBe(String(expected));
		await screenshot(page, 'smoke');
		expect(offOrigin).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('ignores a map position it cannot show, says so, and still draws the map', async () => {
		const { page, errors } = await openPage(site.browser, site.server.origin, '/?map=1e308,56,5&area=transport_highways');
		await waitForDbReady(page);
		await expect.poll(() => page.getByRole('alert').filter({ hasText: 'map position' }).textContent()).toContain('“1e308,56,5”');
		await page.locator('[data-testid="map"][data-map-state="idle"]').waitFor({ timeout: 30_000 });
		// The rest of the link still applies, and the address no longer carries the bad position.
		await expect.poll(() => new URL(page.url()).searchParams.get('area')).toBe('transport_highways');
		expect(new URL(page.url()).searchParams.get('map')).not.toBe('1e308,56,5');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('ships a strict Content-Security-Policy and breaks none of it through a session', async () => {
		const context = await site.browser.newContext({ viewport: { width: 1440, height: 900 } });
		await context.addInitScript(() => {
			const seen: string[] = [];
			(window as unknown as { cspViolations: string[] }).cspViolations = seen;
			document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
		});
		const page = await context.newPage();
		await page.goto(`${site.server.origin}/?sel=council:S12000047`);
		await waitForDbReady(page);
		const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
		for (const directive of ["default-src 'none'", "connect-src 'self'", "worker-src 'self'", "style-src 'self'"]) expect(policy).toContain(directive);
		expect(policy).not.toContain("'unsafe-eval'");
		// Filters, every Insight tab, the map export and the import dialog's template: the parts that
		// compile, fetch, start workers or make blobs.
		await page.locator('[data-filter="reaches"][data-value="cluster"]').check();
		for (const tab of ['spectrum', 'network', 'compare', 'opportunities']) await page.locator(`[role="tab"][data-tab="${tab}"]`).click();
		await page.locator('[data-testid="map"][data-map-state="idle"]').waitFor({ timeout: 30_000 });
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-map').click()]);
		expect(download.suggestedFilename()).toMatch(/\.png$/);
		const synthetic = await context.newPage();
		await synthetic.goto(`${site.server.origin}/?synthetic=2000&seed=4`);
		await waitForDbReady(synthetic);
		await expect.poll(() => synthetic.getByTestId('dataset-badge').getAttribute('data-kind')).toBe('synthetic');
		for (const p of [page, synthetic]) expect(await p.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
		await context.close();
	});
});

