import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
	DECKS_FORMAT,
	mergeAddressIntoDeck,
	mergeStores,
	placeLinkDeck,
	readStore,
	sharedDeckName,
	unsavedTitles,
	writeStore,
	type DeckStore
} from '../../src/lib/state/deck-store';
import { SlideDeck } from '../../src/lib/state/slide-deck.svelte';
import { csvRecordCount, notStoredMessage, storedImportProblem } from '../../src/lib/import/persist';
import { TABLE_NAMES } from '../../src/lib/data/schema';

const roads = { title: 'Roads in the west', query: 'area=transport_highways' };
const fife = { title: 'Fife', query: 'sel=council%3AS12000047' };
const waste = { title: 'Waste', query: 'area=waste' };

const store = (...decks: DeckStore['decks']): DeckStore => ({ decks, removedDecks: [] });
const deck = (id: string, name: string, slides: { id: string; title: string; query: string }[], removed: string[] = []) => ({ id, name, slides, removed });

describe('reading the stored decks', () => {
	it('reads nothing as no decks, and its own writing back as it was', () => {
		expect(readStore(null)).toEqual({ kind: 'empty' });
		const saved = store(deck('d1', 'My slides', [{ id: 's1', ...roads }]));
		expect(readStore(writeStore(saved))).toEqual({ kind: 'read', store: saved, dropped: [] });
	});

	it('turns the old bare list of slides into the presenter’s own deck, with the same ids every time it is read', () => {
		const old = JSON.stringify([roads, fife]);
		const first = readStore(old);
		expect(first).toEqual({
			kind: 'read',
			store: store(deck('own', 'My slides', [{ id: 'own-0', ...roads }, { id: 'own-1', ...fife }])),
			dropped: []
		});
		expect(readStore(old)).toEqual(first);
	});

	it('says why a record cannot be read at all, for each kind of damage', () => {
		const reason = (text: string) => {
			const reading = readStore(text);
			return reading.kind === 'unreadable' ? reading.reason : reading.kind;
		};
		expect(reason('[{"title":"cut sho')).toMatch(/not valid JSON; it may have been cut short/);
		expect(reason('null')).toMatch(/not a list of slides/);
		expect(reason('"a string"')).toMatch(/not a list of slides/);
		expect(reason('{"slides": 3}')).toMatch(/not a list of slides/);
		expect(reason(JSON.stringify({ format: DECKS_FORMAT, version: 3, decks: [] }))).toMatch(/another version of the Atlas/);
		expect(reason(JSON.stringify({ format: DECKS_FORMAT, version: 2, decks: 'x' }))).toMatch(/holds no decks/);
	});

	it('keeps every readable slide and deck and names each one left out', () => {
		const text = JSON.stringify({
			format: DECKS_FORMAT,
			version: 2,
			decks: [deck('d1', 'Mine', [{ id: 's1', ...roads }, { id: 's2', title: 5, query: '' } as never]), 'not a deck'],
			removedDecks: []
		});
		const reading = readStore(text);
		expect(reading.kind).toBe('read');
		if (reading.kind !== 'read') return;
		expect(reading.store.decks).toEqual([deck('d1', 'Mine', [{ id: 's1', ...roads }])]);
		expect(reading.dropped).toEqual(['Deck “Mine”: Slide 2 needs a title and a view.', 'Deck 2 is not a deck.']);
	});
});

describe('merging two copies of the decks', () => {
	const base = store(deck('d1', 'My slides', [{ id: 's1', ...roads }]));

	it('keeps a slide saved in each tab', () => {
		const tabA = store(deck('d1', 'My slides', [{ id: 's1', ...roads }, { id: 'a', ...fife }]));
		const tabB = store(deck('d1', 'My slides', [{ id: 's1', ...roads }, { id: 'b', ...waste }]));
		expect(mergeStores(tabB, tabA).decks[0].slides.map((s) => s.id)).toEqual(['s1', 'b', 'a']);
		expect(mergeStores(tabA, tabB).decks[0].slides.map((s) => s.id)).toEqual(['s1', 'a', 'b']);
	});

	it('does not bring back a slide or deck one tab deleted', () => {
		const deleted = store(deck('d1', 'My slides', [], ['s1']));
		expect(mergeStores(base, deleted).decks[0].slides).toEqual([]);
		expect(mergeStores(deleted, base).decks[0].slides).toEqual([]);
		const withOther = store(base.decks[0], deck('d2', 'Shared', []));
		const deckGone: DeckStore = { decks: [base.decks[0]], removedDecks: ['d2'] };
		expect(mergeStores(withOther, deckGone).decks.map((d) => d.id)).toEqual(['d1']);
	});

	it('keeps a deck only one copy has', () => {
		const other = store(deck('d2', 'Shared deck', [{ id: 'x', ...fife }]));
		expect(mergeStores(base, other).decks.map((d) => d.name)).toEqual(['My slides', 'Shared deck']);
	});

	it('names the slides a failed save left out', () => {
		const mine = store(deck('d1', 'My slides', [{ id: 's1', ...roads }, { id: 'new', ...fife }]));
		expect(unsavedTitles(mine, base)).toEqual(['Fife']);
	});
});

describe('opening a deck from a link', () => {
	const own = store(deck('d1', 'My slides', [{ id: 's1', ...roads }, { id: 's2', ...fife }, { id: 's3', ...waste }]));

	it('shows the presenter’s own deck when it already holds every slide of the link', () => {
		expect(placeLinkDeck(own, [roads, waste], new Date())).toEqual({ kind: 'existing', deckId: 'd1' });
	});

	it('keeps any other deck beside the presenter’s own, named by where it came from', () => {
		const opened = new Date(2026, 10, 30);
		const placed = placeLinkDeck(own, [{ title: 'Colleague’s view', query: 'reach=cluster' }], opened);
		expect(placed.kind).toBe('added');
		if (placed.kind !== 'added') return;
		expect(placed.name).toBe('Shared deck (1 slide), opened 30 Nov');
		expect(placed.store.decks[0]).toEqual(own.decks[0]);
		expect(placed.store.decks[1].slides.map((s) => s.title)).toEqual(['Colleague’s view']);
		expect(sharedDeckName(3, opened)).toBe('Shared deck (3 slides), opened 30 Nov');
	});

	it('adds back to this tab’s deck the slides its address kept after a failed save, but never mixes in an unrelated deck', () => {
		const merged = mergeAddressIntoDeck(own, 'd1', [roads, { title: 'Unsaved', query: 'area=x' }]);
		expect(merged?.decks[0].slides.map((s) => s.title)).toEqual(['Roads in the west', 'Fife', 'Waste', 'Unsaved']);
		expect(mergeAddressIntoDeck(own, 'd1', [roads])).toBe(own);
		expect(mergeAddressIntoDeck(own, 'd1', [{ title: 'Colleague’s', query: 'x=1' }])).toBeUndefined();
	});
});

/** localStorage and sessionStorage as a browser tab has them; `full` makes every write fail as a full store does. */
function fakeStorage(shared = new Map<string, string>()) {
	const state = { full: false };
	const storage = {
		getItem: (k: string) => shared.get(k) ?? null,
		setItem: (k: string, v: string) => {
			if (state.full) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
			shared.set(k, v);
		},
		removeItem: (k: string) => void shared.delete(k)
	};
	return { shared, storage, state };
}

describe('a SlideDeck on this browser’s storage', () => {
	let local: ReturnType<typeof fakeStorage>;
	const saved = () => readStore(local.shared.get('atlas-slides') ?? null);
	const savedTitles = () => {
		const reading = saved();
		return reading.kind === 'read' ? reading.store.decks.map((d) => [d.name, d.slides.map((s) => s.title)]) : reading.kind;
	};

	beforeEach(() => {
		local = fakeStorage();
		Object.assign(globalThis, { localStorage: local.storage, sessionStorage: fakeStorage().storage });
	});
	afterEach(() => {
		Reflect.deleteProperty(globalThis, 'localStorage');
		Reflect.deleteProperty(globalThis, 'sessionStorage');
	});

	it('opens a shared link beside the presenter’s three slides, which stay saved, and says so', () => {
		local.shared.set('atlas-slides', JSON.stringify([roads, fife, waste]));
		const tab = new SlideDeck();
		tab.restore([{ title: 'Colleague’s view', query: 'reach=cluster' }]);
		expect(tab.slides.map((s) => s.title)).toEqual(['Colleague’s view']);
		expect(tab.notice).toMatchObject({ kind: 'shared-opened', own: { name: 'My slides', count: 3 } });
		expect(savedTitles()).toEqual([
			['My slides', ['Roads in the west', 'Fife', 'Waste']],
			[expect.stringMatching(/^Shared deck \(1 slide\), opened /), ['Colleague’s view']]
		]);
		tab.switchTo(tab.decks[0].id);
		expect(tab.slides).toHaveLength(3);
	});

	it('keeps a slide saved in each of two tabs, even when neither has heard of the other’s', () => {
		const a = new SlideDeck();
		const b = new SlideDeck();
		a.restore(undefined);
		b.restore(undefined);
		a.add('From tab A', 'area=waste');
		b.add('From tab B', 'area=roads');
		expect(savedTitles()).toEqual([['My slides', ['From tab A', 'From tab B']]]);
		// Both tabs started with no deck and each made one: they are kept apart only by id, and the merge keeps both.
		const reloaded = new SlideDeck();
		reloaded.restore(undefined);
		expect(reloaded.slides.map((s) => s.title)).toEqual(['From tab A', 'From tab B']);
	});

	it('names the slide a full store did not save, and saves it once there is room', () => {
		const tab = new SlideDeck();
		tab.restore(undefined);
		tab.add('Kept', '');
		local.state.full = true;
		tab.add('Not kept', 'area=waste');
		expect(tab.saveProblem).toEqual({ deckName: 'My slides', titles: ['Not kept'], full: true });
		expect(savedTitles()).toEqual([['My slides', ['Kept']]]);
		local.state.full = false;
		tab.persist();
		expect(tab.saveProblem).toBeUndefined();
		expect(savedTitles()).toEqual([['My slides', ['Kept', 'Not kept']]]);
	});

	it('leaves a record it cannot read untouched until the presenter discards it; trying again says it failed again', () => {
		local.shared.set('atlas-slides', '[{"title":"cut sho');
		const tab = new SlideDeck();
		tab.restore(undefined);
		expect(tab.notice).toEqual({ kind: 'unreadable', reason: expect.stringMatching(/cut short/), retried: false });
		tab.add('New', '');
		expect(local.shared.get('atlas-slides')).toBe('[{"title":"cut sho');
		expect(tab.retry()).toBe(false);
		expect(tab.notice).toMatchObject({ kind: 'unreadable', retried: true });
		tab.discardDamaged();
		expect(tab.notice).toBeUndefined();
		expect(savedTitles()).toEqual([['My slides', ['New']]]);
	});

	it('shows the readable slides of a damaged record and keeps the rest stored until discarded', () => {
		const damaged = JSON.stringify([roads, { title: 'x'.repeat(500), query: '' }, fife]);
		local.shared.set('atlas-slides', damaged);
		const tab = new SlideDeck();
		tab.restore(undefined);
		expect(tab.slides.map((s) => s.title)).toEqual(['Roads in the west', 'Fife']);
		expect(tab.notice).toEqual({ kind: 'partly-unreadable', kept: 2, dropped: [`Slide 2's title is longer than 120 characters.`], retried: false });
		tab.persist();
		expect(local.shared.get('atlas-slides')).toBe(damaged);
		tab.discardDamaged();
		expect(savedTitles()).toEqual([['My slides', ['Roads in the west', 'Fife']]]);
	});

	it('takes back a record another tab mended when tried again, keeping slides made meanwhile', () => {
		local.shared.set('atlas-slides', 'garbage');
		const tab = new SlideDeck();
		tab.restore(undefined);
		tab.add('Made meanwhile', '');
		local.shared.set('atlas-slides', JSON.stringify([roads]));
		expect(tab.retry()).toBe(true);
		expect(savedTitles()).toEqual([['My slides', ['Roads in the west']], ['My slides', ['Made meanwhile']]]);
	});
});

describe('a stored import', () => {
	const source = { kind: 'imported', fileName: 'survey.csv', activities: 3, importedAt: '2026-11-30T00:00:00Z' };
	const files = (activities: string) => Object.fromEntries(TABLE_NAMES.map((t) => [t, t === 'activities' ? activities : 'x\n']));
	const three = 'id,name\na,"Roads, west"\nb,"Two\nlines"\nc,"He said ""hi"""\n';

	it('counts CSV records, with quoted commas, line breaks and quotes', () => {
		expect(csvRecordCount(three)).toBe(4);
		expect(csvRecordCount('id\n')).toBe(1);
		expect(csvRecordCount('id\na')).toBe(2);
		expect(csvRecordCount('')).toBe(0);
	});

	it('is accepted whole, and each kind of damage is named', () => {
		expect(storedImportProblem({ version: 2, files: files(three), source })).toBeUndefined();
		expect(storedImportProblem(null)).toBe('the saved record is empty');
		expect(storedImportProblem('text')).toBe('the saved record is text, not a dataset');
		expect(storedImportProblem({ version: 1, files: files(three), source })).toBe('it was saved by another version of the Atlas');
		const missing = files(three);
		delete missing.sources;
		expect(storedImportProblem({ version: 2, files: missing, source })).toBe('the saved record lacks the sources table');
		expect(storedImportProblem({ version: 2, files: { ...files(three), activities: 42 }, source })).toBe('the saved activities table is not text');
		expect(storedImportProblem({ version: 2, files: files(three), source: { ...source, fileName: 1 } })).toBe(
			'the saved record does not say which file it came from'
		);
		expect(storedImportProblem({ version: 2, files: files('id,name\n'), source })).toBe(
			'its activities table holds 0 activities, not the 3 activities it was saved with'
		);
	});

	it('that a full store refused is named, with what a reload will show', () => {
		const message = notStoredMessage(source as never, new DOMException('full', 'QuotaExceededError'));
		expect(message).toBe(
			'survey.csv (3 activities) is showing but was not saved in this browser: this browser’s storage is full. After a reload it will be gone, and whatever was saved before shows instead; import the file again to see it.'
		);
	});
});

