import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { encodeDeck } from '../../src/lib/state/slides';
import { openPage, screenshot, waitForDbReady, builtSite } from '../helpers/browser';
import { WORKSHOP_DECK } from '../helpers/workshop-deck';

const site = builtSite();

const count = (page: Page) => page.getByTestId('activity-count').textContent();

async function saveSlide(page: Page, title: string) {
	const panel = page.getByTestId('slides-panel');
	if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
	await page.locator('#slide-title').fill(title);
	await page.getByTestId('save-slide').click();
}

describe('workshop presentation', () => {
	it('saves three views as slides and steps through them full-screen by keyboard', async () => {
		const { page } = await openPage(site.browser, site.server.origin, '/');
		await waitForDbReady(page);
		const all = await count(page);
		await saveSlide(page, 'Everything');

		await page.locator('[data-filter="reaches"][data-value="cluster"]').check();
		await expect.poll(() => count(page)).not.toBe(all);
		const clusters = await count(page);
		await saveSlide(page, 'Clusters of neighbours');

		await page.locator('[data-filter="reaches"][data-value="cluster"]').uncheck();
		await page.locator('[data-filter="sourceKinds"][data-value="public_record"]').check();
		await expect.poll(() => count(page)).not.toBe(all);
		const publicRecord = await count(page);
		await saveSlide(page, 'Statutory groupings');
		expect(page.url()).toContain('deck=');

		await page.getByTestId('start-presenting').click();
		const title = page.getByTestId('slide-title');
		await expect.poll(() => title.textContent()).toBe('Everything');
		await expect.poll(() => count(page)).toBe(all);
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => title.textContent()).toBe('Clusters of neighbours');
		await expect.poll(() => count(page)).toBe(clusters);
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => title.textContent()).toBe('Statutory groupings');
		await expect.poll(() => count(page)).toBe(publicRecord);
		expect(await page.locator('.sidebar').isVisible()).toBe(false);
		await screenshot(page, 'presentation-slide-3');
		await page.keyboard.press('ArrowLeft');
		await expect.poll(() => title.textContent()).toBe('Clusters of neighbours');
		await page.keyboard.press('Escape');
		await expect.poll(() => page.getByTestId('presenter').count()).toBe(0);
	});

	it('restores a deck from a shared link and round-trips it through a JSON file', async () => {
		const first = await openPage(site.browser, site.server.origin, '/');
		await waitForDbReady(first.page);
		await saveSlide(first.page, 'Only operational');
		const link = first.page.url();

		const second = await site.browser.newContext();
		const page = await second.newPage();
		await page.goto(link);
		await waitForDbReady(page);
		await expect.poll(() => page.getByTestId('slides-panel').textContent()).toContain('Only operational');

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export slides' }).click()]);
		const saved = fs.readFileSync((await download.path())!, 'utf8');
		expect(JSON.parse(saved).slides[0].title).toBe('Only operational');

		const bad = path.join(os.tmpdir(), 'not-a-deck.json');
		fs.writeFileSync(bad, '{"slides": "nope"}');
		await page.getByTestId('import-slides').setInputFiles(bad);
		await expect.poll(() => page.getByTestId('slides-panel').textContent()).toContain('Your slides are unchanged');
		expect(await page.getByTestId('slides-panel').textContent()).toContain('Only operational');
		await second.close();
	});

	it('shows each slide exactly as saved, whatever the slide before it left on screen', async () => {
		const deck = encodeDeck([
			{ title: 'Scotland overview', query: '' },
			{ title: 'Fife’s opportunities', query: 'insight=opportunities&opp=S12000047&map=-3.2%2C56.2%2C8.00&reach=cluster' }
		]);
		const { page, context } = await openPage(site.browser, site.server.origin, `/?deck=${deck}`);
		await waitForDbReady(page);
		await page.locator('[data-testid="map"][data-map-state="idle"]').waitFor({ timeout: 30_000 });
		const centre = () => page.evaluate(() => new URL(location.href).searchParams.get('map'));
		const overview = await page.evaluate(() => location.search);
		await page.getByTestId('start-presenting').click();
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => page.getByTestId('slide-title').textContent()).toBe('Fife’s opportunities');
		await expect.poll(() => centre()).toBe('-3.200,56.200,8.00');
		await page.keyboard.press('ArrowLeft');
		await expect.poll(() => page.getByTestId('slide-title').textContent()).toBe('Scotland overview');
		// Nothing of the Fife slide stays: its tab settings, filter and map position are gone.
		const params = () => page.evaluate(() => Object.fromEntries(new URL(location.href).searchParams));
		await expect.poll(async () => (await params()).opp).toBeUndefined();
		expect((await params()).reach).toBeUndefined();
		await expect.poll(async () => (await params()).map ?? null).not.toBe('-3.200,56.200,8.00');
		expect(await page.getByTestId('legend-opportunity').count()).toBe(0);
		expect(overview).not.toContain('opp=');
		await context.close();
	});

	it('steps four slides forwards, backwards and out of order, each showing exactly the view it was saved with', async () => {
		// The workshop deck, with North Ayrshire selected on the Ayrshire slide.
		const slides = WORKSHOP_DECK.map((slide, i) => (i === 2 ? { ...slide, query: `${slide.query}&sel=council%3AS12000021` } : slide));
		const { page, context } = await openPage(site.browser, site.server.origin, `/?deck=${encodeDeck(slides)}`);
		await waitForDbReady(page);
		await page.getByTestId('start-presenting').click();
		const url = () => page.evaluate(() => location.href).then((href) => new URL(href).searchParams);
		const mapOf = (text: string | null) => (text ?? '').split(',').map(Number);
		/** Where the map is: its centre and zoom, read from MapLibre itself once it has stopped moving. */
		const mapNow = () =>
			page.evaluate(() => {
				const map = (document.querySelector('[data-testid="map"]') as unknown as { maplibre: { getCenter(): { lng: number; lat: number }; getZoom(): number; isMoving(): boolean } }).maplibre;
				return map.isMoving() ? [] : [map.getCenter().lng, map.getCenter().lat, map.getZoom()];
			});
		const settledMap = async () => {
			let last = '';
			for (let i = 0; i < 30; i++) {
				const now = await mapNow();
				if (now.length === 3 && JSON.stringify(now) === last) return now;
				last = JSON.stringify(now);
				await page.waitForTimeout(400);
			}
			throw new Error('the map did not settle');
		};
		const near = (a: number[], b: number[]) => a.length === 3 && Math.abs(a[0] - b[0]) < 0.01 && Math.abs(a[1] - b[1]) < 0.01 && Math.abs(a[2] - b[2]) < 0.05;
		/** What the room sees: the title, the count and filters line, the Insight view shown, and the view's address. */
		const shown = async () => {
			await page.waitForSelector('main[aria-busy="false"]');
			const params = await url();
			return {
				title: await page.getByTestId('slide-title').textContent(),
				basis: await page.getByTestId('slide-basis').textContent(),
				presenting: await page.evaluate(() => document.documentElement.dataset.presenting),
				selected: params.get('sel'),
				insight: params.get('insight'),
				opp: params.get('opp')
			};
		};
		const firstSeen = new Map<number, { view: Awaited<ReturnType<typeof shown>>; map: number[] }>();
		let current = 0;
		for (const index of [0, 1, 2, 3, 2, 1, 0, 3, 0, 2]) {
			if (index === current + 1) await page.keyboard.press('ArrowRight');
			else if (index === current - 1) await page.keyboard.press('ArrowLeft');
			else if (index !== current) {
				// Out of order: leave the presentation and show that slide from the list.
				await page.keyboard.press('Escape');
				await page.getByRole('button', { name: `Show slide ${index + 1}, ${slides[index].title}, full screen` }).click();
			}
			current = index;
			await expect.poll(() => page.getByTestId('slide-title').textContent()).toBe(slides[index].title);
			await expect.poll(async () => (await url()).get('present')).toBe(String(index + 1));
			// The address holds exactly the slide's view: every parameter it names, and nothing else.
			const saved = new URLSearchParams(slides[index].query);
			const params = await url();
			for (const key of new Set(saved.keys())) if (key !== 'map') expect(params.getAll(key), `${slides[index].title}: ${key}`).toEqual(saved.getAll(key));
			const extra = [...new Set(params.keys())].filter((key) => !saved.has(key) && !['deck', 'present', 'map'].includes(key));
			expect(extra, slides[index].title).toEqual([]);
			if (saved.has('map')) await expect.poll(async () => near(await mapNow(), mapOf(saved.get('map'))), { message: `${slides[index].title}: map as saved` }).toBe(true);
			const view = await shown();
			const before = firstSeen.get(index);
			if (!before) {
				firstSeen.set(index, { view, map: await settledMap() });
				continue;
			}
			expect(view, slides[index].title).toEqual(before.view);
			await expect.poll(async () => near(await mapNow(), before.map), { message: `${slides[index].title}: map as first shown` }).toBe(true);
		}
		// The Ayrshire slide's selection and the Fife slide's Insight view were seen, each only on its own slide.
		expect(firstSeen.get(2)!.view.selected).toBe('council:S12000021');
		expect(firstSeen.get(3)!.view.presenting).toBe('opportunities');
		expect(firstSeen.get(0)!.view.presenting).toBe('map');
		expect(firstSeen.get(0)!.view.basis).toMatch(/^161 of 161 activities/);
		await context.close();
	});
});
