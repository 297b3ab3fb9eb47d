import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { builtSite, EXHAUSTIVE, openPage, seriousViolations, waitForDbReady } from '../helpers/browser';

const site = builtSite({ db: true });

/** The definition, over the built data in Node. */
async function inOperation(year: number): Promise<number> {
	const [{ n }] = await site.db.query<{ n: number }>(
		'SELECT count(*)::INTEGER AS n FROM activities WHERE start_year <= ? AND (end_year IS NULL OR end_year >= ?)',
		[year, year]
	);
	return n;
}

const count = (page: Page) => page.getByTestId('activity-count').textContent();
const urlYear = (page: Page) => new URL(page.url()).searchParams.get('in');
const shownYear = (page: Page) => page.getByTestId('year-control').getAttribute('data-year');

describe('"In operation in YEAR" and play', () => {
	it('restores the year from a link and counts as SQL does', async () => {
		// Each year costs a page load with a real engine start; the next test counts all three through
		// the slider, and ATLAS_EXHAUSTIVE=1 restores each of them from a link here too.
		for (const year of EXHAUSTIVE ? [1996, 2006, 2016] : [1996]) {
			const { page, errors, context } = await openPage(site.browser, site.server.origin, `/?in=${year}`);
			await waitForDbReady(page);
			const expected = await inOperation(year);
			expect(expected).toBeGreaterThan(0);
			await expect.poll(() => count(page)).toBe(String(expected));
			expect(await page.getByTestId('year-slider').inputValue()).toBe(String(year));
			expect(await page.getByTestId('year-value').textContent()).toBe(String(year));
			const chip = page.locator('[data-testid="active-filters"] .chip[data-dimension="inYear"]');
			expect(await chip.textContent()).toContain(`In operation in:`);
			expect(await chip.getAttribute('data-value')).toBe(String(year));
			expect(urlYear(page)).toBe(String(year));
			expect(errors).toEqual([]);
			await context.close();
		}
	});

	it('sets the year from the control, keeps it in the address, and clears it with the chip', async () => {
		const { page, errors, context } = await openPage(site.browser, site.server.origin, '/');
		await waitForDbReady(page);
		const all = await count(page);
		const historyLength = await page.evaluate(() => history.length);
		for (const year of [2016, 2006, 1996]) {
			await page.getByTestId('year-slider').fill(String(year));
			await expect.poll(() => count(page)).toBe(String(await inOperation(year)));
			await expect.poll(() => urlYear(page)).toBe(String(year));
		}
		// The step buttons move one year at a time.
		await page.getByTestId('year-next').click();
		await expect.poll(() => urlYear(page)).toBe('1997');
		await expect.poll(() => count(page)).toBe(String(await inOperation(1997)));
		await expect.poll(() => page.getByTestId('year-announcement').textContent()).toBe(`In operation in 1997: ${await inOperation(1997)} activities.`);
		await page.getByTestId('year-previous').click();
		await expect.poll(() => urlYear(page)).toBe('1996');
		// Replaced in place, as every filter change is: no history entry per year.
		expect(await page.evaluate(() => history.length)).toBe(historyLength);
		expect(await seriousViolations(page, '[data-testid="year-control"]')).toEqual([]);
		await page.getByRole('button', { name: 'Remove filter: In operation in 1996' }).click();
		await expect.poll(() => urlYear(page)).toBeNull();
		await expect.poll(() => count(page)).toBe(all);
		expect(await page.getByTestId('year-value').textContent()).toBe('any year');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('plays forward a year at a time, pauses where it is, and stops when another filter changes', async () => {
		const { page, errors, context } = await openPage(site.browser, site.server.origin, '/?in=2015');
		await waitForDbReady(page);
		await expect.poll(() => count(page)).toBe(String(await inOperation(2015)));
		const historyLength = await page.evaluate(() => history.length);
		await page.getByTestId('year-play').click();
		await expect.poll(() => urlYear(page), { timeout: 15_000 }).toBe('2016');
		await page.getByTestId('year-pause').click();
		const paused = Number(await shownYear(page));
		expect(paused).toBeGreaterThanOrEqual(2016);
		expect(urlYear(page)).toBe(String(paused));
		await expect.poll(() => count(page)).toBe(String(await inOperation(paused)));
		await expect
			.poll(() => page.getByTestId('year-announcement').textContent())
			.toBe(`Paused. In operation in ${paused}: ${await inOperation(paused)} activities.`);
		expect(await page.getByTestId('year-play').isVisible()).toBe(true);
		expect(await page.evaluate(() => history.length)).toBe(historyLength);

		// From no year, play starts at 1996; choosing another filter stops it.
		await page.getByTestId('year-clear').click();
		await expect.poll(() => urlYear(page)).toBeNull();
		// The "Any year" button goes with the year; focus moves to the slider rather than the page.
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('year-control-slider');
		await page.getByTestId('year-play').click();
		await expect.poll(() => urlYear(page)).toBe('1996');
		expect(await page.locator('[data-db-state]').getAttribute('aria-live')).toBe('off');
		await page.locator('[data-filter="reaches"][data-value="cluster"]').check();
		await expect.poll(() => page.getByTestId('year-play').isVisible()).toBe(true);
		expect(await page.locator('[data-db-state]').getAttribute('aria-live')).toBe('polite');
		const stoppedAt = await shownYear(page);
		await expect.poll(() => new URL(page.url()).searchParams.get('reach')).toBe('cluster');
		expect(urlYear(page)).toBe(stoppedAt);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('carries the year into a council briefing, which counts as SQL does', async () => {
		const code = 'S12000005';
		const { page, context, errors } = await openPage(site.browser, site.server.origin, `/?in=2016&sel=council%3A${code}`);
		await waitForDbReady(page);
		const [briefing] = await Promise.all([context.waitForEvent('page'), page.getByTestId('briefing-link').click()]);
		await briefing.getByTestId('briefing-council').waitFor({ timeout: 60_000 });
		const [{ n }] = await site.db.query<{ n: number }>(
			`SELECT count(*)::INTEGER AS n FROM activities a JOIN activity_councils ac ON ac.activity_id = a.id
			WHERE ac.council_code = ? AND a.start_year <= 2016 AND (a.end_year IS NULL OR a.end_year >= 2016)`,
			[code]
		);
		expect(Number(await briefing.getByTestId('briefing-activities').textContent())).toBe(n);
		expect(await briefing.getByTestId('briefing-year').textContent()).toContain('In operation in 2016');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('is saved in a slide, and a slide without a year shows every year again', async () => {
		const { page, errors, context } = await openPage(site.browser, site.server.origin, '/?in=1996');
		await waitForDbReady(page);
		const early = String(await inOperation(1996));
		await expect.poll(() => count(page)).toBe(early);
		const panel = page.getByTestId('slides-panel');
		const save = async (title: string) => {
			if ((await panel.getAttribute('open')) === null) await panel.locator('summary').click();
			await page.locator('#slide-title').fill(title);
			await page.getByTestId('save-slide').click();
		};
		await save('Joint boards, 1996');
		await page.getByTestId('year-clear').click();
		await expect.poll(() => urlYear(page)).toBeNull();
		const [{ n: total }] = await site.db.query<{ n: number }>('SELECT count(*)::INTEGER AS n FROM activities');
		const all = String(total);
		await expect.poll(() => count(page)).toBe(all);
		await save('Today');
		await page.getByTestId('start-presenting').click();
		const title = page.getByTestId('slide-title');
		await expect.poll(() => title.textContent()).toBe('Joint boards, 1996');
		await expect.poll(() => count(page)).toBe(early);
		expect(urlYear(page)).toBe('1996');
		await page.keyboard.press('ArrowRight');
		await expect.poll(() => title.textContent()).toBe('Today');
		await expect.poll(() => count(page)).toBe(all);
		expect(urlYear(page)).toBeNull();
		await page.keyboard.press('ArrowLeft');
		await expect.poll(() => count(page)).toBe(early);
		// While presenting, Space on Play plays rather than moving to the next slide.
		await page.getByTestId('year-play').focus();
		await page.keyboard.press(' ');
		await expect.poll(() => page.getByTestId('year-pause').isVisible()).toBe(true);
		expect(await title.textContent()).toBe('Joint boards, 1996');
		await page.keyboard.press(' ');
		await expect.poll(() => page.getByTestId('year-play').isVisible()).toBe(true);
		expect(await title.textContent()).toBe('Joint boards, 1996');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('says how it plays with reduced motion', async () => {
		const context = await site.browser.newContext({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
		const page = await context.newPage();
		await page.goto(site.server.origin);
		// Said once the page's script has read the setting.
		await expect.poll(() => page.locator('#year-control-help').textContent()).toContain('one year every three seconds (reduced motion)');
		await context.close();
	});
});
