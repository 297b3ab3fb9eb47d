/**
 * What the first screen says about the data: how complete it is, how many activities each filter
 * option would give, and, when the filters match nothing, a message on the map itself.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { emptyFilters, type Filters, type ListDimension } from '../../src/lib/data/filters';
import { countActivities, dimensionCounts, type ChartDimension } from '../../src/lib/data/queries';
import { councilCounts } from '../helpers/map-queries';
import { openPage, waitForDbReady, builtSite } from '../helpers/browser';

const site = builtSite({ db: true });

async function open(query = '') {
	const opened = await openPage(site.browser, site.server.origin, `/?${query}`);
	await waitForDbReady(opened.page);
	await expect.poll(() => opened.page.getByTestId('activity-count').textContent()).not.toBe('…');
	return opened;
}

/** The filter panel's options of one dimension with the count each shows. */
const shownCounts = (page: Page, dimension: ListDimension) =>
	page.locator(`input[data-filter="${dimension}"]`).evaluateAll((inputs) =>
		Object.fromEntries(
			inputs.map((input) => [input.getAttribute('data-value'), Number(input.closest('label')?.querySelector('[data-count]')?.getAttribute('data-count'))])
		)
	);

describe('coverage and counts in Chromium', () => {
	it('says in one line how many cited activities the atlas holds, by source, beside the survey’s count', async () => {
		const { page, errors, context } = await open();
		const bySource = Object.fromEntries(
			(await site.db.query<{ kind: string; n: number }>('SELECT source_kind AS kind, count(*)::INTEGER AS n FROM activities GROUP BY ALL')).map((r) => [r.kind, r.n])
		);
		const [{ activities, councils }] = await site.db.query<{ activities: number; councils: number }>(
			`SELECT max(number) FILTER (WHERE row_label ILIKE '%activities reported%') AS activities,
				max(number) FILTER (WHERE row_label ILIKE '%councils returning%') AS councils
			FROM survey_tables WHERE table_id = 'headline_2020'`
		);
		const line = page.getByTestId('coverage-line');
		await expect.poll(() => line.textContent()).toContain(
			`This atlas holds ${await countActivities(site.db, emptyFilters())} cited activities (${bySource.report} from published reports, ${bySource.public_record} from public record).`
		);
		expect(await line.textContent()).toContain(`The 2020 survey counted ${activities} activities from ${councils} councils; its full list is not published.`);
		await line.getByRole('link').click();
		await expect.poll(() => page.evaluate(() => location.hash)).toBe('#survey-heading');
		expect(errors).toEqual([]);
		await context.close();
	});

	it('shows beside every filter option the count SQL gives under the other filters, greying the empty ones', async () => {
		const filters: Filters = { ...emptyFilters(), serviceAreas: ['transport_highways'], statuses: ['operational'] };
		const { page, errors, context } = await open('area=transport_highways&status=operational');
		await expect.poll(() => page.getByTestId('activity-count').textContent()).toBe(String(await countActivities(site.db, filters)));
		const dimensions: ChartDimension[] = ['serviceAreas', 'types', 'reaches', 'regions', 'partnerTypes', 'statuses', 'sourceKinds', 'spectrumLevels'];
		for (const dimension of dimensions) {
			const shown = await shownCounts(page, dimension);
			const sql = Object.fromEntries((await dimensionCounts(site.db, dimension, filters)).map((r) => [r.key, r.n]));
			const expected = Object.fromEntries(Object.keys(shown).map((value) => [value, sql[value ?? ''] ?? 0]));
			expect(shown, dimension).toEqual(expected);
		}
		const councils = await shownCounts(page, 'councils');
		expect(councils).toEqual(Object.fromEntries((await councilCounts(site.db, filters)).map((c) => [c.code, c.activities])));
		// An option that would give nothing is still there to choose, greyed.
		const empty = page.locator('input[data-filter="serviceAreas"][data-value="legal"]');
		expect(await empty.count()).toBe(1);
		expect(await empty.evaluate((input) => input.closest('li')?.classList.contains('empty'))).toBe(true);
		expect(await empty.isDisabled()).toBe(false);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('says on the map when the filters match nothing, and clears them from there', async () => {
		const { page, errors, context } = await open('area=legal');
		expect(await countActivities(site.db, { ...emptyFilters(), serviceAreas: ['legal'] })).toBe(0);
		const message = page.getByTestId('map-no-match');
		await message.waitFor();
		expect(await message.textContent()).toContain('No activities match these filters.');
		// It sits over the map, not below it.
		const [box, map] = await Promise.all([message.boundingBox(), page.getByTestId('map').boundingBox()]);
		expect(box!.y).toBeGreaterThan(map!.y);
		expect(box!.y + box!.height).toBeLessThan(map!.y + map!.height);
		await message.getByRole('button', { name: 'Clear all filters' }).click();
		await message.waitFor({ state: 'detached' });
		await expect.poll(() => page.getByTestId('activity-count').textContent()).toBe(String(await countActivities(site.db, emptyFilters())));
		expect(errors).toEqual([]);
		await context.close();
	});
});
