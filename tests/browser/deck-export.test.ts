import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { PDFDocument } from 'pdf-lib';
import type { Download, Page } from 'playwright-core';
import { decodeDeck, encodeDeck } from '../../src/lib/state/slides';
import { builtSite, openPage, seriousViolations, waitForDbReady } from '../helpers/browser';
import { WORKSHOP_DECK } from '../helpers/workshop-deck';

const site = builtSite();

/** Three of the workshop's slides: the overview, the Ayrshire cluster (zoomed, filtered) and Fife's opportunities (an Insight tab). */
const DECK = [WORKSHOP_DECK[0], WORKSHOP_DECK[2], WORKSHOP_DECK[3]];

const mapIdle = (page: Page) => page.locator('[data-testid="map"][data-map-state="idle"]').waitFor({ timeout: 60_000 });

async function download(page: Page, testId: string): Promise<{ bytes: Buffer; name: string; progress: string[] }> {
	const progress: string[] = [];
	const watch = setInterval(() => {
		void page
			.getByTestId('deck-progress')
			.textContent()
			.then((text) => text?.trim() && !progress.includes(text.trim()) && progress.push(text.trim()))
			.catch(() => {});
	}, 100);
	try {
		const [file] = (await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), page.getByTestId(testId).click()])) as [Download, void];
		return { bytes: fs.readFileSync((await file.path())!), name: file.suggestedFilename(), progress };
	} finally {
		clearInterval(watch);
	}
}

/** The address's view without the map position, and where the map is, to 0.01° and 0.05 zoom. */
function viewNow(page: Page) {
	return page.evaluate(() => {
		const params = new URLSearchParams(location.search);
		params.delete('map');
		const map = (document.querySelector('[data-testid="map"]') as unknown as { maplibre: { getCenter(): { lng: number; lat: number }; getZoom(): number } }).maplibre;
		const round = (value: number, step: number) => Math.round(value / step) * step;
		return { query: params.toString(), lon: round(map.getCenter().lng, 0.01).toFixed(2), lat: round(map.getCenter().lat, 0.01).toFixed(2), zoom: round(map.getZoom(), 0.05).toFixed(2) };
	});
}

const xmlText = (xml: string) =>
	xml
		.replace(/<[^>]+>/g, '')
		.replace(/&apos;/g, "'")
		.replace(/&quot;/g, '"')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');

describe('the deck out of the app', () => {
	it('writes a PowerPoint and a PDF handout of a three-slide deck, offline, and puts the view back', async () => {
		const { page, context, offOrigin, errors } = await openPage(site.browser, site.server.origin, `/?deck=${encodeDeck(DECK)}&area=hr`);
		await waitForDbReady(page);
		await mapIdle(page);
		const before = await viewNow(page);
		const countBefore = await page.getByTestId('activity-count').textContent();
		// Offline, as at a venue: nothing may be fetched from anywhere once the page says it works offline.
		await page.waitForSelector('[data-offline="ready"]', { timeout: 60_000 });
		await context.setOffline(true);

		const pptx = await download(page, 'download-pptx');
		expect(pptx.name).toBe('atlas-slides.pptx');
		expect(pptx.progress).toContain('PowerPoint: rendering slide 2 of 3…');
		const files = unzipSync(new Uint8Array(pptx.bytes));
		const names = Object.keys(files);
		expect(names.filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).sort()).toEqual([
			'ppt/slides/slide1.xml',
			'ppt/slides/slide2.xml',
			'ppt/slides/slide3.xml'
		]);
		const media = names.filter((name) => /^ppt\/media\/.+\.png$/.test(name));
		expect(media).toHaveLength(3);
		// Each picture is a real PNG of some size, not an empty placeholder.
		for (const name of media) {
			expect(strFromU8(files[name].subarray(1, 4))).toBe('PNG');
			expect(files[name].length).toBeGreaterThan(20_000);
		}
		const notes = names.filter((name) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(name)).map((name) => xmlText(strFromU8(files[name])));
		for (const slide of DECK) expect(notes.some((text) => text.includes(slide.notes!))).toBe(true);
		const slideText = (n: number) => xmlText(strFromU8(files[`ppt/slides/slide${n}.xml`]));
		DECK.forEach((slide, index) => {
			expect(slideText(index + 1)).toContain(slide.title);
			expect(slideText(index + 1)).toContain(slide.caption!);
			expect(slideText(index + 1)).toContain('Contains OS, ONS');
		});
		expect(slideText(2)).toContain('Council: East Ayrshire');
		expect(slideText(1)).toContain('Council Collaboration Atlas dataset');

		// The presenter's own view is back: the filter they had and the map where it was, not the last slide's.
		await expect.poll(() => viewNow(page)).toEqual(before);
		await expect.poll(() => page.getByTestId('activity-count').textContent()).toBe(countBefore);

		const pdf = await download(page, 'download-pdf');
		expect(pdf.name).toBe('atlas-slides-handout.pdf');
		const handout = await PDFDocument.load(new Uint8Array(pdf.bytes));
		expect(handout.getPageCount()).toBe(3);
		expect(handout.getTitle()).toContain('Council Collaboration Atlas');
		await expect.poll(() => viewNow(page)).toEqual(before);

		fs.mkdirSync('test-results', { recursive: true });
		fs.writeFileSync(path.join('test-results', 'deck.pptx'), pptx.bytes);
		fs.writeFileSync(path.join('test-results', 'deck.pdf'), pdf.bytes);
		expect(await page.getByTestId('slides-panel').textContent()).toContain('Downloaded 3 slides as PDF handout.');
		expect(await seriousViolations(page, '[data-testid="slides-panel"]')).toEqual([]);
		expect(offOrigin).toEqual([]);
		expect(errors).toEqual([]);
		await context.close();
	});

	it('edits a slide’s caption and notes in the slides panel, and they go into the deck link', async () => {
		const { page, context } = await openPage(site.browser, site.server.origin, `/?deck=${encodeDeck([{ title: 'Plain', query: '' }])}`);
		await waitForDbReady(page);
		const item = page.getByTestId('slide-item').first();
		await item.locator('summary').click();
		await item.getByLabel('Caption (shown on the slide)').fill('Every council takes part.');
		await item.getByLabel('Speaker notes (for you, not shown)').fill('Pause for questions.');
		await item.getByLabel('Speaker notes (for you, not shown)').press('Tab');
		await expect
			.poll(async () => decodeDeck((await page.evaluate(() => new URL(location.href).searchParams.get('deck')))!))
			.toEqual([{ title: 'Plain', query: '', caption: 'Every council takes part.', notes: 'Pause for questions.' }]);
		await page.getByTestId('start-presenting').click();
		await expect.poll(() => page.getByTestId('slide-caption').textContent()).toBe('Every council takes part.');
		expect(await page.getByText('Pause for questions.').isVisible()).toBe(false);
		await context.close();
	});

	it('labels a deck made from an imported dataset with the file’s name', async () => {
		const { page, context } = await openPage(site.browser, site.server.origin, `/?deck=${encodeDeck([{ title: 'Our survey', query: '' }])}`);
		await waitForDbReady(page);
		await page.getByTestId('import-open').click();
		await page.getByTestId('import-file').setInputFiles(path.resolve('tests/fixtures/import/good-survey.csv'));
		await page.getByTestId('import-mapping').waitFor();
		await page.getByTestId('import-check').click();
		await page.getByTestId('import-summary').waitFor();
		await page.getByTestId('import-accept').click();
		await expect.poll(() => page.getByTestId('dataset-badge').textContent()).toBe('Imported: good-survey.csv (6 activities)');
		await mapIdle(page);
		const pptx = await download(page, 'download-pptx');
		const files = unzipSync(new Uint8Array(pptx.bytes));
		const slide = xmlText(strFromU8(files['ppt/slides/slide1.xml']));
		expect(slide).toContain('Imported dataset: good-survey.csv');
		expect(slide).toContain('6 of 6 activities');
		expect(Object.keys(files).filter((name) => /^ppt\/media\/.+\.png$/.test(name))).toHaveLength(1);
		const pdf = await download(page, 'download-pdf');
		expect((await PDFDocument.load(new Uint8Array(pdf.bytes))).getPageCount()).toBe(1);
		await context.close();
	});
});
