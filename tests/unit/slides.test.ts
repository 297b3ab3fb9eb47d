import { describe, expect, it } from 'vitest';
import { decodeDeck, deckFromJson, deckToJson, encodeDeck, salvageSlides, validateSlides, MAX_SLIDES } from '../../src/lib/state/slides';
import { SlideDeck } from '../../src/lib/state/slide-deck.svelte';

const slides = [
	{ title: 'Roads in the west — Ayrshire', query: 'area=transport_highways&map=-4.5%2C55.5%2C7.00' },
	{ title: 'Gàidhlig: Na h-Eileanan Siar', query: 'sel=council%3AS12000013' }
];

describe('slide decks', () => {
	it('round-trip through the URL form, including non-ASCII titles', () => {
		expect(decodeDeck(encodeDeck(slides))).toEqual(slides);
		expect(encodeDeck(slides)).toMatch(/^[A-Za-z0-9_-]+$/);
	});

	it('round-trip through the JSON file form', () => {
		expect(deckFromJson(deckToJson(slides))).toEqual(slides);
	});

	it('strip deck and present parameters a slide cannot meaningfully carry', () => {
		expect(validateSlides([{ title: 'x', query: 'area=hr&deck=abc&present=2' }])[0].query).toBe('area=hr');
	});

	it('reject damaged or hostile input with a clear message', () => {
		expect(() => decodeDeck('%%%not-base64')).toThrow(/damaged/);
		expect(() => deckFromJson('{not json')).toThrow(/not valid JSON/);
		expect(() => deckFromJson('{"slides": 3}')).toThrow(/not a slide deck/);
		expect(() => deckFromJson('[{"title": 1, "query": ""}]')).toThrow(/Slide 1 needs a title/);
		expect(() => validateSlides(Array.from({ length: MAX_SLIDES + 1 }, () => ({ title: 't', query: '' })))).toThrow(/at most/);
		expect(() => validateSlides([{ title: 'x'.repeat(121), query: '' }])).toThrow(/longer than 120/);
	});
});

describe('the deck saved in this browser', () => {
	it('keeps every good slide when one is bad, and names the one dropped', () => {
		const { slides: kept, dropped } = salvageSlides([slides[0], { title: 'x'.repeat(500), query: '' }, slides[1]]);
		expect(kept).toEqual(slides);
		expect(dropped).toEqual([`Slide 2's title is longer than 120 characters.`]);
	});

	it('exports slides without their storage ids', () => {
		expect(JSON.parse(deckToJson(slides.map((s, i) => ({ ...s, id: `x${i}` })))).slides).toEqual(slides);
	});
});
