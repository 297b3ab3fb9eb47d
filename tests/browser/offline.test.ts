import { afterAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csvParse } from 'd3-dsv';
import type { BrowserContext, Page } from 'playwright-core';
import { openPage, screenshot, waitForDbReady, builtSite } from '../helpers/browser';
import { serveStatic } from '../../scripts/lib/static-server.mjs';

const site = builtSite();

describe('offline', () => {
	it('keeps working with the network cut after the first load', async () => {
		const { page, context } = await openPage(site.browser, site.server.origin, '/');
		await waitForDbReady(page);
		await page.waitForSelector('[data-offline="ready"]', { timeout: 60_000 });
		// Control passes to the worker once it has claimed the page.
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });

		await context.setOffline(true);
		await page.goto(`${site.server.origin}/?reach=cluster`);
		await waitForDbReady(page);
		const expected = csvParse(fs.readFileSync('build/data/activities.csv', 'utf8')).filter((r) => r.reach === 'cluster').length;
		await expect.poll(() => page.getByTestId('activity-count').textContent()).toBe(String(expected));
		await page.waitForSelector('[data-testid="map"][data-map-state="idle"]', { timeout: 60_000 });
		await context.setOffline(false);
	});
});

/** Every other prerendered page, opened with the network cut: the briefing draws its council, the statements their text. */
async function expectPagesOffline(page: Page, origin: string) {
	await page.goto(`${origin}/briefing/?council=S12000005`);
	await expect.poll(() => page.getByTestId('briefing-council').textContent(), { timeout: 60_000 }).toBe('Clackmannanshire');
	expect(Number(await page.getByTestId('briefing-activities').textContent())).toBeGreaterThan(0);
	await page.goto(`${origin}/accessibility/`);
	expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Accessibility statement');
	await page.goto(`${origin}/privacy/`);
	expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Privacy');
}

/*
 * Updates. A second full `vite build` would double this file's cost, so later "deploys" are made
 * from the first: the built site is copied to a temporary folder and served from there, and a
 * deploy rewrites, in place, everything that differs between two real builds as far as the
 * service worker can tell: the version string (in service-worker.js, _app/version.json and the
 * app chunk that `$app/environment` inlines it into) and the data (one activity renamed, so the
 * page shows which deploy's data it has). The footer's data-build-version shows which deploy's code
 * is running. A page with code from one deploy and data from another would show a mismatch.
 */
describe('updates after a deploy', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atlas-deploy-'));
	let server: Awaited<ReturnType<typeof serveStatic>> | undefined;
	afterAll(async () => {
		await server?.close();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	const ACTIVITY = 'clackmannanshire-stirling-shared-social-work';
	const activityName = (deploy: number) => `Shared Social Work (deploy ${deploy})`;
	const baseVersion = JSON.parse(fs.readFileSync('build/_app/version.json', 'utf8')).version as string;
	const versionOf = (deploy: number) => String(Number(baseVersion) + deploy);

	function deploy(from: number, to: number) {
		let touched = 0;
		for (const file of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
			if (!file.isFile() || !/\.(js|json)$/.test(file.name)) continue;
			const full = path.join(file.parentPath, file.name);
			const text = fs.readFileSync(full, 'utf8');
			if (!text.includes(versionOf(from))) continue;
			fs.writeFileSync(full, text.replaceAll(versionOf(from), versionOf(to)));
			touched++;
		}
		// The worker, version.json and the app's environment chunk.
		expect(touched).toBe(3);
		const csv = path.join(dir, 'data/activities.csv');
		const data = fs.readFileSync(csv, 'utf8');
		const next = data.replace(new RegExp(`^(${ACTIVITY}),[^,]+,`, 'm'), `$1,${activityName(to)},`);
		expect(next).not.toBe(data);
		fs.writeFileSync(csv, next);
	}

	/** Which deploy's code and which deploy's data the page is running. */
	async function running(page: Page): Promise<{ code: number; data: number }> {
		await waitForDbReady(page);
		const code = Number(await page.getByTestId('site-links').first().getAttribute('data-build-version')) - Number(baseVersion);
		// The table queries once it is near the screen.
		await page.getByTestId('activity-table').scrollIntoViewIfNeeded();
		const name = await page.locator(`tr[data-id="${ACTIVITY}"] button.activity`).textContent({ timeout: 30_000 });
		const data = Number(/deploy (\d+)/.exec(name ?? '')?.[1]);
		return { code, data };
	}

	async function visit(context: BrowserContext, origin: string) {
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (error) => errors.push(error.message));
		await page.goto(`${origin}/?q=social%20work`);
		return { page, errors };
	}

	it('keeps code and data of one deploy together, offers the new one at once, and opens it on the next visit', async () => {
		fs.cpSync('build', dir, { recursive: true });
		server = await serveStatic(dir);
		deploy(0, 1);
		const context = await site.browser.newContext({ viewport: { width: 1440, height: 900 } });

		// First visit: deploy 1 is cached for offline use.
		const first = await visit(context, server.origin);
		expect(await running(first.page)).toEqual({ code: 1, data: 1 });
		await first.page.waitForSelector('[data-offline="ready"]', { timeout: 60_000 });
		await first.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
		await first.page.close();

		// Deploy 2. The returning visitor is served deploy 1 whole from the cache, and told at once.
		deploy(1, 2);
		const second = await visit(context, server.origin);
		expect(await running(second.page)).toEqual({ code: 1, data: 1 });
		await second.page.waitForSelector('[data-update="waiting"]', { timeout: 60_000 });
		expect(await second.page.getByTestId('update-notice').textContent()).toContain('A new version is available: reload');
		await screenshot(second.page, 'update-notice-1440');
		// Still deploy 1 in full while the new one waits.
		expect(await running(second.page)).toEqual({ code: 1, data: 1 });
		// A second tab of deploy 1, left open while the first one reloads.
		const other = await visit(context, server.origin);
		expect(await running(other.page)).toEqual({ code: 1, data: 1 });
		await Promise.all([second.page.waitForEvent('load', { timeout: 60_000 }), second.page.getByTestId('update-reload').click()]);
		expect(await running(second.page)).toEqual({ code: 2, data: 2 });
		expect(await second.page.getAttribute('[data-testid="update-notice"]', 'data-update')).toBe('none');
		// The other tab keeps what it loaded, whole, and offers the reload too.
		await other.page.waitForSelector('[data-update="stale"]', { timeout: 30_000 });
		expect(await running(other.page)).toEqual({ code: 1, data: 1 });
		await other.page.close();

		// Deploy 3, found by the open tab's own check; the visitor ignores the notice and closes the tab.
		deploy(2, 3);
		await second.page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
		await second.page.waitForSelector('[data-update="waiting"]', { timeout: 60_000 });
		await second.page.close();
		// With its last tab closed, the waiting worker takes over by itself. A visit that raced the
		// hand-over would still be deploy 2's, so the visit waits for it, as a person's next one would.
		await expect
			.poll(async () => {
				for (const worker of context.serviceWorkers()) {
					const seen = await worker
						.evaluate(async () => ({ state: (self as unknown as { serviceWorker: ServiceWorker }).serviceWorker.state, caches: await caches.keys() }))
						.catch(() => undefined);
					if (seen?.state === 'activated' && seen.caches.join() === `atlas-${versionOf(3)}`) return true;
				}
				return false;
			}, { timeout: 30_000 })
			.toBe(true);
		// The next visit opens deploy 3, code and data together, with nothing to reload.
		const third = await visit(context, server.origin);
		expect(await running(third.page)).toEqual({ code: 3, data: 3 });
		expect(await third.page.getAttribute('[data-testid="update-notice"]', 'data-update')).toBe('none');

		// And with the network cut, every page of deploy 3 opens from the cache.
		await third.page.waitForSelector('[data-offline="ready"]', { timeout: 60_000 });
		await context.setOffline(true);
		await third.page.goto(`${server.origin}/?q=social%20work`);
		expect(await running(third.page)).toEqual({ code: 3, data: 3 });
		await expectPagesOffline(third.page, server.origin);
		for (const p of ['/accessibility/', '/privacy/']) {
			await third.page.goto(`${server.origin}${p}`);
			// The version of the code running, once it has taken the page over (the HTML carries the build's).
			await expect.poll(() => third.page.getByTestId('site-links').getAttribute('data-build-version')).toBe(versionOf(3));
		}
		expect([...first.errors, ...second.errors, ...other.errors, ...third.errors]).toEqual([]);
		await context.close();
	}, 300_000);
});
