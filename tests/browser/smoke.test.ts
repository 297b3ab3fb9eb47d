import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { csvParse } from 'd3-dsv';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, screenshot, serveBuild, waitForDbReady } from '../helpers/browser';

let browser: Browser;
let server: Awaited<ReturnType<typeof serveBuild>>;

beforeAll(async () => {
	server = await serveBuild();
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await server?.close();
});

describe('the built site in Chromium', () => {
	it('loads offline, DuckDB-WASM reports ready with the CSV’s activity count', async () => {
		const { page, offOrigin, errors } = await openPage(browser, server.origin);
		await waitForDbReady(page);
		const expected = csvParse(fs.readFileSync('static/data/activities.csv', 'utf8')).length;
		await expect.poll(() => page.getByTestId('activity-count').textContent()).toBe(String(expected));
		await screenshot(page, 'smoke');
		expect(offOrigin).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('ignores a map position it cannot show, says so, and still draws the map', async () => {
		const { page, errors } = await openPage(browser, server.origin, '/?map=1e308,56,5&area=transport_highways');
		await waitForDbReady(page);
		await expect.poll(() => page.getByRole('alert').filter({ hasText: 'map position' }).textContent()).toContain('“1e308,56,5”');
		await page.locator('[data-testid="map"][data-map-state="idle"]').waitFor({ timeout: 30_000 });
		// The rest of the link still applies, and the address no longer carries the bad position.
		await expect.poll(() => new URL(page.url()).searchParams.get('area')).toBe('transport_highways');
		expect(new URL(page.url()).searchParams.get('map')).not.toBe('1e308,56,5');
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

