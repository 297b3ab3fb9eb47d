/**
 * Real-browser harness: serves the built static site from build/ on 127.0.0.1 and drives
 * Debian's Chromium through playwright-core (its own browser download cannot run here).
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath, serveStatic } from '../../scripts/lib/static-server.mjs';

export { chromiumPath };

export async function serveBuild(): Promise<{ origin: string; close(): Promise<void> }> {
	return serveStatic(path.resolve('build'));
}

export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
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

export async function waitForDbReady(page: Page, timeout = 60_000) {
	await page.waitForSelector('[data-db-state="ready"]', { timeout });
}

export async function screenshot(page: Page, name: string) {
	fs.mkdirSync('test-results', { recursive: true });
	await page.screenshot({ path: path.join('test-results', `${name}.png`) });
}
