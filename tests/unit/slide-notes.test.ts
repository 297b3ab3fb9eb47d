import { describe, expect, it } from 'vitest';
import { decodeDeck, deckFromJson, deckToJson, encodeDeck, plainSlide, salvageSlides, validateSlides, MAX_CAPTION, MAX_NOTES } from '../../src/lib/state/slides';
import { SlideDeck } from '../../src/lib/state/slide-deck.svelte';

const annotated = [
	{ title: 'Scotland overview', query: '', caption: 'Every council takes part in something.', notes: 'Start with the national picture.\nThen ask the room.' },
	{ title: 'Education', query: 'area=education', caption: 'Six regional improvement collaboratives' },
	{ title: 'Fife', query: 'insight=opportunities&opp=S12000047', notes: 'Only notes here — “quoted”, Gàidhlig.' },
	{ title: 'Plain', query: 'reach=cluster' }
];

describe('slide captions and speaker notes', () => {
	it('survive the deck link unchanged, slide by slide', () => {
		expect(decodeDeck(encodeDeck(annotated))).toEqual(annotated);
	});

	it('survive the JSON file unchanged', () => {
		expect(deckFromJson(deckToJson(annotated))).toEqual(annotated);
	});

	it('survive a reload from this browser', () => {
		const stored = new Map<string, string>();
		const storage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v) };
		Object.defineProperty(globalThis, 'localStorage', { value: storage, configurable: true });
		try {
			const before = new SlideDeck();
			before.openDeck('Workshop', annotated);
			const after = new SlideDeck();
			after.restore(undefined);
			expect(after.notice).toBeUndefined();
			expect(after.slides.map(plainSlide)).toEqual(annotated);
		} finally {
			Reflect.deleteProperty(globalThis, 'localStorage');
		}
	});

	it('links made before captions existed still open', () => {
		const old = Buffer.from(JSON.stringify([['Old slide', 'area=hr']])).toString('base64url');
		expect(decodeDeck(old)).toEqual([{ title: 'Old slide', query: 'area=hr' }]);
	});

	it('are edited on the deck, and emptied text removes them', () => {
		const deck = new SlideDeck();
		deck.add('One', 'area=hr');
		deck.annotate(0, { caption: '  Shared HR  ', notes: 'Say who leads.' });
		expect(plainSlide(deck.slides[0])).toEqual({ title: 'One', query: 'area=hr', caption: 'Shared HR', notes: 'Say who leads.' });
		deck.annotate(0, { caption: '' });
		expect(plainSlide(deck.slides[0])).toEqual({ title: 'One', query: 'area=hr', notes: 'Say who leads.' });
	});

	it('are checked like the rest of an untrusted deck', () => {
		expect(() => validateSlides([{ title: 'x', query: '', caption: 'c'.repeat(MAX_CAPTION + 1) }])).toThrow(/caption is longer than 300/);
		expect(() => validateSlides([{ title: 'x', query: '', notes: 'n'.repeat(MAX_NOTES + 1) }])).toThrow(/notes are longer than 4000/);
		expect(() => validateSlides([{ title: 'x', query: '', notes: { evil: true } }])).toThrow(/notes are not text/);
		expect(() => validateSlides([{ title: 'x', query: '', caption: 3 }])).toThrow(/caption is not text/);
		const { slides, dropped } = salvageSlides([annotated[0], { title: 'y', query: '', caption: 'c'.repeat(MAX_CAPTION + 1) }]);
		expect(slides).toEqual([annotated[0]]);
		expect(dropped).toHaveLength(1);
	});
});
