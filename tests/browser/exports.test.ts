import { beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { csvParse } from 'd3-dsv';
import type { Download, Page } from 'playwright-core';
import { SEA_COLOUR } from '../../src/lib/components/map/map-style';
import { emptyFilters } from '../../src/lib/data/filters';
import { activityRows } from '../../src/lib/data/queries';
import { openPage, screenshot, waitForDbReady, builtSite } from '../helpers/browser';
import { waitForMapIdle } from '../helpers/map-projection';
import { readWorkbook } from '../helpers/xlsx';

const site = builtSite({ db: true });

let page: Page;

beforeAll(async () => {
	({ page } = await openPage(site.browser, site.server.origin, '/?status=operational'));
	await waitForDbReady(page);
	await waitForMapIdle(page);
});

async function download(trigger: () => Promise<void>, on = page): Promise<{ name: string; bytes: Buffer }> {
	const [file] = await Promise.all([on.waitForEvent('download', { timeout: 60_000 }) as Promise<Download>, trigger()]);
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
		// The page draws the sea as a CSS background behind a transparent canvas; the picture must have it too.
		const seaShare = await page.evaluate(
			async ({ base64, sea }) => {
				const image = new Image();
				image.src = `data:image/png;base64,${base64}`;
				await image.decode();
				const canvas = document.createElement('canvas');
				[canvas.width, canvas.height] = [image.width, image.height];
				const context = canvas.getContext('2d')!;
				context.drawImage(image, 0, 0);
				const { data } = context.getImageData(0, 0, image.width, image.height);
				const [r, g, b] = [1, 3, 5].map((i) => parseInt(sea.slice(i, i + 2), 16));
				let count = 0;
				for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) <= 6) count++;
				return count / (data.length / 4);
			},
			{ base64: bytes.toString('base64'), sea: SEA_COLOUR }
		);
		expect(seaShare).toBeGreaterThan(0.1);
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

	it('downloads the filtered activities as Excel: the CSV columns, their sources, and a notes sheet with the coverage and filters', async () => {
		await page.getByTestId('download-xlsx').scrollIntoViewIfNeeded();
		await screenshot(page, 'xlsx-download-1440');
		const { name, bytes } = await download(() => page.getByTestId('download-xlsx').click());
		expect(name).toBe('council-collaboration-activities.xlsx');
		const book = readWorkbook(new Uint8Array(bytes));
		expect(book.names).toEqual(['Activities', 'Sources', 'Notes']);
		const filters = { ...emptyFilters(), statuses: ['operational'] };
		const expected = await activityRows(site.db, filters);
		const shown = Number(await page.getByTestId('activity-count').textContent());
		const [header, ...rows] = book.rows('Activities').map((r) => book.cells(r).map((c) => c.value ?? ''));
		expect(rows.length).toBe(expected.length);
		expect(rows.length).toBe(shown);
		// The same columns and rows, in the same order, as the CSV beside it.
		const csv = csvParse((await download(() => page.getByRole('button', { name: /download csv/i }).click())).bytes.toString('utf8').replace(/^\uFEFF/, ''));
		expect(header).toEqual(csv.columns);
		expect(rows.map((r) => r[0])).toEqual(csv.map((r) => r.ID));
		expect(rows.map((r) => r[1])).toEqual(csv.map((r) => r['Activity name']));

		const cited = await site.db.query<{ title: string; n: number }>(
			`SELECT s.title, count(*)::INTEGER AS n FROM activities a JOIN sources s ON s.id = a.source_id WHERE a.status = 'operational' GROUP BY ALL`
		);
		const sources = book.rows('Sources').slice(1).map((r) => book.cells(r).map((c) => c.value));
		expect(sources.map((s) => s[0]).sort()).toEqual(cited.map((c) => c.title).sort());
		expect(sources.reduce((sum, s) => sum + Number(s[5]), 0)).toBe(expected.length - (await site.db.query<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM activities WHERE status = 'operational' AND (source_id IS NULL OR source_id NOT IN (SELECT id FROM sources))`
		))[0].n);

		const notes = book.rows('Notes').map((r) => book.cells(r).map((c) => c.value));
		const coverage = await page.getByTestId('coverage-line').textContent();
		expect(coverage).toContain(notes.find((n) => n[0] === 'Coverage')![1]);
		expect(notes).toContainEqual(['Activities in this file', String(expected.length)]);
		expect(notes).toContainEqual(['Status', 'Operational']);
	});

	it('keeps a would-be formula in the data and in a search as text in the workbook', async () => {
		// Hostile data: an activity whose name and summary are formulas, as a tampered or future data file might hold.
		const context = await site.browser.newContext({ viewport: { width: 1440, height: 900 } });
		const hostile = await context.newPage();
		const original = fs.readFileSync('build/data/activities.csv', 'utf8');
		const injected = original.replace(
			/^clackmannanshire-stirling-shared-social-work,[^,]+,"[^"]*"/m,
			'clackmannanshire-stirling-shared-social-work,=1+1,"=1+1 is this summary"'
		);
		expect(injected).not.toBe(original);
		await hostile.route('**/data/activities.csv', (route) => route.fulfill({ body: injected, contentType: 'text/csv; charset=utf-8' }));
		await hostile.goto(`${site.server.origin}/?q=%3D1%2B1`);
		await waitForDbReady(hostile);
		await expect.poll(() => hostile.getByTestId('activity-count').textContent(), { timeout: 30_000 }).toBe('1');
		const { bytes } = await download(() => hostile.getByTestId('download-xlsx').click(), hostile);
		const book = readWorkbook(new Uint8Array(bytes));
		const rows = book.rows('Activities').slice(1).map((r) => book.cells(r));
		expect(rows).toHaveLength(1);
		expect(rows[0][1]).toEqual({ type: 's', value: '=1+1', formula: false, textFormat: true });
		const search = book.rows('Notes').map((r) => book.cells(r)).find((cells) => cells[0]?.value === 'Search')!;
		expect(search[1]).toEqual({ type: 's', value: '=1+1', formula: false, textFormat: true });
		for (const sheet of book.sheets.values()) expect(sheet).not.toMatch(/<f[\s>]/);
		await context.close();
	});
});
