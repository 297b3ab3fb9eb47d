// Screenshots of the built site at the four sizes the Atlas is used at (a projector, a laptop, a
// tablet, a phone), and the README's pictures: `npm run screenshots` after `npm run build`.
// Writes to screenshots/ (ignored by git) and, with --readme, refreshes docs/*.png.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, serveStatic } from './lib/static-server.mjs';

const SIZES = [
	{ name: 'projector', width: 1920, height: 1080 },
	{ name: 'laptop', width: 1440, height: 900 },
	{ name: 'tablet', width: 768, height: 1024 },
	{ name: 'phone', width: 390, height: 844 }
];
/** Views worth looking at; each is shot at every size. */
const VIEWS = [
	{ name: 'default', query: '' },
	{ name: 'council', query: 'sel=council:S12000047' },
	{ name: 'no-match', query: 'area=legal' },
	{ name: 'network', query: 'insight=network' },
	// Issue 12: the map under a council filter, the start-year chart, dates in the table, the finder's offers.
	{ name: 'council-filter', query: 'council=S12000008&area=transport_highways' },
	{ name: 'timeline', query: '', scrollTo: '[data-testid="chart-startYears"]' },
	{ name: 'table', query: 'q=scotland+excel', scrollTo: '[data-testid="activity-table"]' },
	{ name: 'opportunities', query: 'insight=opportunities&opp=S12000047~transport_highways', scrollTo: '[data-testid="insight-section"]' }
];
/** The README's pictures: one view each, at the laptop size, scrolled to the part they show. */
const README = [
	{ file: 'dashboard.png', query: 'sel=council:S12000008', scrollTo: undefined },
	{ file: 'opportunities.png', query: 'insight=opportunities&opp=S12000047&map=-3.6,56.3,6.6', scrollTo: '[data-testid="insight-section"]' },
	{ file: 'network.png', query: 'insight=network', scrollTo: '[data-testid="insight-section"]' }
];

const readme = process.argv.includes('--readme');
const out = path.resolve('screenshots');
fs.mkdirSync(out, { recursive: true });
const server = await serveStatic(path.resolve('build'));
const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });

async function open(query, viewport) {
	const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
	const page = await context.newPage();
	await page.goto(`${server.origin}/?${query}`);
	await page.waitForSelector('[data-db-state="ready"]', { timeout: 60_000 });
	await page.waitForSelector('[data-testid="map"][data-map-state="idle"]', { timeout: 60_000 }).catch(() => undefined);
	await page.waitForTimeout(800);
	return { page, context };
}

try {
	for (const view of VIEWS)
		for (const size of SIZES) {
			const { page, context } = await open(view.query, { width: size.width, height: size.height });
			if (view.scrollTo) {
				await page.locator(view.scrollTo).evaluate((element) => element.scrollIntoView({ block: 'center' }));
				await page.waitForTimeout(500);
			}
			const file = path.join(out, `${view.name}-${size.name}.png`);
			await page.screenshot({ path: file });
			console.log(file);
			await context.close();
		}
	if (readme)
		for (const shot of README) {
			const { page, context } = await open(shot.query, { width: 1440, height: 900 });
			if (shot.scrollTo) {
				await page.locator(shot.scrollTo).evaluate((element) => element.scrollIntoView({ block: 'start' }));
				await page.waitForTimeout(500);
			}
			const file = path.resolve('docs', shot.file);
			await page.screenshot({ path: file });
			console.log(file);
			await context.close();
		}
} finally {
	await browser.close();
	await server.close();
}
