import { describe, expect, it } from 'vitest';
import { emptyFilters } from '../../src/lib/data/filters';
import { councilProfile } from '../../src/lib/data/queries';
import { openPage, waitForDbReady, builtSite } from '../helpers/browser';

const site = builtSite({ db: true });

describe('council briefing', () => {
	it('opens from a council profile and prints on one A4 page with SQL’s numbers', async () => {
		const code = 'S12000005';
		const { page, context, errors } = await openPage(site.browser, site.server.origin, `/?sel=council%3A${code}`);
		await waitForDbReady(page);
		const [briefing] = await Promise.all([context.waitForEvent('page'), page.getByTestId('briefing-link').click()]);
		await briefing.getByTestId('briefing-council').waitFor({ timeout: 60_000 });
		expect(await briefing.getByTestId('briefing-council').textContent()).toBe('Clackmannanshire');
		const expected = await councilProfile(site.db, code, emptyFilters());
		expect(Number(await briefing.getByTestId('briefing-activities').textContent())).toBe(expected!.activities.length);
		expect(await briefing.textContent('footer')).toContain('Crown copyright');

		const pdf = await briefing.pdf({ format: 'A4' });
		const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? [];
		expect(pages.length).toBe(1);
		expect(errors).toEqual([]);
	});

	it('says clearly when the council code is unknown', async () => {
		const { page } = await openPage(site.browser, site.server.origin, '/briefing/?council=NOPE');
		await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 60_000 }).toContain('no council with the code');
	});
});
