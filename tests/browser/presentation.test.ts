import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { encodeDeck } from '../../src/lib/state/slides';
import { openPage, screenshot, waitForDbReady, builtSite } from '../helpers/browser';

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
});

