import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { csvParse } from 'd3-dsv';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, serveBuild, waitForDbReady } from '../helpers/browser';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveBuild>>;

beforeAll(async () => {
	[server, browser] = await Promise.all([serveBuild(), launchBrowser()]);
});
afterAll(async () => {
	await browser?.close();
	await server?.close();
});

describe('offline', () => {
	it('keeps working with the network cut after the first load', async () => {
		const { page, context } = await openPage(browser, server.origin, '/');
		await waitForDbReady(page);
		await page.waitForSelector('[data-offline="ready"]', { timeout: 60_000 });
		// Control passes to the worker once it has claimed the page.
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

		await context.setOffline(true);
		await page.goto(`${server.origin}/?reach=cluster`);
		await waitForDbReady(page);
		const expected = csvParse(fs.readFileSync('build/data/activities.csv', 'utf8')).filter((r) => r.reach === 'cluster').length;
		await expect.poll(() => page.getByTestId('activity-count').textContent()).toBe(String(expected));
		await page.waitForSelector('[data-testid="map"][data-map-state="idle"]', { timeout: 60_000 });
		await context.setOffline(false);
	});
});
