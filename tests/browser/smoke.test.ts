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
});
