import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { csvParse } from 'd3-dsv';
import type { Page } from 'playwright-core';
import { emptyFilters, type Filters } from '../../src/lib/data/filters';
import { compareCouncils, councilFigures, countActivities, dimensionCounts, opportunityFinder, sharedMatrix } from '../../src/lib/data/queries';
import { opportunities } from '../helpers/map-queries';
import { SPECTRUM_PAGE } from '../../src/lib/state/insight.svelte';
import { hasEnded, membershipOf } from '../../src/lib/data/membership';
import { openPage, screenshot, seriousViolations, waitForDbReady, builtSite } from '../helpers/browser';
import { waitForMapIdle } from '../helpers/map-projection';

const site = builtSite({ db: true });

const councils = csvParse(fs.readFileSync('build/data/councils.csv', 'utf8'));
const code = (name: string) => councils.find((c) => c.name === name)!.code!;
const f = (patch: Partial<Filters>): Filters => ({ ...emptyFilters(), ...patch });
const VIEW_PARAM = 'map=-4.3,56.4,6.2';

/** A query parameter of the page's current address, decoded. */
const param = (page: Page, key: string) => new URL(page.url()).searchParams.get(key);

async function open(query: string) {
	const opened = await openPage(site.browser, site.server.origin, `/?${query}`);
	await waitForDbReady(opened.page);
	return opened;
}

/** A screenshot of the Insight section as a whole, beside the viewport shot the helper takes. */
async function shootSection(page: Page, name: string) {
	const section = page.getByTestId('insight-section');
	await section.scrollIntoViewIfNeeded();
	await screenshot(page, name);
	await section.screenshot({ path: path.join('test-results', `${name}-section.png`) });
}

describe('Insight: opportunity finder', () => {
	it('lists the candidates SQL ranks, marks them on the map and exports them as CSV', async () => {
		const { page, errors, offOrigin } = await open(VIEW_PARAM);
		await page.getByTestId('opportunity-council').selectOption({ label: 'North Ayrshire' });
		await page.getByTestId('opportunity-area').selectOption('transport_highways');
		const council = code('North Ayrshire');
		const expected = await opportunities(site.db, { council, area: 'transport_highways' }, emptyFilters());
		expect(expected.length).toBeGreaterThan(1);

		const finder = page.getByTestId('opportunity-finder');
		const listed = () =>
			finder.locator('li.candidate').evaluateAll((items) =>
				items.map((li) => [li.getAttribute('data-code'), Number(li.getAttribute('data-rank')), Number(li.getAttribute('data-activities'))])
			);
		await expect.poll(listed).toEqual(expected.map((o) => [o.code, o.rank, o.activities.length]));
		// Every activity is shown with its source, cited by title (never a file name), and the report's words where quoted.
		const first = expected[0].activities[0];
		const firstText = await finder.locator(`li.candidate[data-code="${expected[0].code}"] [data-activity="${first.activity_id}"]`).textContent();
		expect(firstText).toContain(first.activity_name);
		expect(firstText).toContain(first.source_citation);
		expect(firstText).not.toMatch(/\.txt/);
		expect(param(page, 'opp')).toBe(`${council}~transport_highways`);

		// Bordering councils first: the Ayrshire Roads Alliance partner next door, and Inverclyde with
		// the shared roads service it adopted from that model.
		expect(expected[0].isNeighbour).toBe(true);
		expect(expected.slice(0, 2).map((o) => o.name).sort()).toEqual(['East Ayrshire', 'Inverclyde']);

		await expect.poll(() => page.getByTestId('legend-opportunity').isVisible()).toBe(true);
		await shootSection(page, 'insight-opportunities');
		// "Show on the map" frames the chosen council and its candidates.
		const before = param(page, 'map');
		await finder.getByRole('button', { name: 'Show on the map' }).click();
		await expect.poll(() => param(page, 'map')).not.toBe(before);
		await waitForMapIdle(page);
		await screenshot(page, 'insight-opportunities-map');

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('opportunity-csv').click()]);
		const csv = fs.readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '');
		const rows = csvParse(csv);
		expect(rows).toHaveLength(expected.reduce((n, o) => n + o.activities.length, 0));
		expect(rows[0]['Candidate council']).toBe(expected[0].name);
		expect(rows[0]['Rank']).toBe('1');
		expect(download.suggestedFilename()).toBe('opportunities-north-ayrshire-transport-highways.csv');
		expect(offOrigin).toEqual([]);
		expect(errors).toEqual([]);
	});

	it('restores from a shared URL and opens a candidate’s profile', async () => {
		const council = code('Stirling');
		// Any area: Stirling's education candidates were only the other education collaboratives,
		// which have fixed membership and are no longer offered (issue 12, item 4).
		const { page } = await open(`insight=opportunities&opp=${council}`);
		const expected = await opportunities(site.db, { council, area: '' }, emptyFilters());
		expect(expected.length).toBeGreaterThan(0);
		const candidates = page.locator('[data-testid="opportunity-finder"] li.candidate');
		await expect.poll(() => candidates.count()).toBe(expected.length);
		await candidates.first().getByRole('button', { name: /open council profile/ }).click();
		await expect.poll(() => page.getByTestId('council-profile').textContent()).toContain(expected[0].name);
	});
});

describe('Insight: the finder offers only what can be joined', () => {
	it('offers no fixed-membership or ended body for five councils, and lists fixed bodies apart as comparable', async () => {
		const cases: [string, string][] = [
			['Fife', ''],
			['Fife', 'transport_highways'],
			['East Ayrshire', 'transport_highways'],
			['Highland', ''],
			['Stirling', 'education_learning'],
			['North Ayrshire', '']
		];
		let comparableShown = 0;
		// One page: the first case from a link, the rest chosen in the finder as a user would.
		const [firstName, firstArea] = cases[0];
		const { page, context } = await open(`insight=opportunities&opp=${firstArea ? `${code(firstName)}~${firstArea}` : code(firstName)}`);
		const finder = page.getByTestId('opportunity-finder');
		for (const [name, area] of cases) {
			const council = code(name);
			await finder.getByTestId('opportunity-council').selectOption(council);
			await finder.getByTestId('opportunity-area').selectOption(area);
			await expect.poll(() => param(page, 'opp')).toBe(area ? `${council}~${area}` : council);
			// The finder's answer for this choice, not the one before it.
			await page.waitForSelector('main[aria-busy="false"]');
			const expected = await opportunityFinder(site.db, { council, area }, emptyFilters());
			const offeredNow = () =>
				finder.locator('li.candidate [data-activity]').evaluateAll((items) => [...new Set(items.map((li) => li.getAttribute('data-activity')!))].sort());
			const wanted = [...new Set(expected.opportunities.flatMap((o) => o.activities.map((a) => a.activity_id)))].sort();
			await expect.poll(offeredNow, { timeout: 30_000 }).toEqual(wanted);
			await expect.poll(() => finder.getByTestId('opportunity-status').textContent(), { timeout: 30_000 }).not.toContain('Looking');
			const offered = await offeredNow();
			expect(offered, name).toEqual(wanted);
			// Checked against the rows themselves, not the finder's own reading of them.
			if (offered.length) {
				const rows = await site.db.query<{ id: string; name: string; summary: string | null; delivery_mechanism: string | null; status: string; end_year: number | null; source_type: string | null }>(
					`SELECT a.id, a.name, a.summary, a.delivery_mechanism, a.status, a.end_year, s.kind AS source_type
					FROM activities a LEFT JOIN sources s ON s.id = a.source_id WHERE list_contains(?::VARCHAR[], a.id)`,
					[JSON.stringify(offered).replace(/"/g, "'")]
				);
				expect(rows).toHaveLength(offered.length);
				for (const row of rows) {
					expect([row.id, membershipOf(row).membership], name).toEqual([row.id, 'open']);
					expect([row.id, hasEnded(row)], name).toEqual([row.id, false]);
				}
				// Each offer says why.
				expect(await finder.getByTestId('why-offered').first().textContent()).toMatch(/^Offered because .+ join by agreement/);
			}
			const comparable = finder.getByTestId('comparable-arrangements');
			if (expected.comparable.length) {
				comparableShown++;
				const text = (await comparable.textContent()) ?? '';
				for (const group of expected.comparable) for (const arrangement of group.arrangements) expect(text).toContain(arrangement.activity_name);
			} else expect(await comparable.count()).toBe(0);
			if (name === 'Fife' && area === 'transport_highways') {
				expect(offered).not.toContain('tactran');
				expect((await comparable.textContent()) ?? '').toContain('Tactran');
				await shootSection(page, 'insight-opportunities-fife-transport');
			}
		}
		await context.close();
		expect(comparableShown).toBeGreaterThan(2);
	});
});

describe('Insight: spectrum', () => {
	it('is reached by arrow keys on the tabs, charts levels as SQL counts them, and filters by a bar', async () => {
		const { page } = await open(VIEW_PARAM);
		await page.locator('[role="tab"][data-tab="opportunities"]').focus();
		await page.keyboard.press('ArrowRight');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-tab'))).toBe('spectrum');
		await expect.poll(() => param(page, 'insight')).toBe('spectrum');
		expect(await page.locator('[role="tab"][data-tab="spectrum"]').getAttribute('aria-selected')).toBe('true');

		const counts = await dimensionCounts(site.db, 'spectrumLevels', emptyFilters());
		for (const row of counts) {
			const bar = page.locator(`[data-testid="chart-spectrumLevels"] [data-key="${row.key}"]`);
			await expect.poll(() => bar.getAttribute('data-count')).toBe(String(row.n));
		}
		const table = page.locator('[data-testid="spectrum-table"] tbody tr');
		const total = await countActivities(site.db, emptyFilters());
		// A page at a time, the totals counted over every match.
		await expect.poll(() => table.count()).toBe(Math.min(total, SPECTRUM_PAGE));
		expect(await page.locator('[data-testid="spectrum-view"] summary').textContent()).toContain(`(${total})`);
		expect(await page.locator('[data-testid="spectrum-table"] tr[data-id="ayrshire-roads-alliance"]').getAttribute('data-level')).toBe('integrate');
		await page.locator('[data-testid="spectrum-view"] summary').click();
		if (total > SPECTRUM_PAGE) {
			await page.getByTestId('spectrum-more').click();
			await expect.poll(() => table.count()).toBe(Math.min(total, 2 * SPECTRUM_PAGE));
		}
		await shootSection(page, 'insight-spectrum');
		// Each activity's card carries its level and the rule behind it.
		await page.locator('[data-testid="spectrum-table"] tr[data-id="ayrshire-roads-alliance"] button').click();
		await expect.poll(() => page.getByTestId('activity-spectrum').textContent()).toContain('Integrate');
		expect(await page.getByTestId('activity-spectrum').textContent()).toContain('Rule 1');

		await page.locator('[data-testid="chart-spectrumLevels"] [data-key="integrate"]').click();
		const filters = f({ spectrumLevels: ['integrate'] });
		await expect.poll(async () => Number(await page.getByTestId('activity-count').textContent())).toBe(await countActivities(site.db, filters));
		expect(param(page, 'spectrum')).toBe('integrate');
		await expect.poll(() => page.getByTestId('active-filters').textContent()).toContain('Integrate');
	});

	it('colours map links by spectrum level, with the legend to match', async () => {
		const { page } = await open(VIEW_PARAM);
		await waitForMapIdle(page);
		await page.getByTestId('link-colour').selectOption('spectrum');
		await expect.poll(() => param(page, 'links')).toBe('spectrum');
		const legend = page.getByTestId('legend-spectrum');
		await expect.poll(() => legend.textContent()).toContain('Integrate');
		await waitForMapIdle(page);
		await screenshot(page, 'insight-map-spectrum-links');
	});
});

describe('Insight: network', () => {
	it('draws SQL’s shared counts in a 32 × 32 grid and links cells to the map selection', async () => {
		const { page } = await open(`insight=network&order=similarity&${VIEW_PARAM}`);
		const matrix = page.getByTestId('council-matrix');
		await expect.poll(() => matrix.locator('[role="gridcell"]').count()).toBe(32 * 32);
		const { pairs } = await sharedMatrix(site.db, emptyFilters(), false);
		const shown = await matrix.locator('[role="gridcell"]').evaluateAll((cells) =>
			cells
				.map((c) => [c.getAttribute('data-a')!, c.getAttribute('data-b')!, Number(c.getAttribute('data-shared'))] as const)
				.filter(([a, b, n]) => a < b && n > 0)
				.map(([a, b, n]) => `${a}~${b}:${n}`)
				.sort()
		);
		expect(shown).toEqual(pairs.map((p) => `${p.a}~${p.b}:${p.shared}`).sort());

		// Click the strongest pair: the map selects that link and the side panel lists what they share.
		const [top] = pairs;
		await matrix.locator(`[role="gridcell"][data-a="${top.a}"][data-b="${top.b}"]`).click();
		await expect.poll(() => param(page, 'sel')).toBe(`link:${top.a}~${top.b}`);
		await expect.poll(() => page.getByTestId('link-detail').getAttribute('data-a')).toBe(top.a);
		expect(await matrix.locator(`[role="gridcell"][data-a="${top.a}"][data-b="${top.b}"]`).getAttribute('aria-selected')).toBe('true');

		// Keyboard: one tab stop, arrows move, Enter selects the pair under focus.
		const focused = matrix.locator('[role="gridcell"][tabindex="0"]');
		await focused.focus();
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('ArrowRight');
		const active = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement;
			return { a: el.dataset.a, b: el.dataset.b, tabindex: el.getAttribute('tabindex') };
		});
		expect(active.tabindex).toBe('0');
		await page.keyboard.press('Enter');
		const [x, y] = [active.a!, active.b!].sort();
		await expect.poll(() => param(page, 'sel')).toBe(x === y ? `council:${x}` : `link:${x}~${y}`);
		expect(await matrix.locator('[role="gridcell"][tabindex="0"]').count()).toBe(1);

		// A row label selects the council, whose row is then marked selected.
		const stirling = code('Stirling');
		await matrix.locator(`button[data-code="${stirling}"]`).click();
		await expect.poll(() => param(page, 'sel')).toBe(`council:${stirling}`);
		expect(await matrix.locator(`button[data-code="${stirling}"]`).getAttribute('aria-pressed')).toBe('true');
		await expect.poll(() => page.locator(`[data-testid="council-figures"] tr.selected`).getAttribute('data-code')).toBe(stirling);
		await shootSection(page, 'insight-network');
	});

	it('shows per-council figures and the Scotland median as SQL computes them, national activities on request', async () => {
		const { page } = await open('insight=network');
		const figures = await councilFigures(site.db, emptyFilters());
		const table = page.getByTestId('council-figures');
		await expect.poll(() => table.locator('tbody tr[data-code^="S"]').count()).toBe(32);
		const shown = await table.locator('tbody tr[data-code^="S"]').evaluateAll((rows) =>
			rows.map((r) => [
				r.getAttribute('data-code'),
				Number(r.querySelector('[data-key="partners"]')?.getAttribute('data-value')),
				Number(r.querySelector('[data-key="activities"]')?.getAttribute('data-value')),
				Number(r.querySelector('[data-key="local"]')?.getAttribute('data-value'))
			])
		);
		expect(Object.fromEntries(shown.map(([c, ...v]) => [c, v]))).toEqual(
			Object.fromEntries(figures.map((r) => [r.code, [r.partners, r.activities, r.local]]))
		);
		const median = table.locator('tr[data-code="median"]');
		expect(await median.locator('[data-key="activities"]').textContent()).toBe(String(figures[0].median_activities));
		expect(await median.locator('[data-key="partners"]').textContent()).toBe(
			Number.isInteger(figures[0].median_partners) ? String(figures[0].median_partners) : figures[0].median_partners.toFixed(1)
		);

		await page.getByTestId('matrix-national').check();
		const all = await sharedMatrix(site.db, emptyFilters(), true);
		await expect
			.poll(() => page.locator('[data-testid="council-matrix"] [role="gridcell"][data-shared]:not([data-shared="0"])').count())
			.toBe(all.pairs.length * 2);
		expect(param(page, 'netnational')).toBe('1');
	});
});

describe('Insight: compare', () => {
	it('sets two councils side by side with SQL’s shared, only-A and only-B activities', async () => {
		const [a, b] = [code('Clackmannanshire'), code('Stirling')];
		const { page } = await open(`insight=compare&compare=${a}~${b}`);
		const expected = (await compareCouncils(site.db, a, b, emptyFilters()))!;
		const count = (testid: string) => page.getByTestId(testid).getAttribute('data-count');
		await expect.poll(() => count('compare-shared')).toBe(String(expected.shared.length));
		expect(await count('compare-only-a')).toBe(String(expected.onlyA.length));
		expect(await count('compare-only-b')).toBe(String(expected.onlyB.length));
		const sharedIds = await page.locator('[data-testid="compare-shared"] li').evaluateAll((items) => items.map((li) => li.getAttribute('data-id')));
		expect(sharedIds).toEqual(expected.shared.map((r) => r.id));
		const figuresText = await page.getByTestId('compare-figures').textContent();
		expect(figuresText).toContain(String(expected.a.activities));
		expect(figuresText).toContain('Scotland median');
		await shootSection(page, 'insight-compare');

		await page.getByTestId('compare-b').selectOption({ label: 'Falkirk' });
		await expect.poll(() => param(page, 'compare')).toBe(`${a}~${code('Falkirk')}`);
		const next = (await compareCouncils(site.db, a, code('Falkirk'), emptyFilters()))!;
		await expect.poll(() => count('compare-only-b')).toBe(String(next.onlyB.length));
	});
});

describe('Insight: accessibility', () => {
	// One page, each view opened from its tab as a user would, each with an answer on screen: the
	// address chooses the opportunity finder's council and service, and two councils are compared.
	it('has no serious or critical axe violations in any of its four views', async () => {
		const { page } = await open(`insight=opportunities&opp=${code('North Ayrshire')}~transport_highways`);
		for (const tab of ['opportunities', 'spectrum', 'network', 'compare']) {
			await page.locator(`[role="tab"][data-tab="${tab}"]`).click();
			const panel = page.locator(`[role="tabpanel"][data-panel="${tab}"]`);
			await panel.waitFor();
			await expect.poll(() => panel.locator('[role="status"]:has-text("Loading")').count()).toBe(0);
			if (tab === 'network') await page.getByTestId('council-matrix').waitFor();
			if (tab === 'compare') {
				await page.getByTestId('compare-a').selectOption({ label: 'Clackmannanshire' });
				await page.getByTestId('compare-b').selectOption({ label: 'Stirling' });
				await page.getByTestId('compare-figures').waitFor();
			}
			expect(await seriousViolations(page, '[data-testid="insight-section"]'), tab).toEqual([]);
		}
	});
});
