import { describe, expect, it } from 'vitest';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { encodeDeck } from '../../src/lib/state/slides';
import { builtSite, EXHAUSTIVE, screenshot, seriousViolations } from '../helpers/browser';
import { WORKSHOP_DECK } from '../helpers/workshop-deck';

const site = builtSite();

async function present(size: { width: number; height: number }, slide = 1) {
	const context = await site.browser.newContext({ viewport: size, deviceScaleFactor: 1 });
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto(`${site.server.origin}/?deck=${encodeDeck(WORKSHOP_DECK)}&present=${slide}`);
	// The header that shows the engine's state is hidden while presenting, so wait for it in the DOM.
	await page.waitForSelector('[data-db-state="ready"]', { state: 'attached', timeout: 60_000 });
	await mapIdle(page);
	return { page, context, errors };
}

const mapIdle = (page: Page) => page.locator('[data-testid="map"][data-map-state="idle"]').waitFor({ timeout: 60_000 });

/** The council labels' text size at every zoom stop, read from the map's own style. */
function labelSizes(page: Page) {
	return page.evaluate(() => {
		const map = (document.querySelector('[data-testid="map"]') as unknown as { maplibre: { getLayoutProperty(layer: string, name: string): unknown } }).maplibre;
		const size = map.getLayoutProperty('council-labels', 'text-size');
		// ['interpolate', ['linear'], ['zoom'], z1, s1, z2, s2]: the sizes are every other item from the fourth.
		return Array.isArray(size) ? (size.slice(3).filter((_, i) => i % 2 === 1) as number[]) : [size as number];
	});
}

const fontPx = (page: Page, selector: string) =>
	page.locator(selector).first().evaluate((element) => parseFloat(getComputedStyle(element).fontSize));

describe('the projector layout', () => {
	for (const size of [
		{ width: 1920, height: 1080 },
		{ width: 1280, height: 720 }
	])
		it(`fills ${size.width}×${size.height} with the map under a title bar, in type the room can read`, async () => {
			const { page, context, errors } = await present(size);
			await expect.poll(() => page.getByTestId('slide-title').textContent()).toBe('Scotland overview');
			const canvas = (await page.locator('[data-testid="map"] canvas').boundingBox())!;
			expect(canvas.width).toBeGreaterThanOrEqual(0.9 * size.width);
			expect(canvas.height).toBeGreaterThanOrEqual(0.8 * size.height);
			// Whole on screen: nothing to scroll to during a talk.
			expect(canvas.y + canvas.height).toBeLessThanOrEqual(size.height);
			expect(canvas.x + canvas.width).toBeLessThanOrEqual(size.width);

			const labels = await labelSizes(page);
			const legend = await fontPx(page, '[data-testid="map-legend"] li');
			const caption = await fontPx(page, '[data-testid="slide-caption"]');
			if (size.width === 1920) {
				expect(Math.min(...labels)).toBeGreaterThanOrEqual(20);
				expect(legend).toBeGreaterThanOrEqual(20);
				expect(caption).toBeGreaterThanOrEqual(20);
			} else {
				// In proportion to the screen: two-thirds of the 1920 sizes, no less.
				expect(Math.min(...labels)).toBeGreaterThanOrEqual(Math.floor((20 * 1280) / 1920));
				expect(legend).toBeGreaterThanOrEqual((20 * 1280) / 1920);
				expect(caption).toBeGreaterThanOrEqual((20 * 1280) / 1920);
			}
			expect(await page.getByTestId('slide-caption').textContent()).toBe(WORKSHOP_DECK[0].caption);
			expect(await page.getByTestId('slide-position').locator('[aria-hidden="true"]').textContent()).toBe(`1 / ${WORKSHOP_DECK.length}`);
			expect(await page.getByTestId('slide-position').textContent()).toContain(`Slide 1 of ${WORKSHOP_DECK.length}`);

			// Nothing for exploring shows.
			for (const control of ['export-map', 'toggle-national', 'link-colour', 'filters-toggle', 'slides-panel', 'activity-table', 'council-list'])
				expect(await page.getByTestId(control).isVisible(), control).toBe(false);
			expect(await page.locator('.sidebar').isVisible()).toBe(false);

			// The education slide's filter is named in the title bar, not offered as a chip to remove.
			await page.keyboard.press('ArrowRight');
			await expect.poll(() => page.getByTestId('slide-title').textContent()).toBe('Education collaboratives');
			await expect.poll(() => page.getByTestId('slide-basis').textContent()).toContain('Education & learning');
			expect(await page.getByTestId('active-filters').isVisible()).toBe(false);
			expect(await page.locator('.chip .remove').count() === 0 || !(await page.locator('.chip .remove').first().isVisible())).toBe(true);
			await page.keyboard.press('PageDown');
			await expect.poll(() => page.getByTestId('slide-title').textContent()).toBe('The Ayrshire cluster');
			await page.keyboard.press('PageUp');
			await expect.poll(() => page.getByTestId('slide-title').textContent()).toBe('Education collaboratives');
			await page.keyboard.press('ArrowLeft');
			await expect.poll(() => page.getByTestId('slide-title').textContent()).toBe('Scotland overview');
			expect(await seriousViolations(page)).toEqual([]);
			await page.keyboard.press('Escape');
			await expect.poll(() => page.getByTestId('presenter').count()).toBe(0);
			// Back to exploring: the labels return to their desk size.
			await expect.poll(async () => Math.min(...(await labelSizes(page)))).toBe(11);
			expect(await page.getByTestId('export-map').isVisible()).toBe(true);
			expect(errors).toEqual([]);
			await context.close();
		});

	it('shows a slide saved on an Insight tab as that view, with the map it outlines', async () => {
		const size = { width: 1920, height: 1080 };
		const { page, context } = await present(size, 4);
		await expect.poll(() => page.getByTestId('slide-title').textContent()).toBe('Fife’s opportunities');
		const finder = page.getByTestId('opportunity-finder');
		await finder.locator('li.candidate').first().waitFor();
		const list = (await finder.boundingBox())!;
		expect(list.y).toBeLessThan(size.height / 3);
		expect(await page.getByTestId('legend-opportunity').isVisible()).toBe(true);
		expect(await page.getByTestId('opportunity-council').isVisible()).toBe(false);
		expect(await page.getByTestId('opportunity-csv').isVisible()).toBe(false);
		expect(await page.locator('[role="tablist"]').isVisible()).toBe(false);
		const canvas = (await page.locator('[data-testid="map"] canvas').boundingBox())!;
		expect(canvas.y + canvas.height).toBeLessThanOrEqual(size.height);
		expect(canvas.height).toBeGreaterThanOrEqual(0.8 * size.height);
		await context.close();
	});

	// Both sizes' layouts are checked above. Stepping the deck again at the smaller size
	// (ATLAS_EXHAUSTIVE=1 or UPDATE_DOCS=1) repeats the same slide-title checks there and adds its
	// pictures, for another deck load.
	it('screenshots every workshop slide at a projector size', async () => {
		const sizes = [{ width: 1920, height: 1080 }, ...(EXHAUSTIVE || process.env.UPDATE_DOCS ? [{ width: 1280, height: 720 }] : [])];
		for (const size of sizes) {
			const { page, context } = await present(size);
			for (const [index, slide] of WORKSHOP_DECK.entries()) {
				if (index) await page.keyboard.press('ArrowRight');
				await expect.poll(() => page.getByTestId('slide-title').textContent()).toBe(slide.title);
				if (slide.query.includes('opp=')) await page.locator('li.candidate').first().waitFor();
				await mapIdle(page);
				await screenshot(page, `presenting-${index + 1}-${size.width}`);
				// `UPDATE_DOCS=1` refreshes the pictures in docs/presenting that the README shows.
				if (process.env.UPDATE_DOCS)
					await page.screenshot({ path: path.join('docs', 'presenting', `slide-${index + 1}-${size.width}x${size.height}.png`) });
			}
			await context.close();
		}
	});
});
