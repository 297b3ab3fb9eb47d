import { getContext, setContext, untrack } from 'svelte';
import { MAX_SLIDES, type Slide } from './slides';
import {
	addDeck,
	emptyStore,
	mergeAddressIntoDeck,
	mergeStores,
	newSlide,
	OWN_DECK_NAME,
	placeLinkDeck,
	readStore,
	removeDeck,
	sameStore,
	unsavedTitles,
	updateDeck,
	writeStore,
	type DeckStore,
	type SavedDeck,
	type SavedSlide,
	type StoreReading
} from './deck-store';

const STORAGE_KEY = 'atlas-slides';
/** Which deck this tab shows, so a reload reopens it (per tab: another tab may show another deck). */
const ACTIVE_KEY = 'atlas-slides-active';

/** Whether the dashboard is being explored or presented; presenting knows its slide. */
export type Mode = { kind: 'explore' } | { kind: 'present'; index: number };

/** What the presenter must be told about the decks kept in this browser. */
export type DeckNotice =
	/** A link's deck was kept beside the presenter's own deck, which is untouched. */
	| { kind: 'shared-opened'; name: string; own: { id: string; name: string; count: number } }
	/** The stored record cannot be read at all; it is left as it is until the presenter chooses. */
	| { kind: 'unreadable'; reason: string; retried: boolean }
	/** Some stored slides cannot be read; the rest are shown, and nothing is written over the record until the presenter chooses. */
	| { kind: 'partly-unreadable'; kept: number; dropped: string[]; retried: boolean };

/** The last save that did not reach this browser's storage, and what it left unsaved. */
export interface SaveProblem {
	deckName: string;
	/** Slides on screen that storage does not hold; empty when the change was a deletion or a move. */
	titles: string[];
	full: boolean;
}

const isQuotaError = (error: unknown) =>
	error instanceof DOMException && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED' || error.code === 22);

function storage(): Storage | undefined {
	try {
		return globalThis.localStorage ?? undefined;
	} catch {
		return undefined;
	}
}

function session(): Storage | undefined {
	try {
		return globalThis.sessionStorage ?? undefined;
	} catch {
		return undefined;
	}
}

/**
 * The presenter's decks, kept in this browser and shareable by link or file. One deck shows at a
 * time; a deck from a link or a file is kept beside the others, never over them. Every write
 * first merges what storage holds, and a write from another tab is merged in as it happens, so
 * two tabs each saving a slide keep both.
 */
export class SlideDeck {
	store = $state.raw<DeckStore>(emptyStore());
	activeId = $state<string | undefined>(undefined);
	mode = $state<Mode>({ kind: 'explore' });
	notice = $state<DeckNotice | undefined>(undefined);
	saveProblem = $state<SaveProblem | undefined>(undefined);

	decks = $derived<SavedDeck[]>(this.store.decks);
	active = $derived<SavedDeck | undefined>(this.store.decks.find((deck) => deck.id === this.activeId));
	slides = $derived<SavedSlide[]>(this.active?.slides ?? []);

	/** True while a damaged stored record waits for the presenter: nothing is written over it meanwhile. */
	get held(): boolean {
		return this.notice?.kind === 'unreadable' || this.notice?.kind === 'partly-unreadable';
	}

	private read(): { text: string | null; reading: StoreReading } {
		let text: string | null = null;
		try {
			text = storage()?.getItem(STORAGE_KEY) ?? null;
		} catch {
			// Storage this page may not read is storage it cannot save to either; saving says so.
		}
		return { text, reading: readStore(text) };
	}

	private damage(reading: StoreReading, retried: boolean): DeckNotice | undefined {
		if (reading.kind === 'unreadable') return { kind: 'unreadable', reason: reading.reason, retried };
		if (reading.kind === 'read' && reading.dropped.length) {
			const kept = reading.store.decks.reduce((sum, deck) => sum + deck.slides.length, 0);
			return { kind: 'partly-unreadable', kept, dropped: reading.dropped, retried };
		}
		return undefined;
	}

	private setActive(id: string | undefined) {
		this.activeId = id;
		try {
			if (id) session()?.setItem(ACTIVE_KEY, id);
		} catch {
			// Only the choice of deck after a reload depends on it.
		}
	}

	/** Shows the active deck if it still exists, else the first; a presentation past the deck's end stops. */
	private keepActiveValid() {
		if (!this.store.decks.some((deck) => deck.id === this.activeId)) this.setActive(this.store.decks[0]?.id);
		if (this.mode.kind === 'present' && this.mode.index >= this.slides.length) this.mode = { kind: 'explore' };
	}

	/**
	 * Restores the decks saved in this browser and, from a link, shows its deck: the presenter's
	 * own deck if one holds all its slides, else a new deck kept beside the others.
	 */
	restore(fromUrl: Slide[] | undefined) {
		const { reading } = this.read();
		this.notice = this.damage(reading, false);
		let store = reading.kind === 'read' ? reading.store : emptyStore();
		let remembered: string | null = null;
		try {
			remembered = session()?.getItem(ACTIVE_KEY) ?? null;
		} catch {
			remembered = null;
		}
		let active = store.decks.find((deck) => deck.id === remembered)?.id;
		const reloaded = fromUrl?.length && active ? mergeAddressIntoDeck(store, active, fromUrl) : undefined;
		if (reloaded) {
			store = reloaded;
		} else if (fromUrl?.length && remembered && !store.decks.length) {
			// This tab's deck, whose stored record is unreadable or gone: it is still the presenter's own.
			store = { ...store, decks: [{ id: remembered, name: OWN_DECK_NAME, slides: fromUrl.map((s) => newSlide(s.title, s.query)), removed: [] }] };
			active = remembered;
		} else if (fromUrl?.length) {
			const placed = placeLinkDeck(store, fromUrl, new Date());
			if (placed.kind === 'added') {
				const own = store.decks.find((deck) => deck.id === active) ?? store.decks.find((deck) => deck.slides.length);
				store = placed.store;
				if (own && !this.notice) this.notice = { kind: 'shared-opened', name: placed.name, own: { id: own.id, name: own.name, count: own.slides.length } };
			}
			active = placed.deckId;
		}
		this.store = store;
		this.setActive(active ?? store.decks[0]?.id);
		this.save();
	}

	/** Merges storage into the decks here, then writes the result; a failure says what was not saved. */
	private save() {
		if (this.held) return;
		const { text, reading } = this.read();
		const damage = this.damage(reading, false);
		if (damage) {
			// Another tab (or another version) left something unreadable: it is not overwritten either.
			this.notice = damage;
			return;
		}
		const stored = reading.kind === 'read' ? reading.store : emptyStore();
		const merged = mergeStores(this.store, stored);
		if (!sameStore(merged, this.store)) this.store = merged;
		this.keepActiveValid();
		const next = writeStore(merged);
		if (next === text) {
			if (this.saveProblem) this.saveProblem = undefined;
			return;
		}
		try {
			const target = storage();
			if (!target) throw new Error('no storage');
			target.setItem(STORAGE_KEY, next);
			if (this.saveProblem) this.saveProblem = undefined;
		} catch (error) {
			this.saveProblem = { deckName: this.active?.name ?? OWN_DECK_NAME, titles: unsavedTitles(merged, stored), full: isQuotaError(error) };
		}
	}

	/**
	 * For the page, which saves whenever the slides change; saving twice writes nothing new.
	 * Untracked: the effect calling it must not also re-run on what a save reads and writes.
	 */
	persist() {
		untrack(() => this.save());
	}

	/** Takes in another tab's write: its order and deletions stand, and slides only this tab has are added back. */
	private fromOtherTab(event: StorageEvent) {
		if (event.key !== null && event.key !== STORAGE_KEY) return;
		if (this.held) {
			// The other tab may have resolved the damaged record; if not, the notice stays as it is.
			if (!this.damage(this.read().reading, false)) this.retry();
			return;
		}
		const { text, reading } = this.read();
		if (reading.kind !== 'read' || reading.dropped.length) return;
		const merged = mergeStores(reading.store, this.store);
		if (!sameStore(merged, this.store)) this.store = merged;
		this.keepActiveValid();
		if (writeStore(merged) !== text) this.save();
	}

	/** Listens for other tabs' writes; returns the function that stops listening. */
	listen(): () => void {
		const handler = (event: StorageEvent) => this.fromOtherTab(event);
		window.addEventListener('storage', handler);
		return () => window.removeEventListener('storage', handler);
	}

	/** Reads the damaged record again (another tab or version may have mended it); true if it now reads whole. */
	retry(): boolean {
		const { reading } = this.read();
		const damage = this.damage(reading, true);
		if (damage) {
			this.notice = damage;
			return false;
		}
		this.notice = undefined;
		// Its order stands; slides made here meanwhile are added to it.
		this.store = mergeStores(reading.kind === 'read' ? reading.store : emptyStore(), this.store);
		this.keepActiveValid();
		this.save();
		return true;
	}

	/** Gives up what could not be read: the record is replaced by the decks shown here. */
	discardDamaged() {
		if (!this.held) return;
		this.notice = undefined;
		try {
			storage()?.removeItem(STORAGE_KEY);
		} catch {
			// The save below says if storage is out of reach.
		}
		this.save();
	}

	dismissNotice() {
		if (this.notice?.kind === 'shared-opened') this.notice = undefined;
	}

	private change(update: (deck: SavedDeck) => SavedDeck) {
		if (!this.activeId) return;
		this.store = updateDeck(this.store, this.activeId, update);
		this.save();
	}

	add(title: string, query: string) {
		if (this.slides.length >= MAX_SLIDES) throw new Error(`A deck can hold at most ${MAX_SLIDES} slides.`);
		if (!this.active && !this.held) {
			// Another tab may have made the first deck since: a slide goes into it, not a second "My slides".
			const { reading } = this.read();
			if (reading.kind === 'read' && !reading.dropped.length) this.store = mergeStores(this.store, reading.store);
			this.keepActiveValid();
		}
		if (!this.active) {
			const added = addDeck(this.store, OWN_DECK_NAME, []);
			this.store = added.store;
			this.setActive(added.deckId);
		}
		const slide = newSlide(title.trim() || `Slide ${this.slides.length + 1}`, query);
		this.change((deck) => ({ ...deck, slides: [...deck.slides, slide] }));
	}

	/** Sets a slide's caption and speaker notes; empty text removes them. */
	annotate(index: number, text: { caption?: string; notes?: string }) {
		const slide = this.slides[index];
		if (!slide) return;
		const { caption: _caption, notes: _notes, ...rest } = slide;
		const caption = (text.caption ?? slide.caption ?? '').trim();
		const notes = (text.notes ?? slide.notes ?? '').trim();
		const annotated = { ...rest, ...(caption ? { caption } : {}), ...(notes ? { notes } : {}) };
		this.change((deck) => ({ ...deck, slides: deck.slides.map((s) => (s.id === slide.id ? annotated : s)) }));
	}

	remove(index: number) {
		const target = this.slides[index];
		if (!target) return;
		this.change((deck) => ({ ...deck, slides: deck.slides.filter((slide) => slide.id !== target.id), removed: [...deck.removed, target.id] }));
	}

	move(index: number, by: -1 | 1) {
		const target = index + by;
		if (target < 0 || target >= this.slides.length) return;
		this.change((deck) => {
			const slides = [...deck.slides];
			[slides[index], slides[target]] = [slides[target], slides[index]];
			return { ...deck, slides };
		});
	}

	/** Keeps slides from a file as a deck of their own and shows it; returns the name it was given. */
	openDeck(name: string, slides: Slide[]): string {
		const added = addDeck(this.store, name, slides);
		this.store = added.store;
		this.setActive(added.deckId);
		this.mode = { kind: 'explore' };
		this.save();
		return added.name;
	}

	switchTo(id: string) {
		if (!this.store.decks.some((deck) => deck.id === id)) return;
		this.setActive(id);
		this.mode = { kind: 'explore' };
		if (this.notice?.kind === 'shared-opened') this.notice = undefined;
	}

	deleteDeck(id: string) {
		this.store = removeDeck(this.store, id);
		this.keepActiveValid();
		this.save();
	}

	present(index = 0) {
		if (this.slides.length) this.mode = { kind: 'present', index: Math.max(0, Math.min(index, this.slides.length - 1)) };
	}

	step(by: number) {
		if (this.mode.kind !== 'present') return;
		this.present(this.mode.index + by);
	}

	stopPresenting() {
		this.mode = { kind: 'explore' };
	}
}

const KEY = Symbol('slides');
export const provideDeck = (deck: SlideDeck) => setContext(KEY, deck);
export const useDeck = () => getContext<SlideDeck>(KEY);
