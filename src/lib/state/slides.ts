/** A saved view: its title and the query string that restores it (filters, selection, map). */
export interface Slide {
	title: string;
	query: string;
	/** One line shown under the title while presenting, and on the exported slide. */
	caption?: string;
	/** Speaker notes: never on screen while presenting; exported as PowerPoint notes and in the handout. */
	notes?: string;
}

export const MAX_SLIDES = 50;
const MAX_TITLE = 120;
const MAX_QUERY = 4000;
export const MAX_CAPTION = 300;
export const MAX_NOTES = 4000;

function toBase64Url(text: string): string {
	const bytes = new TextEncoder().encode(text);
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
	const padded = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
	const binary = atob(padded);
	return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function slideList(value: unknown): unknown[] {
	const list = (value as { slides?: unknown })?.slides ?? value;
	if (!Array.isArray(list)) throw new Error('This is not a slide deck: expected a list of slides.');
	return list;
}

/** One slide of untrusted data, checked; throws saying what is wrong with it. */
export function checkSlide(item: unknown, index: number): Slide {
	const slide = item as Partial<Slide>;
	if (typeof slide?.title !== 'string' || typeof slide?.query !== 'string') throw new Error(`Slide ${index + 1} needs a title and a view.`);
	if (slide.title.length > MAX_TITLE) throw new Error(`Slide ${index + 1}'s title is longer than ${MAX_TITLE} characters.`);
	if (slide.query.length > MAX_QUERY) throw new Error(`Slide ${index + 1}'s view is too long to be a saved view.`);
	if (slide.caption !== undefined && slide.caption !== null && typeof slide.caption !== 'string')
		throw new Error(`Slide ${index + 1}'s caption is not text.`);
	if (slide.notes !== undefined && slide.notes !== null && typeof slide.notes !== 'string') throw new Error(`Slide ${index + 1}'s notes are not text.`);
	if ((slide.caption?.length ?? 0) > MAX_CAPTION) throw new Error(`Slide ${index + 1}'s caption is longer than ${MAX_CAPTION} characters.`);
	if ((slide.notes?.length ?? 0) > MAX_NOTES) throw new Error(`Slide ${index + 1}'s notes are longer than ${MAX_NOTES} characters.`);
	// Only the dashboard's own query parameters: a deck cannot smuggle in anything else.
	const params = new URLSearchParams(slide.query);
	params.delete('deck');
	params.delete('present');
	const caption = slide.caption?.trim();
	const notes = slide.notes?.trim();
	return {
		title: slide.title.trim() || `Slide ${index + 1}`,
		query: params.toString(),
		...(caption ? { caption } : {}),
		...(notes ? { notes } : {})
	};
}

/** Checks untrusted slide data (a URL or a file someone sent) and says what is wrong. */
export function validateSlides(value: unknown): Slide[] {
	const list = slideList(value);
	if (list.length > MAX_SLIDES) throw new Error(`A deck can hold at most ${MAX_SLIDES} slides; this one has ${list.length}.`);
	return list.map(checkSlide);
}

/**
 * The presenter's own saved deck: one bad slide must not cost them the others, so every good
 * slide is kept (up to the deck's limit) and each one dropped is named with its reason.
 */
export function salvageSlides(value: unknown): { slides: Slide[]; dropped: string[] } {
	let list: unknown[];
	try {
		list = slideList(value);
	} catch (error) {
		return { slides: [], dropped: [(error as Error).message] };
	}
	const slides: Slide[] = [];
	const dropped: string[] = [];
	list.forEach((item, index) => {
		try {
			if (slides.length >= MAX_SLIDES) throw new Error(`Slide ${index + 1} is past the ${MAX_SLIDES}-slide limit.`);
			slides.push(checkSlide(item, index));
		} catch (error) {
			dropped.push((error as Error).message);
		}
	});
	return { slides, dropped };
}

/**
 * Compact form for the `deck` URL parameter: [[title, query, caption?, notes?], …] as base64url
 * JSON; a slide without caption or notes stays a pair, so older links still read the same.
 */
export function encodeDeck(slides: Slide[]): string {
	return toBase64Url(
		JSON.stringify(
			slides.map((s) => (s.notes ? [s.title, s.query, s.caption ?? '', s.notes] : s.caption ? [s.title, s.query, s.caption] : [s.title, s.query]))
		)
	);
}

export function decodeDeck(text: string): Slide[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(fromBase64Url(text));
	} catch {
		throw new Error('The slide deck in this link is damaged.');
	}
	if (!Array.isArray(parsed)) throw new Error('The slide deck in this link is damaged.');
	return validateSlides(
		parsed.map((item) => (Array.isArray(item) ? { title: item[0], query: item[1], caption: item[2] ?? undefined, notes: item[3] ?? undefined } : item))
	);
}

/** A slide as a deck file or link keeps it: no storage id, and no empty caption or notes. */
export const plainSlide = ({ title, query, caption, notes }: Slide): Slide => ({ title, query, ...(caption ? { caption } : {}), ...(notes ? { notes } : {}) });

export function deckToJson(slides: Slide[]): string {
	const plain = slides.map(plainSlide);
	return JSON.stringify({ format: 'council-collaboration-atlas/slides', version: 1, slides: plain }, null, 2);
}

export function deckFromJson(text: string): Slide[] {
	let parsed: unknown;
	try {
		parsed = JSON.parse(text);
	} catch {
		throw new Error('This file is not valid JSON, so it cannot be a slide deck.');
	}
	return validateSlides(parsed);
}
