// A long working session: many filter clicks in a row, with the page's JavaScript heap measured
// after forced garbage collection before and after. Shared by `npm run bench -- --long-session`
// and tests/browser/long-session.test.ts.

/**
 * Filter clicks, each a real click on a control a user has: checkboxes in the filter panel and
 * bars in the charts. Cycling through them turns filters on and off again, so every click
 * changes what every view shows (the bench's own sequence).
 */
export const CLICK_SEQUENCE = [
	'[data-filter="reaches"][data-value="cluster"]',
	'[data-testid="chart-types"] .hits button >> nth=0',
	'[data-filter="statuses"][data-value="operational"]',
	'[data-testid="chart-serviceAreas"] .hits button >> nth=0',
	'[data-filter="partnerTypes"][data-value="nhs"]',
	'[data-filter="sourceKinds"][data-value="report"]'
];

const UPDATE = 'atlas:filter-update';

/** One filter click, waiting until every view has redrawn (the page's own `atlas:filter-update` measure). */
export async function filterClick(page, i, timeout) {
	let target;
	// A bar may be missing when the filters leave its chart empty: take the next control that exists.
	for (let k = 0; k < CLICK_SEQUENCE.length && !target; k++) {
		const candidate = page.locator(CLICK_SEQUENCE[(i + k) % CLICK_SEQUENCE.length]);
		if ((await candidate.count()) > 0) target = candidate.first();
	}
	if (!target) throw new Error('no filter control to click');
	const before = await page.evaluate((n) => performance.getEntriesByName(n, 'measure').length, UPDATE);
	await target.click({ timeout: 10_000 });
	await page.waitForFunction(([n, c]) => performance.getEntriesByName(n, 'measure').length > c, [UPDATE, before], { timeout, polling: 50 });
}

/** The main thread's JS heap in bytes after two forced full garbage collections. */
export async function heapAfterGc(cdp) {
	await cdp.send('HeapProfiler.collectGarbage');
	await cdp.send('HeapProfiler.collectGarbage');
	const { usedSize } = await cdp.send('Runtime.getHeapUsage');
	return usedSize;
}

/**
 * `warmup` clicks (caches, JIT and the first rows of every view settle), a baseline heap, then
 * `clicks` more, sampling the heap every `every` clicks. The page must already be interactive.
 * @returns {Promise<{ baseline: number, final: number, growth: number, samples: { clicks: number, heap: number }[], clicks: number, seconds: number }>}
 */
export async function longSession(page, { clicks = 200, warmup = 20, every = 50, timeout = 60_000 } = {}) {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('HeapProfiler.enable');
	for (let i = 0; i < warmup; i++) await filterClick(page, i, timeout);
	const baseline = await heapAfterGc(cdp);
	const samples = [{ clicks: 0, heap: baseline }];
	const started = Date.now();
	for (let i = 0; i < clicks; i++) {
		await filterClick(page, warmup + i, timeout);
		if ((i + 1) % every === 0 && i + 1 < clicks) samples.push({ clicks: i + 1, heap: await heapAfterGc(cdp) });
	}
	const seconds = (Date.now() - started) / 1000;
	const final = await heapAfterGc(cdp);
	samples.push({ clicks, heap: final });
	await cdp.detach();
	return { baseline, final, growth: (final - baseline) / baseline, samples, clicks, seconds };
}
