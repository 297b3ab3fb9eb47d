/**
 * The dashboard's performance measures, recorded as `performance.measure` entries that
 * `npm run bench` reads. Kept apart from the state it times so that timing never decides what is
 * shown, and so it can be tested with a fake clock and a fake map.
 */
import { tick } from 'svelte';
import { MEASURES } from './measures.js';

export { MEASURES };

/**
 * How to wait for the map: its next frame with the figures drawn; its next idle frame (the SVG
 * preview's paint while MapLibre has not loaded, the preview being the map on screen then); and
 * MapLibre's own next idle frame, however long it takes to load.
 */
export interface MapSettle {
	drawn(): Promise<void>;
	idle(): Promise<void>;
	complete(): Promise<void>;
}

/** What the probe needs of the browser; tests hand it a fake clock and frames. */
export interface ProbeClock {
	now(): number;
	measure(name: string, start: number, end: number): void;
	/** Resolves after the browser has painted the current DOM. */
	afterPaint(): Promise<void>;
	/** The paint of the prerendered HTML, once the browser reports it (undefined if it never does). */
	firstContentfulPaint(): Promise<number | undefined>;
}

export const browserClock: ProbeClock = {
	now: () => performance.now(),
	measure: (name, start, end) => void performance.measure(name, { start, end }),
	afterPaint: () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))),
	firstContentfulPaint: () =>
		new Promise((resolve) => {
			if (typeof PerformanceObserver === 'undefined') return resolve(undefined);
			// Buffered: the paint usually happened before any script ran.
			const observer = new PerformanceObserver((list) => {
				const paint = list.getEntriesByName('first-contentful-paint')[0];
				if (!paint) return;
				observer.disconnect();
				resolve(paint.startTime);
			});
			observer.observe({ type: 'paint', buffered: true });
		})
};

export class PerfProbe {
	/** When the latest filter input happened, until the views show its figures. */
	private pendingInput: number | undefined;
	private firstPaintDone = false;
	/** The map's first frame with figures is waited for (and its idle frame measured) once. */
	private firstMapDone = false;
	private interactiveDone = false;
	private mapSettle: MapSettle | undefined;
	private mapWaiters: (() => void)[] = [];

	constructor(private clock: ProbeClock = browserClock) {}

	get interactive() {
		return this.interactiveDone;
	}

	/** A filter was changed by the user: the next update is timed from now. */
	noteInput() {
		this.pendingInput = this.clock.now();
		// A marker on the DevTools performance timeline, where the update's measures start.
		if (typeof performance !== 'undefined') performance.mark('atlas:filter-input');
	}

	/** The map registers how to wait for its next frame with the figures in it, and for its next idle frame. */
	setMapSettle(settle: MapSettle | undefined) {
		this.mapSettle = settle;
		if (settle) for (const wake of this.mapWaiters.splice(0)) wake();
	}

	private async mapReady(): Promise<MapSettle> {
		if (!this.mapSettle) await new Promise<void>((resolve) => this.mapWaiters.push(resolve));
		return this.mapSettle!;
	}

	dbReady() {
		this.clock.measure(MEASURES.dbReady, 0, this.clock.now());
	}

	/**
	 * The page arrived with the default view's figures in its HTML: the first paint with real
	 * numbers is the browser's first contentful paint, before any script ran.
	 */
	async prerenderedPaint() {
		this.firstPaintDone = true;
		const painted = await this.clock.firstContentfulPaint();
		if (painted !== undefined) this.clock.measure(MEASURES.firstPaint, 0, painted);
	}

	/**
	 * Resolves once the DOM and the map both show the current state, with when each was done:
	 * the map's next idle frame, or for the first figures, its first frame with them drawn (the
	 * idle frame after that is a measure of its own).
	 */
	private async viewsDrawn(first: boolean): Promise<{ dom: number; map: number }> {
		await tick();
		const map = this.mapReady()
			.then((settle) => (first ? settle.drawn() : settle.idle()))
			.then(() => this.clock.now());
		if (first)
			void map
				.then(() => this.mapReady())
				.then((settle) => settle.complete())
				.then(() => this.clock.measure(MEASURES.firstMapIdle, 0, this.clock.now()));
		const dom = this.clock.afterPaint().then(() => this.clock.now());
		const [domDone, mapDone] = await Promise.all([dom, map]);
		return { dom: domDone, map: mapDone };
	}

	/**
	 * New figures were just handed to the views (`answered` is when their queries finished):
	 * records the first paint, the moment the engine's figures are first on screen, or the parts
	 * of the user's last filter change. `fromEngine` is false for figures from the build's
	 * summary, which are not yet interactive. Records nothing if `isCurrent` says newer figures
	 * came meanwhile, whose own update will be measured instead.
	 */
	async figuresShown(answered: number, fromEngine: boolean, isCurrent: () => boolean): Promise<void> {
		const input = this.pendingInput;
		const firstMap = !this.firstMapDone;
		this.firstMapDone = true;
		const drawn = await this.viewsDrawn(firstMap);
		if (!isCurrent()) return;
		const end = this.clock.now();
		if (!this.firstPaintDone) {
			this.firstPaintDone = true;
			this.clock.measure(MEASURES.firstPaint, 0, end);
		}
		if (!fromEngine) return;
		if (!this.interactiveDone) {
			this.interactiveDone = true;
			this.clock.measure(MEASURES.interactive, 0, end);
		} else if (input !== undefined) {
			this.clock.measure(MEASURES.filterQueries, input, answered);
			this.clock.measure(MEASURES.filterDom, input, drawn.dom);
			this.clock.measure(MEASURES.filterMap, input, drawn.map);
			this.clock.measure(MEASURES.filterUpdate, input, end);
		}
		if (this.pendingInput === input) this.pendingInput = undefined;
	}
}
