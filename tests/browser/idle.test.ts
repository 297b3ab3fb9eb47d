/**
 * A page left alone must leave the query engine alone. An effect that read the detail it then
 * assigned re-ran itself for ever once anything was selected: thousands of messages to the
 * DuckDB worker every 10 s, the fan on and the battery draining on a presenter's laptop.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitForDbReady, builtSite } from '../helpers/browser';

const site = builtSite();

const FIFE = 'S12000047';
const EAST_AYRSHIRE = 'S12000008';
const SOUTH_AYRSHIRE = 'S12000028';
const IDLE_MS = 10_000;

type Counts = { duckdb: number; other: number };

/** Counts every message the page posts to a worker, by worker: DuckDB's, or others (MapLibre's, the import's). */
function countWorkerMessages() {
	const counts = { duckdb: 0, other: 0 };
	(window as unknown as { __workerMessages: typeof counts }).__workerMessages = counts;
	const NativeWorker = window.Worker;
	const kinds = new WeakMap<Worker, keyof typeof counts>();
	window.Worker = new Proxy(NativeWorker, {
		construct(target, args: [string | URL, WorkerOptions?]) {
			const worker = Reflect.construct(target, args) as Worker;
			kinds.set(worker, String(args[0]).includes('duckdb') ? 'duckdb' : 'other');
			return worker;
		}
	});
	const post = NativeWorker.prototype.postMessage as (...args: unknown[]) => void;
	NativeWorker.prototype.postMessage = function (this: Worker, ...args: unknown[]) {
		counts[kinds.get(this) ?? 'other']++;
		return post.apply(this, args);
	};
}

const readCounts = (page: Page) => page.evaluate(() => ({ ...(window as unknown as { __workerMessages: Counts }).__workerMessages }));

/** Waits until the engine has had no message for `quietMs` (or gives up after `limitMs`: a loop never goes quiet). */
async function settle(page: Page, quietMs = 1500, limitMs = 10_000) {
	const started = Date.now();
	let last = await readCounts(page);
	let quietSince = Date.now();
	while (Date.now() - started < limitMs && Date.now() - quietSince < quietMs) {
		await page.waitForTimeout(250);
		const now = await readCounts(page);
		if (now.duckdb !== last.duckdb) quietSince = Date.now();
		last = now;
	}
}

/** Each view holds one kind of selection and one Insight tab, so four pages cover all seven. */
const VIEWS: { name: string; query: string; detail: string; insight: string }[] = [
	{ name: 'council + opportunities', query: `sel=council:${FIFE}&insight=opportunities&opp=${FIFE}`, detail: 'council', insight: 'opportunity-finder' },
	{ name: 'link + network', query: `sel=link:${EAST_AYRSHIRE}~${SOUTH_AYRSHIRE}&insight=network`, detail: 'link', insight: 'council-matrix' },
	{ name: 'activity + spectrum', query: 'sel=activity:ayrshire-roads-alliance&insight=spectrum', detail: 'activity', insight: 'spectrum-table' },
	{
		name: 'council + compare',
		query: `sel=council:${EAST_AYRSHIRE}&insight=compare&compare=${EAST_AYRSHIRE}~${SOUTH_AYRSHIRE}`,
		detail: 'council',
		insight: 'compare-figures'
	}
];

describe('a page left alone', () => {
	it('sends the query engine no message for 10 idle seconds, whatever is selected and whichever Insight tab is open', async () => {
		const pages: { name: string; page: Page; errors: string[] }[] = [];
		for (const view of VIEWS) {
			const context = await site.browser.newContext({ viewport: { width: 1440, height: 900 } });
			await context.addInitScript(countWorkerMessages);
			const page = await context.newPage();
			const errors: string[] = [];
			page.on('pageerror', (error) => errors.push(error.message));
			await page.goto(`${site.server.origin}/?${view.query}`);
			await waitForDbReady(page);
			// Not vacuous: the selection and the tab have really been answered.
			await page.locator(`[data-testid="detail-panel"][data-state="${view.detail}"]`).waitFor({ timeout: 30_000 });
			await page.getByTestId(view.insight).waitFor({ state: 'attached', timeout: 30_000 });
			pages.push({ name: view.name, page, errors });
		}
		// Each page waits out its own quiet spell; they wait side by side rather than one after another.
		await Promise.all(pages.map(({ page }) => settle(page)));
		const before = await Promise.all(pages.map(({ page }) => readCounts(page)));
		// All four idle at once: one 10 s wait rather than four.
		await pages[0].page.waitForTimeout(IDLE_MS);
		const after = await Promise.all(pages.map(({ page }) => readCounts(page)));
		const sent = Object.fromEntries(pages.map(({ name }, i) => [name, after[i].duckdb - before[i].duckdb]));
		expect(sent).toEqual(Object.fromEntries(VIEWS.map((v) => [v.name, 0])));
		for (const { errors } of pages) expect(errors).toEqual([]);
		await Promise.all(pages.map(({ page }) => page.context().close()));
	});
});
