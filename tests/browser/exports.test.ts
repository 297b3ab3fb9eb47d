import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { csvParse } from 'd3-dsv';
import type { Download, Page } from 'playwright-core';
import { emptyFilters } from '../../src/lib/data/filters';
import { activityRows } from '../../src/lib/data/queries';
import { openPage, waitForDbReady, builtSite } from '../helpers/browser';
import { waitForMapIdle } from '../helpers/map-projection';

const site = builtSite({ db: true });

let page: Page;

beforeAll(async () => {
	({ page } = await openPage(site.browser, site.server.origin, '/?status=operational'));
	await waitForDbReady(page);
	await waitForMapIdle(page);
});

async function download(trigger: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
	const [file] = await Promise.all([page.waitForEvent('download') as Promise<Download>, trigger()]);
	const saved = await file.path();
	return { name: file.suggestedFilename(), bytes: fs.readFileSync(saved!) };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe('exports', () => {
	it('downloads the map as a PNG of the drawn map', async () => {
		const { name, bytes } = await download(() => page.getByTestId('export-map').click());
		expect(name).toMatch(/\.png$/);
		expect(bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
		// An empty or blank canvas compresses to a few KB; a drawn map with labels does not.
		expect(bytes.length).toBeGreaterThan(50_000);
	});

	it('downloads the filtered activities as CSV matching SQL, safe for spreadsheets', async () => {
		const { name, bytes } = await download(() => page.getByRole('button', { name: /download csv/i }).click());
		expect(name).toMatch(/\.csv$/);
		const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
		const rows = csvParse(text);
		const expected = await activityRows(site.db, { ...emptyFilters(), statuses: ['operational'] });
		expect(rows.length).toBe(expected.length);
		for (const row of rows) for (const value of Object.values(row)) expect(value ?? '').not.toMatch(/^[=+@\t\r]/);
	});

	it('downloads a chart as SVG and PNG', async () => {
		const card = page.locator('[data-testid="chart-reaches"]').locator('xpath=ancestor::*[.//button[contains(., "Download SVG")]][1]');
		const svg = await download(() => card.getByRole('button', { name: /download svg/i }).click());
		expect(svg.name).toMatch(/\.svg$/);
		expect(svg.bytes.toString('utf8')).toContain('<svg');
		const png = await download(() => card.getByRole('button', { name: /download png/i }).click());
		expect(png.bytes.subarray(0, 8)).toEqual(PNG_SIGNATURE);
	});
});
