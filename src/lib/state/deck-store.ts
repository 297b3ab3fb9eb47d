/**
 * The slide decks kept in this browser, as plain data: reading the stored record (and saying what
 * is wrong with a damaged one), merging two copies of it, and opening a deck from a shared link.
 * Nothing here touches storage; SlideDeck does, so this stays testable in Node.
 */
import { checkSlide, MAX_SLIDES, plainSlide, salvageSlides, type Slide } from './slides';

/** A slide as stored: its id lets two tabs tell a new slide from one the other tab deleted. */
export interface SavedSlide extends Slide {
	id: string;
}

export interface SavedDeck {
	id: string;
	name: string;
	slides: SavedSlide[];
	/** Ids of slides deleted from this deck, so a merge with an older copy does not bring them back. */
	removed: string[];
}

export interface DeckStore {
	decks: SavedDeck[];
	removedDecks: string[];
}

export const DECKS_FORMAT = 'council-collaboration-atlas/decks';
const DECKS_VERSION = 2;
/** Enough to outlast any tab left open with an older copy; the oldest are forgotten first. */
const MAX_REMOVED = 200;
export const OWN_DECK_NAME = 'My slides';

export const emptyStore = (): DeckStore => ({ decks: [], removedDecks: [] });

export function newId(): string {
	const random = globalThis.crypto?.randomUUID?.();
	return random ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

const withIds = (slides: Slide[]): SavedSlide[] => slides.map((slide) => ({ ...plainSlide(slide), id: newId() }));
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
export const slideCount = (n: number) => plural(n, 'slide', 'slides');

/** What reading the stored record found: nothing, decks (with any parts that had to be left out), or nothing usable. */
export type StoreReading =
	| { kind: 'empty' }
	| { kind: 'read'; store: DeckStore; dropped: string[] }
	| { kind: 'unreadable'; reason: string };

function readDeck(value: unknown, index: number, dropped: string[]): SavedDeck | undefined {
	const deck = value as Partial<SavedDeck> | null;
	const label = typeof deck?.name === 'string' ? `Deck “${deck.name}”` : `Deck ${index + 1}`;
	if (!deck || typeof deck !== 'object' || typeof deck.id !== 'string' || typeof deck.name !== 'string' || !Array.isArray(deck.slides)) {
		dropped.push(`${label} is not a deck.`);
		return undefined;
	}
	const deckId = deck.id;
	const slides: SavedSlide[] = [];
	deck.slides.forEach((item, i) => {
		try {
			if (slides.length >= MAX_SLIDES) throw new Error(`Slide ${i + 1} is past the ${MAX_SLIDES}-slide limit.`);
			const id = (item as { id?: unknown } | null)?.id;
			slides.push({ ...checkSlide(item, i), id: typeof id === 'string' && id ? id : `${deckId}-${i}` });
		} catch (error) {
			dropped.push(`${label}: ${(error as Error).message}`);
		}
	});
	const removed = Array.isArray(deck.removed) ? deck.removed.filter((id): id is string => typeof id === 'string') : [];
	return { id: deck.id, name: deck.name.slice(0, 120), slides, removed };
}

/** Reads the stored text; a record from before named decks (a bare list of slides) becomes the presenter's own deck. */
export function readStore(text: string | null): StoreReading {
	if (!text) return { kind: 'empty' };
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { kind: 'unreadable', reason: 'the saved record is not valid JSON; it may have been cut short' };
	}
	if (Array.isArray(value)) {
		const { slides, dropped } = salvageSlides(value);
		// Fixed ids: until the new form is written, every reading of the old one must name the same slides.
		const deck = { id: 'own', name: OWN_DECK_NAME, slides: slides.map((slide, i) => ({ ...slide, id: `own-${i}` })), removed: [] };
		return { kind: 'read', store: { decks: [deck], removedDecks: [] }, dropped };
	}
	const record = value as { format?: unknown; version?: unknown; decks?: unknown; removedDecks?: unknown } | null;
	if (!record || typeof record !== 'object' || record.format !== DECKS_FORMAT)
		return { kind: 'unreadable', reason: 'the saved record is not a list of slides' };
	if (record.version !== DECKS_VERSION) return { kind: 'unreadable', reason: 'it was saved by another version of the Atlas' };
	if (!Array.isArray(record.decks)) return { kind: 'unreadable', reason: 'the saved record holds no decks' };
	const dropped: string[] = [];
	const decks = record.decks.map((deck, i) => readDeck(deck, i, dropped)).filter((deck): deck is SavedDeck => deck !== undefined);
	const removedDecks = Array.isArray(record.removedDecks) ? record.removedDecks.filter((id): id is string => typeof id === 'string') : [];
	return { kind: 'read', store: { decks, removedDecks }, dropped };
}

export function writeStore(store: DeckStore): string {
	return JSON.stringify({ format: DECKS_FORMAT, version: DECKS_VERSION, decks: store.decks, removedDecks: store.removedDecks });
}

const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].slice(-MAX_REMOVED);

function mergeDeck(base: SavedDeck, other: SavedDeck): SavedDeck {
	const removed = union(base.removed, other.removed);
	const gone = new Set(removed);
	const slides = base.slides.filter((slide) => !gone.has(slide.id));
	const have = new Set(slides.map((slide) => slide.id));
	for (const slide of other.slides) if (!gone.has(slide.id) && !have.has(slide.id)) slides.push(slide);
	return { id: base.id, name: base.name, slides, removed };
}

/**
 * Both copies' slides and decks, less any either copy deleted. `base` decides the order and the
 * names; slides only `other` has go at the end of their deck. Merging is what lets two tabs each
 * save a slide and keep both.
 */
export function mergeStores(base: DeckStore, other: DeckStore): DeckStore {
	const removedDecks = union(base.removedDecks, other.removedDecks);
	const gone = new Set(removedDecks);
	const others = new Map(other.decks.map((deck) => [deck.id, deck]));
	const decks = base.decks.filter((deck) => !gone.has(deck.id)).map((deck) => (others.has(deck.id) ? mergeDeck(deck, others.get(deck.id)!) : deck));
	const have = new Set(decks.map((deck) => deck.id));
	for (const deck of other.decks) if (!gone.has(deck.id) && !have.has(deck.id)) decks.push(deck);
	return { decks, removedDecks };
}

export const sameStore = (a: DeckStore, b: DeckStore) => writeStore(a) === writeStore(b);

const slideKey = (slide: Slide) => `${slide.title}\n${slide.query}`;

/** "Shared deck (3 slides), opened 30 Nov": says where it came from, so it is not mistaken for the presenter's own. */
export function sharedDeckName(count: number, opened: Date): string {
	const day = opened.toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
	return `Shared deck (${slideCount(count)}), opened ${day}`;
}

export type LinkOutcome =
	| { kind: 'existing'; deckId: string }
	| { kind: 'added'; store: DeckStore; deckId: string; name: string };

/**
 * Where a deck from a link goes: to a deck already holding all its slides (the presenter's own
 * link, reloaded or reopened), else into a deck of its own beside the others, never over them.
 */
export function placeLinkDeck(store: DeckStore, slides: Slide[], opened: Date): LinkOutcome {
	const wanted = slides.map(slideKey);
	const holder = store.decks.find((deck) => {
		const keys = new Set(deck.slides.map(slideKey));
		return wanted.every((key) => keys.has(key));
	});
	if (holder) return { kind: 'existing', deckId: holder.id };
	const name = sharedDeckName(slides.length, opened);
	const deck: SavedDeck = { id: newId(), name, slides: withIds(slides), removed: [] };
	return { kind: 'added', store: { ...store, decks: [...store.decks, deck] }, deckId: deck.id, name };
}

/**
 * This tab's own deck as its address holds it after a reload: slides the address has and the
 * stored deck lacks (a save that failed) are added back. Undefined if the two share no slide, so
 * a colleague's link pasted into this tab still opens as a deck of its own.
 */
export function mergeAddressIntoDeck(store: DeckStore, deckId: string, slides: Slide[]): DeckStore | undefined {
	const deck = store.decks.find((d) => d.id === deckId);
	if (!deck) return undefined;
	const keys = new Set(deck.slides.map(slideKey));
	if (!slides.some((slide) => keys.has(slideKey(slide)))) return undefined;
	const missing = slides.filter((slide) => !keys.has(slideKey(slide)));
	if (!missing.length) return store;
	return updateDeck(store, deckId, (d) => ({ ...d, slides: [...d.slides, ...withIds(missing)] }));
}

/** Adds a deck (from a file, say) beside the others, with a name no other deck has. */
export function addDeck(store: DeckStore, name: string, slides: Slide[]): { store: DeckStore; deckId: string; name: string } {
	const names = new Set(store.decks.map((deck) => deck.name));
	let unique = name;
	for (let n = 2; names.has(unique); n++) unique = `${name} (${n})`;
	const deck: SavedDeck = { id: newId(), name: unique, slides: withIds(slides), removed: [] };
	return { store: { ...store, decks: [...store.decks, deck] }, deckId: deck.id, name: unique };
}

export function removeDeck(store: DeckStore, id: string): DeckStore {
	return { decks: store.decks.filter((deck) => deck.id !== id), removedDecks: union(store.removedDecks, [id]) };
}

export function updateDeck(store: DeckStore, id: string, change: (deck: SavedDeck) => SavedDeck): DeckStore {
	return { ...store, decks: store.decks.map((deck) => (deck.id === id ? change(deck) : deck)) };
}

export function newSlide(title: string, query: string): SavedSlide {
	return { id: newId(), title, query };
}

/** The titles of slides in `mine` that `stored` does not hold: what a failed save left unsaved. */
export function unsavedTitles(mine: DeckStore, stored: DeckStore): string[] {
	const saved = new Set(stored.decks.flatMap((deck) => deck.slides.map((slide) => slide.id)));
	return mine.decks.flatMap((deck) => deck.slides.filter((slide) => !saved.has(slide.id)).map((slide) => slide.title));
}
