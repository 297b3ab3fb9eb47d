import { getContext, setContext, tick } from 'svelte';
import { getDb, onDbState, type DbState } from '$lib/data/duckdb';
import { emptyFilters, isEmpty, toggleValue, type Filters, type ListDimension } from '$lib/data/filters';
import { CHART_DIMENSIONS, computeFigures, emptyCharts, type AtlasSummary, type Charts, type Figures } from '$lib/data/figures';
import {
	activityDetail,
	activityRows,
	councilProfile,
	countActivities,
	PAGE_SIZE,
	reference,
	sharedActivities,
	surveyTables,
	syntheticReference,
	type ActivityDetail,
	type ActivityRow,
	type CouncilCount,
	type CouncilLink,
	type CouncilProfile,
	type Reference,
	type AtlasDb,
	type SurveyRow
} from '$lib/data/queries';
import type { DatasetFiles } from '$lib/data/schema';
import type { SyntheticDataset } from '$lib/data/synthetic';
import type { DatasetNotice } from './dataset-notice';
import { DEFAULT_SORT, type MapView, type Selection, type TableSort, type ViewState } from './view-url';

export type { Selection } from './view-url';

/** Names of the performance measures the page records (read by `npm run bench`). */
export const MEASURES = {
	/** Navigation start → map and charts first drawn with real numbers (the map's first frame with its shading and links). */
	firstPaint: 'atlas:first-paint',
	/** Navigation start → that first map completely drawn (idle: labels and every source in). */
	firstMapIdle: 'atlas:first-map-idle',
	/** Navigation start → the query engine holds the dataset the page shows. */
	dbReady: 'atlas:db-ready',
	/** Navigation start → figures from the query engine drawn in every view: filters now answer. */
	interactive: 'atlas:interactive',
	/** A filter input event → every view (counts, charts, table, map) drawn with the new figures. */
	filterUpdate: 'atlas:filter-update',
	/** Its parts, each from the same input event: every query answered, the DOM painted, the map idle. */
	filterQueries: 'atlas:filter-queries',
	filterDom: 'atlas:filter-dom',
	filterMap: 'atlas:filter-map'
} as const;

/** How to wait for the map: its next frame with the figures drawn, or its next idle frame. */
export interface MapSettle {
	drawn(): Promise<void>;
	idle(): Promise<void>;
}

/**
 * Runs one filtered query, and drops its answer, before the engine takes over from the summary.
 * The first filtered query after start-up takes ~100 ms longer than later ones (the browser is
 * still optimising DuckDB-WASM's code, and the statements meet filter values for the first time);
 * paid here, while the summary is on screen, it is not paid on the user's first click.
 */
async function warmUp(runner: AtlasDb, reference: Reference | undefined) {
	const area = reference?.serviceAreas[0]?.id;
	if (!area) return;
	await computeFigures(runner, { ...emptyFilters(), reaches: ['cluster'], serviceAreas: [area] }, DEFAULT_SORT).catch(() => undefined);
}

/** An error's first line, enough to report: the engine's full text runs to a screenful. */
const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 160);

/** Resolves after the browser has painted the current DOM (the frame after the next animation frame). */
const afterPaint = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

/** Generates off the main thread; a million activities take about a second of CPU. */
function generateInWorker(reference: Awaited<ReturnType<typeof syntheticReference>>, size: number, seed: number) {
	return new Promise<SyntheticDataset>((resolve, reject) => {
		const worker = new Worker(new URL('../data/synthetic.worker.ts', import.meta.url), { type: 'module' });
		worker.onmessage = (event: MessageEvent<{ dataset?: SyntheticDataset; error?: string }>) => {
			worker.terminate();
			if (event.data.dataset) resolve(event.data.dataset);
			else reject(new Error(event.data.error ?? 'synthetic generation failed'));
		};
		worker.onerror = (event) => {
			worker.terminate();
			reject(new Error(event.message || 'synthetic generation failed'));
		};
		worker.postMessage({ reference, size, seed });
	});
}

/** Which dataset the views show; the header badge names it so nobody mistakes one for another. */
export type DatasetSource =
	| { kind: 'embedded' }
	| { kind: 'imported'; fileName: string; activities: number; importedAt: string }
	| { kind: 'synthetic'; activities: number; seed: number };

/** A dataset kept from an earlier visit (an import saved in the browser), offered when the app starts. */
export interface SavedDataset {
	load(): Promise<{ files: DatasetFiles; source: DatasetSource } | undefined>;
}

export { CHART_DIMENSIONS };

/** Which filters and sort the figures on screen answer, to tell when they are out of date. */
const viewKey = (filters: Filters, sort: TableSort) => JSON.stringify([filters, sort]);
const DEFAULT_KEY = viewKey(emptyFilters(), DEFAULT_SORT);

/** What the side panel shows for the current selection, once its query has answered. */
export type SelectionDetail =
	| { kind: 'none' }
	| { kind: 'loading' }
	| { kind: 'council'; profile: CouncilProfile }
	| { kind: 'link'; a: string; b: string; activities: ActivityRow[]; total: number; national: number }
	| { kind: 'activity'; activity: ActivityDetail }
	| { kind: 'missing'; what: string };

const NO_DETAIL: SelectionDetail = { kind: 'none' };
const LOADING_DETAIL: SelectionDetail = { kind: 'loading' };

async function selectionDetail(runner: AtlasDb, selection: Exclude<Selection, { kind: 'none' }>, filters: Filters): Promise<SelectionDetail> {
	switch (selection.kind) {
		case 'council': {
			const profile = await councilProfile(runner, selection.code, filters);
			return profile ? { kind: 'council', profile } : { kind: 'missing', what: `council ${selection.code}` };
		}
		case 'link': {
			const shared = await sharedActivities(runner, selection.a, selection.b, filters);
			return { kind: 'link', a: selection.a, b: selection.b, activities: shared.rows, total: shared.total, national: shared.national };
		}
		case 'activity': {
			const activity = await activityDetail(runner, selection.id);
			return activity ? { kind: 'activity', activity } : { kind: 'missing', what: `activity “${selection.id}”` };
		}
	}
}

/**
 * The dashboard's single source of truth. Views read these fields and call the methods; the
 * figures are re-queried from DuckDB whenever filters or the selection change.
 */
export class AtlasState {
	filters = $state<Filters>(emptyFilters());
	selection = $state<Selection>({ kind: 'none' });
	sort = $state<TableSort>({ ...DEFAULT_SORT });
	mapView = $state<MapView | undefined>(undefined);
	showNational = $state(false);

	db = $state<DbState>({ kind: 'idle' });
	dataset = $state<DatasetSource>({ kind: 'embedded' });
	/** Something the user should know about which dataset is showing, e.g. a saved import that failed to load. */
	datasetNotice = $state<DatasetNotice | undefined>(undefined);
	/** Bumped when a new dataset is swapped in, so every figure is queried again. */
	dataVersion = $state(0);
	// Query results are replaced whole, never edited in place: raw state spares Svelte from
	// wrapping thousands of rows in proxies.
	reference = $state.raw<Reference | undefined>(undefined);
	total = $state<number | undefined>(undefined);
	grandTotal = $state<number | undefined>(undefined);
	councils = $state.raw<CouncilCount[]>([]);
	links = $state.raw<CouncilLink[]>([]);
	national = $state(0);
	charts = $state.raw<Charts>(emptyCharts());
	/** The table's rows loaded so far: the first page, then more on request. */
	rows = $state.raw<ActivityRow[]>([]);
	survey = $state.raw<SurveyRow[]>([]);
	/** The filters and sort the figures on screen answer (undefined before any are shown). */
	shownKey = $state<string | undefined>(undefined);
	/** True while the views show figures for other filters than the current ones. */
	pending = $derived(this.shownKey !== undefined && this.shownKey !== viewKey(this.filters, this.sort));
	/** Figures came from the build's summary and the query engine has not yet taken over. */
	fromSummary = $state(false);
	/** The latest selection query's answer; the previous one stays on screen while the next loads. */
	private detailAnswer = $state.raw<SelectionDetail | undefined>(undefined);
	/**
	 * Derived rather than assigned by the query, so the query never reads what it writes: an
	 * effect that did so re-ran itself forever.
	 */
	detail = $derived<SelectionDetail>(this.selection.kind === 'none' ? NO_DETAIL : (this.detailAnswer ?? LOADING_DETAIL));
	/** Milliseconds from the last filter change to every view's data being in place. */
	lastUpdateMillis = $state<number | undefined>(undefined);
	/** What the page is doing between the engine being up and the data being ready (e.g. generating). */
	preparing = $state<string | undefined>(undefined);

	councilName = $derived.by(() => {
		const names = new Map(this.reference?.councils.map((c) => [c.code, c.name]) ?? []);
		return (code: string) => names.get(code) ?? code;
	});

	private runner = $state.raw<AtlasDb | undefined>(undefined);
	private figuresGeneration = 0;
	/**
	 * The figures last queried and their filters (without sort), so a sort change re-queries only
	 * the table. A plain field: the refresh effect must not depend on what the refresh writes.
	 */
	private queried: { filterKey: string; figures: Figures } | undefined;
	private detailGeneration = 0;
	/** When the latest filter input happened (performance.now()), until its figures are drawn. */
	private pendingInput: number | undefined;
	private firstPaintDone = false;
	private interactiveDone = false;
	private mapSettle: MapSettle | undefined;
	private mapWaiters: (() => void)[] = [];

	constructor(private dataBase: string) {}

	/**
	 * Starts the engine and swaps in the dataset to show before the views first query: generated
	 * activities with `synthetic`, else an import saved in this browser (`saved`), else the
	 * embedded data. For the default view of the embedded data, the build's summary is drawn at
	 * once while DuckDB-WASM starts; filters chosen meanwhile wait for it. A saved import is read
	 * while the engine starts, so a visit without one waits for nothing extra, and the embedded
	 * summary never flashes up ahead of it; if it no longer loads, the embedded data stays and
	 * the user is told.
	 */
	async start({ saved, synthetic }: { saved?: SavedDataset; synthetic?: { activities: number; seed: number } } = {}) {
		onDbState((state) => (this.db = state));
		// A synthetic dataset is for testing: it leaves a saved import alone, neither loaded nor discarded.
		const pending: Promise<{ stored?: Awaited<ReturnType<SavedDataset['load']>>; unreadable?: string }> | undefined = synthetic
			? undefined
			: saved?.load().then(
					(stored) => ({ stored }),
					(error: unknown) => ({ unreadable: firstLine(error) })
				);
		if (!synthetic && viewKey(this.filters, this.sort) === DEFAULT_KEY)
			void (pending ?? Promise.resolve(undefined)).then((outcome) => (outcome?.stored ? undefined : this.showSummary()));
		let runner: AtlasDb;
		try {
			runner = await getDb(this.dataBase);
			if (synthetic) await this.loadSynthetic(runner, synthetic.activities, synthetic.seed);
		} catch (error) {
			// An engine failure is in `db` for the UI to show; a generation failure is reported the same way.
			if (this.db.kind !== 'failed')
				this.db = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
			return;
		}
		const outcome = await pending;
		let unreadable = outcome?.unreadable;
		if (outcome?.stored) {
			try {
				await runner.replaceDataset(outcome.stored.files);
				this.dataset = outcome.stored.source;
			} catch (error) {
				unreadable = firstLine(error);
			}
		}
		// The stored import is kept: the user chooses to try again or discard it (DatasetNotice).
		if (unreadable) this.datasetNotice = { kind: 'stored-import-unloadable', reason: unreadable };
		await this.loadReference(runner);
		await warmUp(runner, this.reference);
		this.runner = runner;
		performance.measure(MEASURES.dbReady, { start: 0, end: performance.now() });
	}

	private summaryFetch: Promise<AtlasSummary | undefined> | undefined;

	/** Starts fetching the build's summary early (while the page is still being set up), for the default view only. */
	prefetchSummary() {
		if (viewKey(this.filters, this.sort) !== DEFAULT_KEY) return;
		this.summaryFetch ??= fetch(`${this.dataBase}/summary.json`)
			.then((response) => (response.ok ? (response.json() as Promise<AtlasSummary>) : undefined))
			.catch(() => undefined);
	}

	/** Draws the default view from static/data/summary.json, unless the engine got there first. */
	private async showSummary(prefetched?: Promise<AtlasSummary | undefined>) {
		this.prefetchSummary();
		// No summary: the page simply waits for the engine.
		const summary = await (prefetched ?? this.summaryFetch ?? Promise.resolve(undefined));
		if (!summary) return;
		if (this.runner || this.shownKey !== undefined) return;
		this.reference = summary.reference;
		this.survey = summary.survey;
		this.grandTotal = summary.grandTotal;
		this.fromSummary = true;
		this.showFigures(summary.figures, DEFAULT_KEY);
		await this.viewsDrawn(true);
		this.markFirstPaint();
	}

	private showFigures(figures: Figures, key: string) {
		this.total = figures.total;
		this.councils = figures.councils;
		// Unchanged links keep their array, so the map is not handed the same lines again.
		if (JSON.stringify(figures.links) !== JSON.stringify(this.links)) this.links = figures.links;
		this.national = figures.national;
		this.rows = figures.rows;
		this.charts = figures.charts;
		this.shownKey = key;
	}

	private markFirstPaint() {
		if (this.firstPaintDone) return;
		this.firstPaintDone = true;
		performance.measure(MEASURES.firstPaint, { start: 0, end: performance.now() });
	}

	private async loadSynthetic(runner: AtlasDb, activities: number, seed: number) {
		this.preparing = `Generating ${activities.toLocaleString('en-GB')} synthetic activities`;
		const dataset = await generateInWorker(await syntheticReference(runner), activities, seed);
		this.preparing = 'Loading the synthetic activities';
		await runner.replaceWithSynthetic(dataset);
		this.dataset = { kind: 'synthetic', activities, seed };
		this.preparing = undefined;
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

	/**
	 * Resolves once the DOM and the map both show the current state, with when each was done:
	 * the map's next idle frame, or for `first`, its first frame with the figures drawn (the
	 * idle frame after that is recorded as a measure of its own).
	 */
	private async viewsDrawn(first = false): Promise<{ dom: number; map: number }> {
		await tick();
		const map = this.mapReady()
			.then((settle) => (first ? settle.drawn() : settle.idle()))
			.then(() => performance.now());
		if (first)
			void map
				.then(() => this.mapReady())
				.then((settle) => settle.idle())
				.then(() => performance.measure(MEASURES.firstMapIdle, { start: 0, end: performance.now() }));
		const dom = afterPaint().then(() => performance.now());
		const [domDone, mapDone] = await Promise.all([dom, map]);
		return { dom: domDone, map: mapDone };
	}

	private noteInput() {
		this.pendingInput = performance.now();
		performance.mark('atlas:filter-input');
	}

	private async loadReference(runner: AtlasDb) {
		const [ref, survey, grandTotal] = await Promise.all([
			reference(runner),
			surveyTables(runner),
			countActivities(runner, emptyFilters())
		]);
		this.reference = ref;
		this.survey = survey;
		this.grandTotal = grandTotal;
	}

	/** Swaps in a whole dataset; if it fails, the loaded data and every view stay as they were. */
	async replaceDataset(files: DatasetFiles, source: DatasetSource) {
		const runner = this.runner;
		if (!runner) throw new Error('The query engine is not ready yet');
		await runner.replaceDataset(files);
		// Filters chosen for the old data would greet the new data with "0 of N"; it opens whole.
		this.filters = emptyFilters();
		this.selection = { kind: 'none' };
		await this.loadReference(runner);
		// Named together with the new totals, so the badge never describes figures it is not beside;
		// the filtered count shows "…" until the views have queried the new data.
		this.dataset = source;
		this.total = undefined;
		this.queried = undefined;
		this.dataVersion++;
	}

	get ready() {
		return this.runner !== undefined;
	}

	/**
	 * Re-runs every figure for these filters (only the table's first page when just the sort
	 * changed); answers that arrive after a newer request are dropped.
	 */
	async refreshFigures(filters: Filters, sort: TableSort) {
		const runner = this.runner;
		if (!runner) return;
		const generation = ++this.figuresGeneration;
		const started = performance.now();
		const filterKey = JSON.stringify(filters);
		const previous = this.queried;
		const figures: Figures =
			previous?.filterKey === filterKey && this.interactiveDone
				? { ...previous.figures, rows: await activityRows(runner, filters, sort, { limit: PAGE_SIZE }) }
				: await computeFigures(runner, filters, sort);
		if (generation !== this.figuresGeneration) return;
		this.queried = { filterKey, figures };
		const input = this.pendingInput;
		const answered = performance.now();
		this.showFigures(figures, viewKey(filters, sort));
		this.fromSummary = false;
		this.lastUpdateMillis = Math.round(performance.now() - started);
		const drawn = await this.viewsDrawn(!this.firstPaintDone);
		if (generation !== this.figuresGeneration) return;
		const end = performance.now();
		this.markFirstPaint();
		if (!this.interactiveDone) {
			this.interactiveDone = true;
			performance.measure(MEASURES.interactive, { start: 0, end });
		} else if (input !== undefined) {
			performance.measure(MEASURES.filterQueries, { start: input, end: answered });
			performance.measure(MEASURES.filterDom, { start: input, end: drawn.dom });
			performance.measure(MEASURES.filterMap, { start: input, end: drawn.map });
			performance.measure(MEASURES.filterUpdate, { start: input, end });
		}
		if (this.pendingInput === input) this.pendingInput = undefined;
	}

	/** Answers the selection; only the latest request's answer is kept. */
	async refreshDetail(selection: Selection, filters: Filters) {
		const runner = this.runner;
		if (!runner) return;
		const generation = ++this.detailGeneration;
		if (selection.kind === 'none') {
			// A later selection then shows "loading", not the detail of one closed long ago.
			this.detailAnswer = undefined;
			return;
		}
		const answer = await selectionDetail(runner, selection, filters);
		if (generation === this.detailGeneration) this.detailAnswer = answer;
	}

	/** Appends the table's next page; false if the filters or sort changed meanwhile. */
	async loadMoreRows(): Promise<boolean> {
		const runner = this.runner;
		if (!runner || this.pending) return false;
		const generation = this.figuresGeneration;
		const key = this.shownKey;
		const more = await activityRows(runner, $state.snapshot(this.filters), $state.snapshot(this.sort), {
			limit: PAGE_SIZE,
			offset: this.rows.length
		});
		if (generation !== this.figuresGeneration || key !== this.shownKey) return false;
		this.rows = [...this.rows, ...more];
		return true;
	}

	/** Every filtered row in table order, for the CSV download. */
	async allRows(): Promise<ActivityRow[]> {
		const runner = this.runner;
		if (!runner) return this.rows;
		return activityRows(runner, $state.snapshot(this.filters), $state.snapshot(this.sort));
	}

	toggle(dimension: ListDimension, value: string) {
		this.noteInput();
		this.filters = toggleValue(this.filters, dimension, value);
	}

	setValues(dimension: ListDimension, values: string[]) {
		this.noteInput();
		this.filters = { ...this.filters, [dimension]: values };
	}

	setSearch(search: string) {
		this.noteInput();
		this.filters = { ...this.filters, search };
	}

	clearFilters() {
		this.noteInput();
		this.filters = emptyFilters();
	}

	select(selection: Selection) {
		this.selection = selection;
	}

	applyView(view: ViewState) {
		this.filters = view.filters;
		this.selection = view.selection;
		this.sort = view.sort;
		this.mapView = view.map;
		this.showNational = view.showNational;
	}

	view(): ViewState {
		return {
			filters: $state.snapshot(this.filters),
			selection: $state.snapshot(this.selection),
			sort: $state.snapshot(this.sort),
			map: $state.snapshot(this.mapView),
			showNational: this.showNational
		};
	}
}

const KEY = Symbol('atlas');
export const provideAtlas = (atlas: AtlasState) => setContext(KEY, atlas);
export const useAtlas = () => getContext<AtlasState>(KEY);
