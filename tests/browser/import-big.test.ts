/**
 * A survey file near the import's size limit: 49 MB, 210,000 rows, read, checked, swapped in and
 * stored, then loaded again after a reload. That takes minutes on a small machine, so the normal
 * run takes the same path with a 3,000-row file, and ATLAS_BIG_IMPORT=1 runs the full size. The
 * time of each step is printed for the bench figures; nothing here asserts on time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { MAX_FILE_BYTES } from '../../src/lib/import/limits';
import { builtSite, openPage, screenshot, waitForDbReady } from '../helpers/browser';

const site = builtSite();
const FULL = process.env.ATLAS_BIG_IMPORT === '1';
const ROWS = FULL ? 210_000 : 3_000;
let temp: string;
let big: string;

const COUNCILS = ['Fife; Falkirk', 'East Ayrshire; South Ayrshire', 'Angus; Dundee City; Perth and Kinross', 'Highland', 'ALL', 'Moray; Aberdeenshire'];
const AREAS = ['Finance', 'Roads', 'Libraries', 'Trading Standards', 'Education & learning', 'HR'];
const STATUSES = ['operational', 'developing', 'proposed', 'live'];

beforeAll(() => {
	temp = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-big-import-'));
	big = path.join(temp, 'big-returns.csv');
	const lines = ['Activity,Councils,Service area,Status,Start,Partners,Description'];
	for (let i = 0; i < ROWS; i++) {
		const padding = 'x'.repeat(90 + (i % 7));
		lines.push(
			`Shared service ${i},${COUNCILS[i % COUNCILS.length]},${AREAS[i % AREAS.length]},${STATUSES[i % STATUSES.length]},${2000 + (i % 25)},NHS Fife|nhs,"A generated return, row ${i}, long enough to be a real description ${padding}."`
		);
	}
	fs.writeFileSync(big, lines.join('\n') + '\n');
});
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

const grandTotal = async (page: Page) => Number(await page.getByTestId('activity-total').textContent());
const badge = (page: Page) => page.getByTestId('dataset-badge');

describe(FULL ? 'a 49 MB survey file' : 'a 3,000-row survey file (ATLAS_BIG_IMPORT=1 for the 49 MB, 210,000-row one)', () => {
	it(`imports ${ROWS.toLocaleString('en-GB')} rows and is still there after a reload`, async () => {
		const size = fs.statSync(big).size;
		// The full file is as near the 50 MB limit as a survey return gets.
		expect(size).toBeGreaterThan((FULL ? 48 : 0.6) * 1024 * 1024);
		expect(size).toBeLessThanOrEqual(MAX_FILE_BYTES);

		const { page, errors, context } = await openPage(site.browser, site.server.origin, '/');
		await waitForDbReady(page);
		await page.getByTestId('import-open').click();
		const times: Record<string, number> = {};
		let start = Date.now();
		await page.getByTestId('import-file').setInputFiles(big);
		await page.getByTestId('import-mapping').waitFor({ timeout: 300_000 });
		times.read = Date.now() - start;
		expect(await page.getByTestId('import-mapping').textContent()).toContain(`Found ${ROWS} rows`);

		start = Date.now();
		await page.getByTestId('import-check').click();
		await page.getByTestId('import-summary').waitFor({ timeout: 300_000 });
		times.check = Date.now() - start;
		expect(await page.getByTestId('import-summary').textContent()).toMatch(new RegExp(`${ROWS}\\s+of ${ROWS} rows can be imported`));

		start = Date.now();
		await page.getByTestId('import-accept').click();
		await page.getByTestId('import-dialog').waitFor({ state: 'hidden', timeout: 600_000 });
		await expect.poll(() => badge(page).textContent(), { timeout: 300_000 }).toBe(`Imported: big-returns.csv (${ROWS} activities)`);
		await expect.poll(() => grandTotal(page), { timeout: 300_000 }).toBe(ROWS);
		times.swapAndStore = Date.now() - start;
		expect(await page.getByTestId('dataset-notice').count()).toBe(0);
		await screenshot(page, 'import-15-big');

		start = Date.now();
		await page.reload();
		await waitForDbReady(page, 600_000);
		await expect.poll(() => badge(page).textContent(), { timeout: 300_000 }).toBe(`Imported: big-returns.csv (${ROWS} activities)`);
		await expect.poll(() => grandTotal(page), { timeout: 300_000 }).toBe(ROWS);
		times.reload = Date.now() - start;
		console.log(`[big import] ${(size / 1024 / 1024).toFixed(1)} MB, ${ROWS} rows; ms: ${JSON.stringify(times)}`);

		await page.getByTestId('return-embedded').click();
		await page.getByTestId('return-confirm').click();
		await expect.poll(() => badge(page).textContent(), { timeout: 120_000 }).toBe('Embedded dataset');
		expect(errors).toEqual([]);
		await context.close();
	}, 1_800_000);
});
