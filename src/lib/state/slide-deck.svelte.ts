import { getContext, setContext } from 'svelte';
import { MAX_SLIDES, salvageSlides, type Slide } from './slides';

const STORAGE_KEY = 'atlas-slides';

/** Whether the dashboard is being explored or presented; presenting knows its slide. */
export type Mode = { kind: 'explore' } | { kind: 'present'; index: number };

/** The named views a presenter has saved, kept in this browser and shareable by link or file. */
export class SlideDeck {
	slides = $state<Slide[]>([]);
	mode = $state<Mode>({ kind: 'explore' });

	/** Restores the deck from a link, else from this browser; returns what the presenter should be told, if anything. */
	restore(fromUrl: Slide[] | undefined): string | undefined {
		if (fromUrl) {
			this.slides = fromUrl;
			return;
		}
		let stored: unknown;
		try {
			const text = localStorage.getItem(STORAGE_KEY);
			if (!text) return;
			stored = JSON.parse(text);
		} catch {
			return 'The slides saved in this browser could not be read, so the deck starts empty.';
		}
		const { slides, dropped } = salvageSlides(stored);
		this.slides = slides;
		if (!dropped.length) return;
		const kept = `${slides.length} saved ${slides.length === 1 ? 'slide was' : 'slides were'} restored`;
		return `${kept}; ${dropped.length} could not be and ${dropped.length === 1 ? 'was' : 'were'} left out: ${dropped.join(' ')}`;
	}

	persist() {
		try {
			localStorage.setItem(STORAGE_KEY, JSON.stringify(this.slides));
		} catch {
			// Private browsing or a full store: the deck still lives in the URL.
		}
	}

	add(title: string, query: string) {
		if (this.slides.length >= MAX_SLIDES) throw new Error(`A deck can hold at most ${MAX_SLIDES} slides.`);
		this.slides = [...this.slides, { title: title.trim() || `Slide ${this.slides.length + 1}`, query }];
	}

	/** Sets a slide's caption and speaker notes; empty text removes them. */
	annotate(index: number, text: { caption?: string; notes?: string }) {
		const slide = this.slides[index];
		if (!slide) return;
		const { caption: _caption, notes: _notes, ...rest } = slide;
		const caption = (text.caption ?? slide.caption ?? '').trim();
		const notes = (text.notes ?? slide.notes ?? '').trim();
		this.slides = this.slides.map((s, i) => (i === index ? { ...rest, ...(caption ? { caption } : {}), ...(notes ? { notes } : {}) } : s));
	}

	remove(index: number) {
		this.slides = this.slides.filter((_, i) => i !== index);
	}

	move(index: number, by: -1 | 1) {
		const target = index + by;
		if (target < 0 || target >= this.slides.length) return;
		const next = [...this.slides];
		[next[index], next[target]] = [next[target], next[index]];
		this.slides = next;
	}

	replace(slides: Slide[]) {
		this.slides = slides;
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
