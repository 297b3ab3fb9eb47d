/**
 * Real-browser harness: serves the built static site from build/ on 127.0.0.1 and drives
 * Debian's Chromium through playwright-core (its own browser download cannot run here).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';

const BUILD_DIR = path.resolve('build');
const MIME: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.mjs': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.geojson': 'application/json',
	'.csv': 'text/csv; charset=utf-8',
	'.wasm': 'application/wasm',
	'.woff2': 'font/woff2',
	'.woff': 'font/woff',
	'.png': 'image/png',
	'.svg': 'image/svg+xml',
	'.webmanifest': 'application/manifest+json'
};

export function chromiumPath(): string {
	const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[];
	const found = candidates.find((candidate) => fs.existsSync(candidate));
	if (!found) throw new Error('Chromium not found: install it with `apt-get install chromium` or set CHROMIUM_PATH');
	return found;
}

export async function serveBuild(): Promise<{ origin: string; close(): Promise<void> }> {
	if (!fs.existsSync(path.join(BUILD_DIR, 'index.html'))) throw new Error('build/ is missing: run `npm run build` first');
	const server = http.createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://localhost');
		let file = path.join(BUILD_DIR, decodeURIComponent(url.pathname));
		if (!file.startsWith(BUILD_DIR)) {
			response.writeHead(403).end();
			return;
		}
		if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
		if (!fs.existsSync(file)) {
			response.writeHead(404).end('not found');
			return;
		}
		response.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
		fs.createReadStream(file).pipe(response);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		origin: `http://127.0.0.1:${port}`,
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}

export async function launchBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: chromiumPath(),
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--use-angle=swiftshader',
			'--enable-unsafe-swiftshader',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync'
		]
	});
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
