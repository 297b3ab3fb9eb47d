/**
 * Nothing a user saved is lost: their slides and their imported dataset, through shared deck
 * links, two tabs, a full store and damaged records, each checked intact after a reload.
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { csvParse } from 'd3-dsv';
import { encodeDeck } from '../../src/lib/state/slides';
import { TABLE_NAMES } from '../../src/lib/data/schema';
import { builtSite, EXHAUSTIVE, screenshot, seriousViolations, waitForDbReady } from '../helpers/browser';

const site = builtSite();
const EMBEDDED = csvParse(fs.readFileSync('build/data/activities.csv', 'utf8')).length;

const mine = [
	{ title: 'Roads in the west', query: 'area=transport_highways' },
	{ title: 'Clusters of neighbours', query: 'reach=cluster' },
	{ title: 'Statutory groupings', query: 'kind=public_record' }
];
const colleagues = [{ title: 'Colleague’s Fife view', query: 'sel=council%3AS12000047' }];

async function newContext(): Promise<BrowserContext> {
	return site.browser.newContext({ viewport: { width: 1440, height: 900 }, deviceScaleFactor: 1 });
}

/** A page of the dashboard, with its page errors recorded; ready to answer unless `quick`. */
async function dashboard(context: BrowserContext, query = '', { quick = false } = {}) {
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (error) => errors.push(error.message));
	await page.goto(`${site.server.origin}/${query}`);
	await (quick ? started(page) : waitForDbReady(page));
	return { page, errors };
}

async function reload(page: Page) {
	await page.reload();
	await waitForDbReady(page);
}

/**
 * The page once its scripts run (the engine has started loading), for the slides, which do not
 * wait for the data: far quicker than waiting for the engine on a loaded machine.
 */
const started = (page: Page) =>
	page.waitForFunction(() => {
		const state = document.querySelector('[data-db-state]')?.getAttribute('data-db-state');
		return state !== undefined && state !== null && state !== 'idle';
	});

async function quickReload(page: Page) {
	await page.reload();
	await started(page);
}

const panel = (page: Page) => page.getByTestId('slides-panel');
const slideTitles = (page: Page) => panel(page).locator('ol .title').allTextContents();
const badge = (page: Page) => page.getByTestId('dataset-badge').textContent();
const grandTotal = async (page: Page) => Number(await page.getByTestId('activity-total').textContent());

/** The decks as stored: [name, slide titles] for each, or the raw text if it is not the decks format. */
const storedDecks = (page: Page) =>
	page.evaluate(() => {
		const text = localStorage.getItem('atlas-slides');
		try {
			const record = JSON.parse(text ?? 'null');
			return record?.decks ? record.decks.map((d: { name: string; slides: { title: string }[] }) => [d.name, d.slides.map((s) => s.title)]) : text;
		} catch {
			return text;
		}
	});

async function saveSlide(page: Page, title: string) {
	if ((await panel(page).getAttribute('open')) === null) await panel(page).locator('summary').click();
	await page.locator('#slide-title').fill(title);
	await page.getByTestId('save-slide').click();
}

/** Puts a record in the import store, as an earlier visit (or another version) left it. */
async function putStoredImport(page: Page, record: unknown) {
	await page.evaluate(async (record) => {
		await new Promise<void>((resolve, reject) => {
			const request = indexedDB.open('council-collaboration-atlas', 1);
			request.onupgradeneeded = () => request.result.createObjectStore('datasets');
			request.onerror = () => reject(request.error);
			request.onsuccess = () => {
				const tx = request.result.transaction('datasets', 'readwrite');
				tx.objectStore('datasets').put(record, 'import');
				tx.oncomplete = () => {
					request.result.close();
					resolve();
				};
				tx.onerror = () => reject(tx.error);
			};
		});
	}, record);
}

/** Whether the import store holds a record, read straight from IndexedDB. */
const storedImportKept = (page: Page) =>
	page.evaluate(
		() =>
			new Promise<boolean>((resolve, reject) => {
				const request = indexedDB.open('council-collaboration-atlas', 1);
				request.onupgradeneeded = () => request.result.createObjectStore('datasets');
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const get = request.result.transaction('datasets').objectStore('datasets').get('import');
					get.onsuccess = () => {
						request.result.close();
						resolve(get.result !== undefined);
					};
					get.onerror = () => reject(get.error);
				};
			})
	);

/** The embedded tables, as the page can fetch them, to build stored records from. */
const embeddedFiles = (page: Page) =>
	page.evaluate(async (tables) => {
		const texts = await Promise.all(tables.map((t) => fetch(`/data/${t}.csv`).then((r) => r.text())));
		return Object.fromEntries(tables.map((t, i) => [t, texts[i]]));
	}, TABLE_NAMES);

describe('slides: nothing saved is lost', () => {
	it('opens a colleague’s deck link beside the presenter’s own three slides, which survive a reload', async () => {
		const context = await newContext();
		const first = await dashboard(context, '', { quick: true });
		// Three slides saved by the version before named decks: they must come through as the presenter's own deck.
		await first.page.evaluate((slides) => localStorage.setItem('atlas-slides', JSON.stringify(slides)), mine);
		await first.page.close();

		const { page, errors } = await dashboard(context, `?deck=${encodeDeck(colleagues)}`);
		await expect.poll(() => slideTitles(page)).toEqual(['Colleague’s Fife view']);
		const notice = page.getByTestId('deck-notice');
		await expect.poll(() => notice.textContent()).toMatch(/opened as a deck of their own, “Shared deck \(1 slide\), opened \d+ \w+”\. Your deck “My slides” \(3 slides\) is\s+kept/);
		expect(await storedDecks(page)).toEqual([
			['My slides', mine.map((s) => s.title)],
			[expect.stringMatching(/^Shared deck \(1 slide\), opened/), ['Colleague’s Fife view']]
		]);
		expect(await seriousViolations(page)).toEqual([]);
		await screenshot(page, 'persistence-shared-deck-opened');

		// By keyboard: the notice's button shows the presenter's own deck again.
		await page.getByTestId('show-own-deck').focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => slideTitles(page)).toEqual(mine.map((s) => s.title));
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('deck-outcome');
		// The switcher offers both decks.
		const options = await page.locator('#deck-choice option').allTextContents();
		expect(options).toEqual(['My slides – 3 slides', expect.stringMatching(/^Shared deck \(1 slide\), opened .* – 1 slide$/)]);
		await screenshot(page, 'persistence-deck-switcher');
		await page.setViewportSize({ width: 390, height: 844 });
		await page.getByTestId('filters-toggle').click();
		await page.locator('#deck-choice').scrollIntoViewIfNeeded();
		await screenshot(page, 'persistence-deck-switcher-390');
		await page.getByTestId('filters-toggle').click();
		await page.setViewportSize({ width: 1440, height: 900 });

		await quickReload(page);
		await expect.poll(() => slideTitles(page)).toEqual(mine.map((s) => s.title));
		expect(await page.getByTestId('deck-notice').count()).toBe(0);
		expect((await storedDecks(page)).map((d: [string, string[]]) => d[1].length)).toEqual([3, 1]);

		// Choosing the shared deck and reloading keeps the choice; nothing is added twice.
		await page.locator('#deck-choice').selectOption({ index: 1 });
		await expect.poll(() => slideTitles(page)).toEqual(['Colleague’s Fife view']);
		await quickReload(page);
		await expect.poll(() => slideTitles(page)).toEqual(['Colleague’s Fife view']);
		expect(await storedDecks(page)).toHaveLength(2);

		// Removing a deck asks first, and the answer "Keep it" keeps it.
		await page.getByTestId('remove-deck').click();
		await page.getByRole('button', { name: 'Keep it' }).waitFor();
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep it');
		await page.keyboard.press('Enter');
		expect(await storedDecks(page)).toHaveLength(2);
		await page.getByTestId('remove-deck').click();
		await page.getByTestId('remove-deck-confirm').click();
		await expect.poll(() => slideTitles(page)).toEqual(mine.map((s) => s.title));
		await quickReload(page);
		expect(await storedDecks(page)).toEqual([['My slides', mine.map((s) => s.title)]]);
		expect(errors).toEqual([]);
		await context.close();
	}, 180_000);

	it('keeps a slide saved in each of two tabs; each tab shows the other’s at once, and both survive a reload', async () => {
		const context = await newContext();
		const a = await dashboard(context, '', { quick: true });
		const b = await dashboard(context, '', { quick: true });
		await saveSlide(a.page, 'Saved in tab A');
		// Tab B hears of it through the storage event, without a reload.
		await expect.poll(() => slideTitles(b.page)).toEqual(['Saved in tab A']);
		await saveSlide(b.page, 'Saved in tab B');
		await expect.poll(() => slideTitles(a.page)).toEqual(['Saved in tab A', 'Saved in tab B']);
		// Tab A deletes its slide: tab B follows, and the deletion is not undone by B's next save.
		await a.page.getByRole('button', { name: 'Delete slide 1: Saved in tab A' }).click();
		await expect.poll(() => slideTitles(b.page)).toEqual(['Saved in tab B']);
		await saveSlide(b.page, 'Saved in tab B again');
		await expect.poll(() => slideTitles(a.page)).toEqual(['Saved in tab B', 'Saved in tab B again']);
		for (const tab of [a, b]) {
			await quickReload(tab.page);
			await expect.poll(() => slideTitles(tab.page)).toEqual(['Saved in tab B', 'Saved in tab B again']);
			expect(tab.errors).toEqual([]);
		}
		expect(await storedDecks(a.page)).toEqual([['My slides', ['Saved in tab B', 'Saved in tab B again']]]);
		await context.close();
	});

	it('names the slide a full store did not save, and the slides saved before are intact after a reload', async () => {
		const context = await newContext();
		// A full store, switched on from the test: every localStorage write then fails as Chromium's does.
		await context.addInitScript(() => {
			const setItem = Storage.prototype.setItem;
			Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
				if ((window as unknown as { storageFull?: boolean }).storageFull && this === window.localStorage)
					throw new DOMException("Failed to execute 'setItem' on 'Storage': Setting the value exceeded the quota.", 'QuotaExceededError');
				return setItem.call(this, key, value);
			};
		});
		const { page, errors } = await dashboard(context, '', { quick: true });
		await saveSlide(page, 'Saved before the store filled');
		await page.evaluate(() => ((window as unknown as { storageFull: boolean }).storageFull = true));
		await saveSlide(page, 'Not saved: no room');
		const alert = page.getByTestId('slides-not-saved');
		await expect
			.poll(() => alert.textContent())
			.toBe(
				'Slide “Not saved: no room” was not saved: this browser’s storage is full. Until a save succeeds, it lives only in this page’s address; use “Export slides” to keep a copy.'
			);
		expect(await seriousViolations(page, '[data-testid="slides-panel"]')).toEqual([]);
		await screenshot(page, 'persistence-slides-quota');
		expect(await storedDecks(page)).toEqual([['My slides', ['Saved before the store filled']]]);

		// The stored deck was not damaged by the failed write; after a reload (room again) the slide
		// the address still held is saved with it.
		await quickReload(page);
		await expect.poll(() => slideTitles(page)).toEqual(['Saved before the store filled', 'Not saved: no room']);
		expect(await storedDecks(page)).toEqual([['My slides', ['Saved before the store filled', 'Not saved: no room']]]);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('says when the saved slides are damaged, keeps them until the presenter discards them, and tries again on request', async () => {
		const context = await newContext();
		const { page, errors } = await dashboard(context, '', { quick: true });
		// Each case costs three page loads. By default: a record cut short and one partly read; every
		// reason's wording is unit-tested (deck-store.test.ts), and ATLAS_EXHAUSTIVE=1 adds the rest here.
		const damaged = [
			{ text: '[{"title":"Roads in the we', says: /could not be read \(the saved record is not valid JSON; it may have been cut short\)/ },
			{ text: 'null', says: /could not be read \(the saved record is not a list of slides\)/, sampled: true },
			{
				text: '{"format":"council-collaboration-atlas/decks","version":9,"decks":[]}',
				says: /could not be read \(it was saved by another version of the Atlas\)/,
				sampled: true
			},
			{
				text: JSON.stringify([mine[0], { title: 'x'.repeat(500), query: '' }, mine[1]]),
				says: /2 slides saved in this browser were restored, but\s+1 could not be read: Slide 2's title is longer than 120 characters\./,
				partly: true
			}
		];
		/** A fresh visit (no deck in the address, no deck chosen in this tab) with `text` stored. */
		const visitWith = async (text: string) => {
			await page.evaluate((text) => {
				sessionStorage.clear();
				localStorage.setItem('atlas-slides', text);
			}, text);
			await page.goto(`${site.server.origin}/`);
			await started(page);
		};
		for (const [i, { text, says, partly }] of damaged.filter((d) => EXHAUSTIVE || !d.sampled).entries()) {
			await visitWith(text);
			const notice = page.getByTestId('deck-notice');
			await expect.poll(() => notice.textContent()).toMatch(says);
			expect(await notice.textContent()).toContain('Nothing has been deleted');
			if (i === 0) {
				expect(await seriousViolations(page)).toEqual([]);
				await screenshot(page, 'persistence-slides-damaged');
			}
			// A slide saved meanwhile does not overwrite the damaged record, and the panel says it is not saved.
			await saveSlide(page, 'Made while damaged');
			await expect.poll(() => page.getByTestId('slides-held').count()).toBe(1);
			expect(await page.evaluate(() => localStorage.getItem('atlas-slides'))).toBe(text);
			// Kept across a reload, with the slide made meanwhile (it was in the address).
			await quickReload(page);
			await expect.poll(() => slideTitles(page)).toContain('Made while damaged');
			await expect.poll(() => notice.textContent()).toMatch(says);
			expect(await page.evaluate(() => localStorage.getItem('atlas-slides'))).toBe(text);
			await page.getByTestId('deck-retry').click();
			await expect.poll(() => notice.textContent()).toMatch(/^\s*Tried again/);
			await page.getByTestId('deck-discard').click();
			await expect.poll(() => page.getByTestId('deck-outcome').textContent()).toMatch(/discarded/);
			await quickReload(page);
			expect(await page.getByTestId('deck-notice').count()).toBe(0);
			const kept = partly ? [mine[0].title, mine[1].title, 'Made while damaged'] : ['Made while damaged'];
			expect(await storedDecks(page)).toEqual([['My slides', kept]]);
		}

		// Another tab (or a newer version) mends the record: "Try again" takes it back, with slides made meanwhile.
		await visitWith('{broken');
		await page.getByTestId('deck-notice').waitFor();
		await saveSlide(page, 'Made meanwhile');
		await page.evaluate((slides) => localStorage.setItem('atlas-slides', JSON.stringify(slides)), mine);
		await page.getByTestId('deck-retry').click();
		await expect.poll(() => page.getByTestId('deck-outcome').textContent()).toMatch(/read in full this time/);
		await quickReload(page);
		expect(await storedDecks(page)).toEqual([
			['My slides', mine.map((s) => s.title)],
			['My slides', ['Made meanwhile']]
		]);
		expect(errors).toEqual([]);
		await context.close();
	}, 300_000);
});

describe('the imported dataset: nothing saved is lost', () => {
	const source = { kind: 'imported', fileName: 'council-survey.csv', activities: 3, importedAt: '2026-11-30T09:00:00Z' };

	it('keeps a stored import that will not load, says why, and only “Discard it” deletes it', async () => {
		const context = await newContext();
		const { page, errors } = await dashboard(context);
		const embedded = await embeddedFiles(page);
		const threeRows = (activities: string) => activities.split('\n').slice(0, 4).join('\n') + '\n';
		// Each case costs a reload with a real engine start. By default: an empty record, one the page
		// refuses before the engine (another version) and the two only the engine finds; every
		// refusal's wording is unit-tested (storedImportProblem), and ATLAS_EXHAUSTIVE=1 adds the rest here.
		const cases: { record: unknown; reason: string | RegExp; sampled?: true }[] = [
			{ record: null, reason: 'the saved record is empty' },
			{ record: 'a string', reason: 'the saved record is text, not a dataset', sampled: true },
			{ record: { version: 1, files: embedded, source }, reason: 'it was saved by another version of the Atlas' },
			{ record: { version: 2, files: { ...embedded, sources: undefined }, source }, reason: 'the saved record lacks the sources table', sampled: true },
			{ record: { version: 2, files: { ...embedded, councils: 42 }, source }, reason: 'the saved councils table is not text', sampled: true },
			{
				record: { version: 2, files: { ...embedded, activities: embedded.activities.split('\n')[0] + '\n' }, source },
				reason: 'its activities table holds 0 activities, not the 3 activities it was saved with'
			},
			// Well formed, but the query engine cannot read its survey years as numbers.
			{
				record: { version: 2, files: { ...embedded, activities: threeRows(embedded.activities), survey_tables: 'table_id,table_title,survey_round\nx,y,not-a-year\n' }, source },
				reason: /^[^()]+$/
			}
		];
		for (const [i, { record, reason }] of cases.filter((c) => EXHAUSTIVE || !c.sampled).entries()) {
			await putStoredImport(page, record);
			await reload(page);
			const notice = page.getByTestId('stored-import-notice');
			const text = () => page.getByTestId('stored-import-reason').textContent();
			await notice.waitFor();
			const said = (await text())!.replace(/\s+/g, ' ').trim();
			const named = typeof record === 'object' && record ? ', “council-survey.csv” (3 activities, imported 30 Nov 2026),' : '';
			const match = said.match(/^The dataset imported earlier(.*) could not be loaded \((.+)\), so the embedded dataset is showing\. The import is still stored in this browser: nothing has been deleted\.$/);
			expect(match, said).not.toBeNull();
			expect(match![1]).toBe(named);
			if (typeof reason === 'string') expect(match![2]).toBe(reason);
			else expect(match![2]).toMatch(reason);
			expect(await badge(page)).toBe('Embedded dataset');
			await expect.poll(() => grandTotal(page)).toBe(EMBEDDED);
			expect(await storedImportKept(page)).toBe(true);
			if (i === 0) {
				expect(await seriousViolations(page)).toEqual([]);
				await screenshot(page, 'persistence-import-unloadable');
				await page.setViewportSize({ width: 390, height: 844 });
				await screenshot(page, 'persistence-import-unloadable-390');
				await page.setViewportSize({ width: 1440, height: 900 });
				// Still stored after a reload, and still said.
				await reload(page);
				await notice.waitFor();
				expect(await storedImportKept(page)).toBe(true);
			}
			await page.getByTestId('stored-import-retry').click();
			await expect.poll(text).toMatch(/^\s*Tried again: the dataset imported earlier/);
			expect(await storedImportKept(page)).toBe(true);
			await page.getByTestId('stored-import-discard').click();
			await expect.poll(() => page.getByTestId('stored-import-outcome').textContent()).toMatch(/The stored import was discarded/);
			expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('stored-import-outcome');
			expect(await storedImportKept(page)).toBe(false);
		}
		// Discarded: the next visit is quiet.
		await reload(page);
		expect(await page.getByTestId('stored-import-notice').count()).toBe(0);
		expect(await badge(page)).toBe('Embedded dataset');

		// Mended meanwhile (say, by another tab): "Try again" loads it.
		await putStoredImport(page, null);
		await reload(page);
		await page.getByTestId('stored-import-notice').waitFor();
		await putStoredImport(page, { version: 2, files: embedded, source: { ...source, fileName: 'mended.csv', activities: EMBEDDED } });
		await page.getByTestId('stored-import-retry').click();
		await expect.poll(() => badge(page)).toBe(`Imported: mended.csv (${EMBEDDED} activities)`);
		await expect.poll(() => page.getByTestId('stored-import-outcome').textContent()).toMatch(/It loaded this time/);
		await reload(page);
		await expect.poll(() => badge(page)).toBe(`Imported: mended.csv (${EMBEDDED} activities)`);
		expect(errors).toEqual([]);
		await context.close();
	}, 400_000);

	it('asks before returning to the embedded data; Cancel (or Escape) keeps the import, stored, after a reload', async () => {
		const context = await newContext();
		const { page, errors } = await dashboard(context);
		const embedded = await embeddedFiles(page);
		await putStoredImport(page, { version: 2, files: embedded, source: { ...source, fileName: 'kept.csv', activities: EMBEDDED } });
		await reload(page);
		const importedBadge = `Imported: kept.csv (${EMBEDDED} activities)`;
		await expect.poll(() => badge(page)).toBe(importedBadge);

		const dialog = page.getByTestId('return-dialog');
		await page.getByTestId('return-embedded').click();
		await dialog.waitFor({ state: 'visible' });
		expect(await dialog.textContent()).toContain(`The data imported from kept.csv (${EMBEDDED} activities) will be removed from this browser.`);
		// The safe answer has the focus.
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('return-cancel');
		expect(await seriousViolations(page, 'dialog[open]')).toEqual([]);
		await screenshot(page, 'persistence-return-confirm');
		await page.setViewportSize({ width: 390, height: 844 });
		await screenshot(page, 'persistence-return-confirm-390');
		await page.setViewportSize({ width: 1440, height: 900 });
		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'hidden' });
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('return-embedded');
		await page.getByTestId('return-embedded').click();
		await page.getByTestId('return-cancel').click();
		await dialog.waitFor({ state: 'hidden' });
		expect(await badge(page)).toBe(importedBadge);
		await reload(page);
		await expect.poll(() => badge(page)).toBe(importedBadge);

		await page.getByTestId('return-embedded').click();
		await page.getByTestId('return-confirm').click();
		await expect.poll(() => badge(page)).toBe('Embedded dataset');
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-open');
		await reload(page);
		await expect.poll(() => badge(page)).toBe('Embedded dataset');
		expect(await storedImportKept(page)).toBe(false);
		expect(errors).toEqual([]);
		await context.close();
	}, 180_000);

	it('says which import a full store did not save; after a reload the data saved before it is intact', async () => {
		const context = await newContext();
		await context.addInitScript(() => {
			const put = IDBObjectStore.prototype.put;
			IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
				if ((window as unknown as { storageFull?: boolean }).storageFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
				return put.apply(this, args);
			};
		});
		const { page, errors } = await dashboard(context);
		await page.evaluate(() => ((window as unknown as { storageFull: boolean }).storageFull = true));
		await page.getByTestId('import-open').click();
		await page.getByTestId('import-file').setInputFiles(path.resolve('tests/fixtures/import/good-survey.csv'));
		await page.getByTestId('import-check').click();
		await page.getByTestId('import-accept').click();
		await expect.poll(() => badge(page)).toBe('Imported: good-survey.csv (6 activities)');
		await expect
			.poll(() => page.getByTestId('dataset-notice').textContent())
			.toBe(
				'good-survey.csv (6 activities) is showing but was not saved in this browser: this browser’s storage is full. After a reload it will be gone, and whatever was saved before shows instead; import the file again to see it.'
			);
		await screenshot(page, 'persistence-import-quota');
		await reload(page);
		await expect.poll(() => badge(page)).toBe('Embedded dataset');
		await expect.poll(() => grandTotal(page)).toBe(EMBEDDED);
		expect(await page.getByTestId('stored-import-notice').count()).toBe(0);
		expect(errors).toEqual([]);
		await context.close();
	});
});
