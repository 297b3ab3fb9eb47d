import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { csvParse } from 'd3-dsv';
import { openPage, waitForDbReady, builtSite } from '../helpers/browser';

const site = builtSite();

describe('offline', () => {
	it('keeps working with the network cut after the first load', async () => {
		const { page, context } = await openPage(site.browser, site.server.origin, '/');
		await waitForDbReady(page);
		await page.waitForSelector('[data-offline="ready"]', { timeout: 60_000 });
		// Control passes to the worker once it has claimed the page.
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

		await context.setOffline(true);
		await page.goto(`${site.server.origin}/?reach=cluster`);
		await waitForDbReady(page);
		const expected = csvParse(fs.readFileSync('build/data/activities.csv', 'utf8')).filter((r) => r.reach === 'cluster').length;
		await expect.poll(() => page.getByTestId('activity-count').textContent()).toBe(String(expected));
		await page.waitForSelector('[data-testid="map"][data-map-state="idle"]', { timeout: 60_000 });
		await context.setOffline(false);
	});
});
