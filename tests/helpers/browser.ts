/**
 * Real-browser harness: serves the built static site from build/ on 127.0.0.1 and drives
 * Debian's Chromium through playwright-core (its own browser download cannot run here).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { SqlRunner } from '../../src/lib/data/sql';
import { openWasmDb } from './wasm-db';
import { CHROMIUM_ARGS, chromiumPath, serveStatic } from '../../scripts/lib/static-server.mjs';

export { chromiumPath };

export async function serveBuild(): Promise<{ origin: string; close(): Promise<void> }> {
	return serveStatic(path.resolve('build'));
}

export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}

export interface BuiltSite {
	browser: Browser;
	server: Awaited<ReturnType<typeof serveBuild>>;
	/** The built data in the same engine in Node, for the SQL a page is compared with (with `db: true`). */
	db: SqlRunner & { close(): void };
}

/**
 * One static server, one Chromium and, if asked, the engine over the built data for a test file:
 * started together before its tests and closed after them. Its fields are set once started.
 */
export function builtSite({ db = false } = {}): BuiltSite {
	const site = {} as BuiltSite;
	beforeAll(async () => {
		[site.server, site.browser, site.db] = await Promise.all([
			serveBuild(),
			launchBrowser(),
			db ? openWasmDb(path.resolve('build/data')) : (undefined as unknown as BuiltSite['db'])
		]);
	});
	// A test's pages are closed when it ends, even those it leaves open (a page from a file's
	// beforeAll stays): left open, each kept its engine and map alive beside the next tests' pages.
	let before = new Set<BrowserContext>();
	beforeEach(() => {
		before = new Set(site.browser.contexts());
	});
	afterEach(async () => {
		await Promise.all(site.browser.contexts().filter((context) => !before.has(context)).map((context) => context.close()));
	});
	afterAll(async () => {
		site.db?.close();
		await site.browser?.close();
		await site.server?.close();
	});
	return site;
}

/** A page that records every request leaving the origin and every page error. */
export async function openPage(browser: Browser, origin: string, pathAndQuery = '/') {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
	const page = await context.newPage();
	const offOrigin: string[] = [];
	const errors: string[] = [];
	page.on('request', (request) => {
		const url = request.url();
		if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) offOrigin.push(url);
	});
	page.on('pageerror', (error) => errors.push(error.message));
	page.on('console', (message) => {
		if (message.type() === 'error') errors.push(message.text());
	});
	await page.goto(origin + pathAndQuery);
	return { page, offOrigin, errors, context };
}

export { EXHAUSTIVE } from './exhaustive';

export async function waitForDbReady(page: Page, timeout = 60_000) {
	await page.waitForSelector('[data-db-state="ready"]', { timeout });
}

export async function screenshot(page: Page, name: string) {
	fs.mkdirSync('test-results', { recursive: true });
	await page.screenshot({ path: path.join('test-results', `${name}.png`) });
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe's serious and critical WCAG 2.2 A/AA violations on the page, or inside `selector`. axe is
 * evaluated through the DevTools protocol: the site's Content-Security-Policy rightly refuses it
 * as an inline script.
 */
export async function seriousViolations(page: Page, selector?: string): Promise<string[]> {
	// Once per page: a second check of the same page finds axe already there.
	if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
	type Axe = { run(context: unknown, options: unknown): Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> };
	const result = await page.evaluate(
		async ({ include, tags }) => {
			const axe = (window as unknown as { axe: Axe }).axe;
			return axe.run(include ? { include: [include] } : document, { runOnly: { type: 'tag', values: tags } });
		},
		{ include: selector, tags: WCAG_TAGS }
	);
	return result.violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * The activity table's rows, read as a user would: scrolled to, since the table queries only
 * near the screen, and once it shows the current filters' rows.
 */
export async function tableRows(page: Page, selector = 'tbody tr[data-id]'): Promise<string[]> {
	const table = page.getByTestId('activity-table');
	await table.scrollIntoViewIfNeeded();
	await page.waitForSelector('[data-testid="activity-table"][data-stale="false"]');
	return table.locator(selector).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-id') ?? row.textContent?.trim() ?? ''));
}
