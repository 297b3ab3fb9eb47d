import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { csvParse } from 'd3-dsv';
import type { Page } from 'playwright-core';
import { emptyFilters, type Filters } from '../../src/lib/data/filters';
import { arc } from '../../src/lib/components/map/geometry';
import { activityRows, councilProfile, countActivities, dimensionCounts, PAGE_SIZE, sharedActivities, sharedMatrix } from '../../src/lib/data/queries';
import { councilCounts, councilLinks, nationalCount } from '../helpers/map-queries';
import { EXHAUSTIVE, openPage, screenshot, waitForDbReady, builtSite, tableRows } from '../helpers/browser';
import { pagePoint, waitForMapIdle } from '../helpers/map-projection';

const site = builtSite({ db: true });

/** A fixed view, so the test knows where every council is on screen. */
const VIEW = { lon: -4.3, lat: 56.4, zoom: 6.2 };
const VIEW_PARAM = `map=${VIEW.lon},${VIEW.lat},${VIEW.zoom}`;
const councils = csvParse(fs.readFileSync('build/data/councils.csv', 'utf8'));
const council = (name: string) => {
	const row = councils.find((c) => c.name === name)!;
	return { code: row.code!, lon: Number(row.lon), lat: Number(row.lat) };
};
const f = (patch: Partial<Filters>): Filters => ({ ...emptyFilters(), ...patch });

async function open(query: string) {
	const opened = await openPage(site.browser, site.server.origin, `/?${query}`);
	await waitForDbReady(opened.page);
	await waitForMapIdle(opened.page);
	return opened;
}

/** The feature-state MapLibre holds for these features of a source (read from the map the page drew). */
async function mapStates(page: Page, source: string, ids: string[]) {
	return page.evaluate(
		({ source, ids }) => {
			const map = (document.querySelector('[data-testid="map"]') as unknown as { maplibre: import('maplibre-gl').Map }).maplibre;
			return Object.fromEntries(ids.map((id) => [id, map.getFeatureState({ source, id })]));
		},
		{ source, ids }
	);
}

const shownTotal = async (page: Page) => Number(await page.getByTestId('activity-count').textContent());
const tableIds = (page: Page) => tableRows(page);

describe('the dashboard in Chromium', () => {
	it('opens with map, charts and table agreeing with SQL, and sends nothing off the origin', async () => {
		const { page, offOrigin, errors } = await open(VIEW_PARAM);
		const total = await countActivities(site.db, emptyFilters());
		expect(await shownTotal(page)).toBe(total);
		// The table's first page, then the rest on request, in SQL's order.
		const sqlIds = (await activityRows(site.db, emptyFilters(), { key: 'name', descending: false })).map((r) => r.id);
		expect(await tableIds(page)).toEqual(sqlIds.slice(0, PAGE_SIZE));
		if (total > PAGE_SIZE) {
			await page.getByRole('button', { name: `Show ${Math.min(PAGE_SIZE, total - PAGE_SIZE)} more` }).click();
			await expect.poll(() => tableIds(page)).toEqual(sqlIds.slice(0, 2 * PAGE_SIZE));
		}
		const sqlAreas = await dimensionCounts(site.db, 'serviceAreas', emptyFilters());
		const top = sqlAreas[0];
		const bar = page.locator(`[data-testid="chart-serviceAreas"] [data-key="${top.key}"]`);
		expect(Number(await bar.getAttribute('data-count'))).toBe(top.n);
		await screenshot(page, 'dashboard-initial');
		expect(offOrigin).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('a bar click filters every view, shows the filter, and removing it restores the view', async () => {
		const { page } = await open(VIEW_PARAM);
		const [top] = await dimensionCounts(site.db, 'serviceAreas', emptyFilters());
		await page.locator(`[data-testid="chart-serviceAreas"] [data-key="${top.key}"]`).click();
		const filters = f({ serviceAreas: [top.key] });
		await expect.poll(() => shownTotal(page)).toBe(await countActivities(site.db, filters));
		await expect.poll(() => tableIds(page)).toEqual((await activityRows(site.db, filters)).map((r) => r.id));
		const [topType] = await dimensionCounts(site.db, 'types', filters);
		if (topType) {
			const typeBar = page.locator(`[data-testid="chart-types"] [data-key="${topType.key}"]`);
			await expect.poll(() => typeBar.getAttribute('data-count')).toBe(String(topType.n));
		}
		expect(page.url()).toContain(`area=${top.key}`);
		await expect.poll(() => page.getByTestId('active-filters').textContent()).toContain(top.label);
		await screenshot(page, 'dashboard-bar-filter');
		await page.getByTestId('active-filters').getByRole('button', { name: /remove filter/i }).first().click();
		await expect.poll(() => shownTotal(page)).toBe(await countActivities(site.db, emptyFilters()));
	});

	it('a filter checkbox narrows the map figures to what SQL says: the numbers first, then the map', async () => {
		const { page } = await open(VIEW_PARAM);
		const filters = f({ reaches: ['cluster'] });
		const expected = await councilCounts(site.db, filters);
		const codes = expected.map((c) => c.code);
		// What the map holds, and says of itself, at the moment the header's count changes.
		await page.evaluate((codes) => {
			const count = document.querySelector('[data-testid="activity-count"]')!;
			const element = document.querySelector('[data-testid="map"]') as HTMLElement & { maplibre: import('maplibre-gl').Map };
			const seen = new MutationObserver(() => {
				seen.disconnect();
				(window as unknown as { atCountChange: unknown }).atCountChange = {
					mapState: element.dataset.mapState,
					counts: Object.fromEntries(codes.map((code) => [code, element.maplibre.getFeatureState({ source: 'councils', id: code }).count]))
				};
			});
			seen.observe(count, { childList: true, characterData: true, subtree: true });
		}, codes);
		const before = await mapStates(page, 'councils', codes);
		await page.locator('[data-filter="reaches"][data-value="cluster"]').check();
		await expect.poll(() => shownTotal(page)).toBe(await countActivities(site.db, filters));
		const listed = await page.locator('[data-testid="council-list"] tbody tr').evaluateAll((rows) =>
			rows.map((r) => [r.getAttribute('data-code'), Number(r.querySelector('td:last-child')?.textContent)])
		);
		expect(Object.fromEntries(listed)).toEqual(Object.fromEntries(expected.map((c) => [c.code, c.local_activities])));
		// The map takes the figures a frame after the count, and says it is not settled meanwhile, so
		// nobody waiting for it (a test, the deck export) reads the old shading.
		const atCountChange = await page.evaluate(() => (window as unknown as { atCountChange: { mapState: string; counts: Record<string, number> } }).atCountChange);
		expect(atCountChange.mapState).not.toBe('idle');
		expect(atCountChange.counts).toEqual(Object.fromEntries(codes.map((code) => [code, before[code].count])));
		await waitForMapIdle(page);
		const after = await mapStates(page, 'councils', codes);
		expect(Object.fromEntries(codes.map((code) => [code, after[code].count]))).toEqual(Object.fromEntries(expected.map((c) => [c.code, c.local_activities])));
	});

	it('follows the council filter: feature-state counts, links and outlined councils equal SQL’s', async () => {
		const ea = council('East Ayrshire');
		const filters = f({ councils: [ea.code], serviceAreas: ['transport_highways'] });
		const { page, errors } = await open(`council=${ea.code}&area=transport_highways&${VIEW_PARAM}`);
		const total = await countActivities(site.db, filters);
		await expect.poll(() => shownTotal(page)).toBe(total);
		await waitForMapIdle(page);
		const sqlCouncils = await councilCounts(site.db, filters);
		const sqlLinks = await councilLinks(site.db, filters);
		// Nothing on the map counts more than the header: the chosen council is in every activity.
		expect(Math.max(...sqlCouncils.map((c) => c.activities))).toBe(total);
		const states = await mapStates(page, 'councils', sqlCouncils.map((c) => c.code));
		expect(Object.fromEntries(Object.entries(states).map(([code, s]) => [code, s.count]))).toEqual(
			Object.fromEntries(sqlCouncils.map((c) => [c.code, c.local_activities]))
		);
		expect(Object.entries(states).filter(([, s]) => s.chosen).map(([code]) => code)).toEqual([ea.code]);
		// Every pair's link width is non-zero exactly where SQL has a shared activity, with its count.
		const codes = councils.map((c) => c.code!).sort();
		const pairIds = codes.flatMap((a, i) => codes.slice(i + 1).map((b) => `${a}~${b}`));
		const linkStates = await mapStates(page, 'links', pairIds);
		const pairs = Object.fromEntries(
			Object.entries(linkStates)
				.filter(([, s]) => Number(s.shared ?? 0) > 0)
				.map(([pair, s]) => [pair, Number(s.shared)])
		);
		expect(pairs).toEqual(Object.fromEntries(sqlLinks.map((l) => [`${l.a}~${l.b}`, l.shared])));
		const legend = (await page.getByTestId('map-legend').textContent()) ?? '';
		expect(legend).toContain(`${total} matching`);
		expect(legend).toContain('East Ayrshire');
		expect(await page.getByTestId('national-count').textContent()).toContain(`${await nationalCount(site.db, filters)} national`);
		await screenshot(page, 'dashboard-council-filter');
		expect(errors).toEqual([]);
	});

	it('clicking a council on the map opens its profile with SQL’s numbers', async () => {
		// Single-council activities draw no links, so the click lands on the council itself.
		const { page } = await open(`reach=single&${VIEW_PARAM}`);
		await expect.poll(() => shownTotal(page)).toBe(await countActivities(site.db, f({ reaches: ['single'] })));
		await waitForMapIdle(page);
		const target = council('Clackmannanshire');
		const point = await pagePoint(page, target.lon, target.lat, VIEW);
		await page.mouse.move(point.x, point.y);
		await expect.poll(() => page.getByTestId('map-tooltip').textContent()).toContain('Clackmannanshire');
		await page.mouse.click(point.x, point.y);
		const profile = page.getByTestId('council-profile');
		await expect.poll(() => profile.textContent()).toContain('Clackmannanshire');
		const sql = await councilProfile(site.db, target.code, f({ reaches: ['single'] }));
		const text = (await profile.textContent()) ?? '';
		for (const activity of sql!.activities) expect(text).toContain(activity.name);
		expect(page.url()).toContain(`sel=council%3A${target.code}`);
		await screenshot(page, 'dashboard-council-profile');
	});

	it('a click at a council’s label point opens that council, even where its links start', async () => {
		// Every filter off: the most links, all starting at the label points clicked here.
		const { page } = await open(VIEW_PARAM);
		await expect.poll(() => shownTotal(page)).toBe(await countActivities(site.db, emptyFilters()));
		await waitForMapIdle(page);
		let underLinks = 0;
		for (const name of ['Highland', 'Fife', 'Moray', 'East Ayrshire', 'Stirling']) {
			const target = council(name);
			const point = await pagePoint(page, target.lon, target.lat, VIEW);
			// Count the points where a drawn link passes, to show the test is not vacuous.
			underLinks += (await page.evaluate(
				({ x, y }) => {
					const element = document.querySelector('[data-testid="map"]') as HTMLElement & { maplibre: import('maplibre-gl').Map };
					const box = element.getBoundingClientRect();
					return element.maplibre
						.queryRenderedFeatures([x - box.left, y - box.top], { layers: ['links-hit'] })
						.some((f) => Number(f.state?.shared ?? 0) > 0);
				},
				point
			))
				? 1
				: 0;
			await page.mouse.click(point.x, point.y);
			await expect.poll(() => page.getByTestId('council-profile').getAttribute('data-code'), { timeout: 15_000 }).toBe(target.code);
		}
		expect(underLinks).toBeGreaterThanOrEqual(3);
	});

	it('clicking a link lists the activities the two councils share', async () => {
		const { page } = await open(`q=ayrshire+roads&${VIEW_PARAM}`);
		// The active-filter bar above the map appears with the figures; measure the map after it.
		await expect.poll(() => shownTotal(page)).toBe(await countActivities(site.db, f({ search: 'ayrshire roads' })));
		await waitForMapIdle(page);
		// The whole map on screen, as a user would scroll it, so the link's middle can be clicked.
		await page.getByTestId('map').scrollIntoViewIfNeeded();
		const a = council('East Ayrshire');
		const b = council('South Ayrshire');
		const [from, to] = a.code < b.code ? [a, b] : [b, a];
		const [lon, lat] = arc([from.lon, from.lat], [to.lon, to.lat])[12];
		const point = await pagePoint(page, lon, lat, VIEW);
		await page.mouse.click(point.x, point.y);
		const detail = page.getByTestId('link-detail');
		await expect.poll(() => detail.textContent()).toContain('Ayrshire Roads Alliance');
		const shared = await sharedActivities(site.db, from.code, to.code, f({ search: 'ayrshire roads' }));
		expect(shared.rows.map((r) => r.name)).toContain('Ayrshire Roads Alliance');
		await screenshot(page, 'dashboard-link');
	});

	it('counts "shared" the same in the link panel, both profiles and the matrix as on the map, for the top pairs', async () => {
		// Three pairs through the profiles and one link panel from a shared link by default (each panel
		// is a page load); ATLAS_EXHAUSTIVE=1 takes five pairs and two panels.
		const links = (await councilLinks(site.db, emptyFilters())).slice(0, EXHAUSTIVE ? 5 : 3);
		const matrix = await sharedMatrix(site.db, emptyFilters(), false);
		const { page } = await open(VIEW_PARAM);
		for (const link of links) {
			const cell = matrix.pairs.find((p) => p.a === link.a && p.b === link.b);
			expect(cell?.shared, `${link.a}~${link.b} matrix`).toBe(link.shared);
			// Selecting through the page's own controls: the council list opens a profile, its partner list the other end.
			if ((await page.getByTestId('council-list').getAttribute('open')) === null) await page.getByTestId('council-list').locator('summary').click();
			await page.locator(`[data-testid="council-list"] tr[data-code="${link.a}"] button`).click();
			const profile = page.getByTestId('council-profile');
			await expect.poll(() => profile.getAttribute('data-code')).toBe(link.a);
			const showAll = profile.getByRole('button', { name: /Show all/ });
			if (await showAll.count()) await showAll.click();
			const partnerShared = await profile
				.locator('ol.partners li')
				.evaluateAll((items) => items.map((li) => [li.querySelector('button')?.textContent?.trim(), li.querySelector('.shared')?.firstChild?.textContent]));
			const bName = councils.find((c) => c.code === link.b)!.name!;
			expect(Object.fromEntries(partnerShared)[bName], `${link.a} profile lists ${bName}`).toBe(String(link.shared));
		}
		// The link panel, opened from a shared link, says the same number.
		for (const link of links.slice(0, EXHAUSTIVE ? 2 : 1)) {
			const opened = await open(`sel=link:${link.a}~${link.b}&${VIEW_PARAM}`);
			await expect.poll(() => opened.page.getByTestId('link-detail').locator('h2').textContent()).toContain(`share ${link.shared} ${link.shared === 1 ? 'activity' : 'activities'}`);
			await opened.context.close();
		}
	});

	it('restores the same view from a shared URL', async () => {
		const { page } = await open(VIEW_PARAM);
		await page.locator('[data-filter="statuses"][data-value="operational"]').check();
		await tableRows(page);
		await page.locator('[data-testid="activity-table"] tbody tr[data-id] button').first().click();
		await expect.poll(() => page.url()).toContain('sel=activity');
		const shared = page.url();
		const cardText = await page.getByTestId('activity-card').textContent();

		const again = await openPage(site.browser, site.server.origin, new URL(shared).pathname + new URL(shared).search);
		await waitForDbReady(again.page);
		await expect.poll(() => again.page.getByTestId('activity-card').textContent()).toBe(cardText);
		expect(await again.page.locator('[data-filter="statuses"][data-value="operational"]').isChecked()).toBe(true);
		expect(await shownTotal(again.page)).toBe(await countActivities(site.db, f({ statuses: ['operational'] })));
	});
});
