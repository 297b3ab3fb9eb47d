import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, screenshot, seriousViolations, waitForDbReady, builtSite } from '../helpers/browser';

const site = builtSite();

/** The footer's links, followed from `page`: each opens its page with its heading. */
async function expectFooterLinks(page: Page) {
	const links = page.getByTestId('site-links').getByRole('link');
	expect(await links.allTextContents()).toEqual(['Council Collaboration Atlas', 'Accessibility statement', 'Privacy: your data stays in this browser']);
	const statement = new URL((await page.getByTestId('site-links').getByRole('link', { name: 'Accessibility statement' }).getAttribute('href'))!, page.url());
	const privacy = new URL((await page.getByTestId('site-links').getByRole('link', { name: /^Privacy/ }).getAttribute('href'))!, page.url());
	expect(statement.pathname).toBe('/accessibility/');
	expect(privacy.pathname).toBe('/privacy/');
}

describe('accessibility statement and privacy note', () => {
	it('are linked from the footer of the dashboard and the briefing', async () => {
		const { page, errors } = await openPage(site.browser, site.server.origin, '/');
		await waitForDbReady(page);
		await expectFooterLinks(page);
		await page.getByTestId('site-links').getByRole('link', { name: 'Accessibility statement' }).click();
		await page.waitForURL('**/accessibility/');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Accessibility statement');

		await page.goto(`${site.server.origin}/briefing/?council=S12000005`);
		await page.getByTestId('briefing-council').waitFor();
		await expectFooterLinks(page);
		await page.getByTestId('site-links').getByRole('link', { name: /^Privacy/ }).click();
		await page.waitForURL('**/privacy/');
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Privacy');
		expect(errors).toEqual([]);
	});

	for (const viewport of [
		{ width: 1440, height: 900 },
		{ width: 390, height: 844 }
	]) {
		it(`are axe clean, run under the CSP and fit a ${viewport.width} px screen`, async () => {
			for (const path of ['/accessibility/', '/privacy/']) {
				const context = await site.browser.newContext({ viewport });
				const page = await context.newPage();
				const errors: string[] = [];
				const offOrigin: string[] = [];
				page.on('pageerror', (error) => errors.push(error.message));
				page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
				page.on('request', (request) => !request.url().startsWith(site.server.origin) && offOrigin.push(request.url()));
				await page.addInitScript(() => {
					const seen: string[] = [];
					(window as unknown as { cspViolations: string[] }).cspViolations = seen;
					document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
				});
				await page.goto(site.server.origin + path);
				// Hydrated: the footer marks the current page.
				await page.locator('[data-testid="site-links"] a[aria-current="page"]').waitFor();
				expect(await seriousViolations(page)).toEqual([]);
				expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
				expect(errors).toEqual([]);
				expect(offOrigin).toEqual([]);
				expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(viewport.width);
				await expectFooterLinks(page);
				await screenshot(page, `statement${path.replaceAll('/', '-')}${viewport.width}`);
				await context.close();
			}
		});
	}

	it('states the WCAG 2.2 AA status, the known exceptions, how it was tested, how to complain and when it was prepared', async () => {
		const { page } = await openPage(site.browser, site.server.origin, '/accessibility/');
		expect(await page.getByTestId('compliance-status').textContent()).toMatch(/partially compliant with the\s+Web Content Accessibility Guidelines version 2\.2\s+AA standard/);
		const exceptions = await page.getByTestId('known-exceptions').textContent();
		expect(exceptions).toContain('Councils as a list');
		expect(exceptions).toMatch(/1\.4\.13|2\.1\.1/);
		expect(exceptions).toContain('Colour on the map');
		const text = (await page.locator('main').textContent()) ?? '';
		expect(text).toContain('axe-core');
		expect(text).toContain('Equality and Human Rights Commission');
		expect(await page.getByRole('link', { name: /Equality Advisory and Support Service/ }).getAttribute('href')).toBe('https://www.equalityadvisoryservice.com/');
		expect(await page.getByTestId('statement-date').textContent()).toContain('prepared on 30 November 2026');
		await page.context().close();
	});

	it('the privacy note says nothing leaves the browser and names what is stored and how to clear it', async () => {
		const { page } = await openPage(site.browser, site.server.origin, '/privacy/');
		expect(await page.getByTestId('privacy-summary').textContent()).toContain('sends nothing anywhere');
		const stored = (await page.getByTestId('stored-items').textContent()) ?? '';
		for (const place of ['IndexedDB', 'local storage', 'cache storage']) expect(stored).toContain(place);
		expect(await page.locator('main').textContent()).toContain('Return to embedded data');
		await page.context().close();
	});
});
