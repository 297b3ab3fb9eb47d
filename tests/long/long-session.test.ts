import { describe, expect, it } from 'vitest';
import { openPage, builtSite } from '../helpers/browser';
import { longSession } from '../../scripts/lib/long-session.mjs';

const site = builtSite();

/*
 * A working session's worth of filtering: 200 filter clicks in a row on the embedded data, each
 * waited for until every view has redrawn. Nothing may throw, and the page's JS heap after garbage
 * collection must not grow by 10% over the last 100 clicks (a leak of one result set or one map
 * layer per click would pass that by far). The first 100 are the warm-up: the engine keeps up to
 * 256 recent answers (engine.ts), and this click sequence fills that cache in about 100 clicks; the
 * heap grows while it fills (about 18% from click 20 to click 100, measured) and is flat after
 * it. The bench (`npm run bench -- --long-session`) prints the heap every 50 clicks from click 20,
 * on the embedded data and on 100,000 synthetic rows, which is too slow for every test run.
 */
describe('long session', () => {
	it('takes 200 filter clicks on the embedded data with no error and no heap growth', async () => {
		const { page, errors } = await openPage(site.browser, site.server.origin, '/');
		await page.waitForFunction(() => performance.getEntriesByName('atlas:interactive', 'measure').length > 0, undefined, { timeout: 90_000 });
		const result = await longSession(page, { clicks: 100, warmup: 100 });
		expect(errors).toEqual([]);
		expect(Math.abs(result.growth), `heap after GC: ${result.samples.map((s) => `${s.clicks} clicks ${(s.heap / 1e6).toFixed(2)} MB`).join(', ')}`).toBeLessThan(0.1);
		// Every click changed the view: the last one still drew every view.
		expect(await page.evaluate(() => performance.getEntriesByName('atlas:filter-update', 'measure').length)).toBeGreaterThanOrEqual(200);
		await page.context().close();
	}, 240_000);
});
