/**
 * The dashboard's state, put together from its parts:
 * - `view` (ViewState): what a link or slide holds; the user's clicks change it;
 * - `session` (DatasetSession): the engine and which dataset it holds;
 * - `coordinator` (Coordinator): the views' queries, run when the view or dataset changes;
 * - `probe` (PerfProbe): the performance measures.
 * Views read the figures below (each is a client's latest answer) and call the methods.
 */
import { getContext, setContext } from 'svelte';
import type { Filters, ListDimension } from '$lib/data/filters';
import { CHART_DIMENSIONS, emptyCharts, type AtlasSummary, type Charts } from '$lib/data/figures';
import {
	activityDetail,
	activityRows,
	councilProfile,
	mapAndCharts,
	PAGE_SIZE,
	sharedActivities,
	type ActivityDetail,
	type ActivityRow,
	type CouncilLink,
	type CouncilProfile,
	type AtlasDb
} from '$lib/data/queries';
import { Coordinator, requestKey, type Client } from '$lib/data/coordinator.svelte';
import { citedSources, type CitedSourceRow } from '$lib/data/export-queries';
import type { DatasetFiles } from '$lib/data/schema';
import { emptyFilters } from '$lib/data/filters';
import { DatasetSession, warmFilteredQuery, type DatasetSource, type SavedDataset, type SessionEnvironment } from './dataset-session.svelte';
import { PerfProbe, type MapSettle, type ProbeClock } from './perf-probe';
import type { DatasetNotice } from './dataset-notice';
import { ViewState } from './view-state.svelte';
import { DEFAULT_SORT, type MapView, type SavedView, type Selection, type TableSort } from './view-url';

export type { Selection } from './view-url';
export type { DatasetSource, SavedDataset } from './dataset-session.svelte';
export { MEASURES, type MapSettle } from './perf-probe';
export { CHART_DIMENSIONS };

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

type MapAndCharts = Awaited<ReturnType<typeof mapAndCharts>>;

const sameLinks = (a: CouncilLink[], b: CouncilLink[]) =>
	a.length === b.length &&
	a.every((link, i) => link.a === b[i].a && link.b === b[i].b && link.shared === b[i].shared && link.reach === b[i].reach && link.spectrum === b[i].spectrum);

const isDefaultView = (filters: Filters, sort: TableSort) =>
	requestKey(0, filters, sort) === requestKey(0, emptyFilters(), DEFAULT_SORT);

export class AtlasState {
	readonly probe: PerfProbe;
	readonly view: ViewState;
	readonly session: DatasetSession;
	readonly coordinator: Coordinator;

	/** Whether the table is on screen: below the fold it waits, and catches up when scrolled to. */
	tableInView = $state(false);

	/** The map and the charts (and the filter panel's counts): one statement. */
	private figures: Client<MapAndCharts, null>;
	/** The table's first page, in the table's order. */
	private table: Client<ActivityRow[], TableSort>;
	private detailClient: Client<SelectionDetail, Selection>;
	/** Pages of the table added by "Show more", for the first page they follow. */
	private morePages = $state.raw<{ after: ActivityRow[]; rows: ActivityRow[] }>({ after: [], rows: [] });

	constructor(dataBase: string, environment?: { session?: SessionEnvironment; clock?: ProbeClock }) {
		this.probe = new PerfProbe(environment?.clock);
		// Each filter input asks the engine at once, rather than when the effects next run.
		this.view = new ViewState(
			() => this.probe.noteInput(),
			() => this.coordinator.askNow()
		);
		this.session = new DatasetSession(dataBase, environment?.session);
		const { view, session } = this;
		this.coordinator = new Coordinator({
			get runner() {
				return session.runner;
			},
			get version() {
				return session.version;
			},
			get filters() {
				return view.filters;
			}
		});
		this.figures = this.coordinator.client<MapAndCharts, null>({
			name: 'map and charts',
			inputs: () => null,
			query: (db, filters) => mapAndCharts(db, filters, CHART_DIMENSIONS)
		});
		this.table = this.coordinator.client<ActivityRow[], TableSort>({
			name: 'table',
			inputs: () => $state.snapshot(view.sort),
			demand: () => (this.tableInView ? 'active' : 'hidden'),
			query: (db, filters, sort) => activityRows(db, filters, sort, { limit: PAGE_SIZE })
		});
		this.detailClient = this.coordinator.client<SelectionDetail, Selection>({
			name: 'selection detail',
			inputs: () => $state.snapshot(view.selection) as Selection,
			demand: () => (view.selection.kind === 'none' ? 'none' : 'active'),
			query: (db, filters, selection) => (selection.kind === 'none' ? Promise.resolve(NO_DETAIL) : selectionDetail(db, selection, filters))
		});
		this.coordinator.onSettled(({ answered }) => {
			const settled = ++this.settles;
			const shown = this.probe.figuresShown(answered, true, () => settled === this.settles);
			// Once the page is interactive, the first filtered query's extra cost is paid before anyone clicks.
			if (settled === 1) void shown.then(() => session.runner && warmFilteredQuery(session.runner, session.reference));
		});
	}

	private settles = 0;
	private lastLinks: CouncilLink[] = [];

	private figuresNow = $derived.by(() => (this.figures.current.kind === 'ready' ? this.figures.current.value : undefined));
	/** Activities matching the filters; undefined until the first figures (and after a dataset swap). */
	total = $derived.by(() => this.figuresNow?.total);
	councils = $derived.by(() => this.figuresNow?.councils ?? []);
	/** Unchanged links keep their array, so the map is not handed the same lines again. */
	links = $derived.by(() => {
		const next = this.figuresNow?.links ?? [];
		if (sameLinks(next, this.lastLinks)) return this.lastLinks;
		this.lastLinks = next;
		return next;
	});
	national = $derived.by(() => this.figuresNow?.national ?? 0);
	charts = $derived.by<Charts>(() => this.figuresNow?.charts ?? emptyCharts());
	/** The table's rows loaded so far: the first page, then more on request. */
	rows = $derived.by(() => {
		const first = this.table.current.kind === 'ready' ? this.table.current.value : [];
		return this.morePages.after === first ? [...first, ...this.morePages.rows] : first;
	});
	/** The table shows rows for other filters than the current ones (it was off screen, or is being re-queried). */
	tableStale = $derived.by(() => this.table.stale || (this.table.inFlight && this.table.wantedKey !== this.table.answeredKey));
	/** Figures are on screen (from the summary or the engine). */
	hasFigures = $derived.by(() => this.figuresNow !== undefined);
	/** True while a view on screen waits for figures for the current filters. */
	pending = $derived.by(() => this.coordinator.pending);
	/**
	 * Derived from the selection and the detail client's answer, so the query never reads what
	 * it writes; the previous answer stays on screen while the next loads.
	 */
	detail = $derived.by<SelectionDetail>(() => {
		if (this.view.selection.kind === 'none') return NO_DETAIL;
		const answer = this.detailClient.current;
		return answer.kind === 'ready' ? answer.value : answer.kind === 'failed' ? { kind: 'missing', what: answer.message } : LOADING_DETAIL;
	});

	councilName = $derived.by(() => {
		const names = new Map(this.session.reference?.councils.map((c) => [c.code, c.name]) ?? []);
		return (code: string) => names.get(code) ?? code;
	});

	// The view's parts, read and written where the views expect them.
	get filters() {
		return this.view.filters;
	}
	set filters(filters: Filters) {
		this.view.filters = filters;
	}
	get selection() {
		return this.view.selection;
	}
	get sort() {
		return this.view.sort;
	}
	set sort(sort: TableSort) {
		this.view.sort = sort;
	}
	get mapView() {
		return this.view.map;
	}
	set mapView(map: MapView | undefined) {
		this.view.map = map;
	}
	get showNational() {
		return this.view.showNational;
	}
	set showNational(show: boolean) {
		this.view.showNational = show;
	}

	// The dataset's parts.
	get db() {
		return this.session.engine;
	}
	get dataset() {
		return this.session.source;
	}
	get datasetNotice() {
		return this.session.notice;
	}
	set datasetNotice(notice: DatasetNotice | undefined) {
		this.session.notice = notice;
	}
	get dataVersion() {
		return this.session.version;
	}
	get reference() {
		return this.session.reference;
	}
	get survey() {
		return this.session.survey;
	}
	get grandTotal() {
		return this.session.grandTotal;
	}
	get preparing() {
		return this.session.preparing;
	}
	get ready() {
		return this.session.ready;
	}

	/**
	 * Starts the queries, then the engine with the dataset to show. For the default view of the
	 * embedded data, the build's summary is on screen while DuckDB-WASM starts (drawn into the
	 * prerendered page, or fetched); filters chosen meanwhile wait for it. Gives the function
	 * that stops the queries, and when the start is over.
	 */
	start(options: { saved?: SavedDataset; synthetic?: { activities: number; seed: number } } = {}): { stop: () => void; started: Promise<void> } {
		const stop = this.coordinator.connect();
		if (this.seeded) void this.probe.prerenderedPaint();
		const started = this.session
			.start({ ...options, warm: (runner) => this.figures.spec.query(runner, $state.snapshot(this.view.filters) as Filters, null) }, (showsEmbedded) => {
				if (!showsEmbedded && this.seeded) {
					// An import saved in this browser is what will show: the embedded figures go.
					this.coordinator.reset();
					this.session.grandTotal = undefined;
				} else if (showsEmbedded) void this.showSummary();
			})
			.then(() => {
				if (this.session.ready) this.probe.dbReady();
			});
		return { stop, started };
	}

	/** The figures on screen came from the build's summary, not the engine. */
	private seeded = false;

	/**
	 * Shows the default view's figures from the build's summary at once: in the prerendered HTML,
	 * and when the browser takes that HTML over, so both draw the same. Only for the embedded
	 * data's default view, which is all the summary describes.
	 */
	seedSummary(summary: AtlasSummary) {
		if (!isDefaultView(this.view.filters, this.view.sort)) return;
		this.session.showSummaryReference(summary);
		// The engine's first answers still replace these. Not the table's rows: they are below the
		// fold, and in the prerendered page would double its size.
		const { rows: _rows, ...figures } = summary.figures;
		this.figures.seed(figures, requestKey(0, emptyFilters(), null));
		this.seeded = true;
	}

	/** Draws the default view from the build's summary, unless it is on screen already or the engine got there first. */
	private async showSummary() {
		if (this.seeded || !isDefaultView(this.view.filters, this.view.sort)) return;
		const summary: AtlasSummary | undefined = await this.session.summary();
		if (!summary || this.session.ready || this.hasFigures) return;
		this.seedSummary(summary);
		const settled = ++this.settles;
		await this.probe.figuresShown(performance.now(), false, () => settled === this.settles);
	}

	/** The map registers how to wait for its next frame with the figures in it, and for its next idle frame. */
	setMapSettle(settle: MapSettle | undefined) {
		this.probe.setMapSettle(settle);
	}

	/** Swaps in a whole dataset; if it fails, the loaded data and every view stay as they were. */
	async replaceDataset(files: DatasetFiles, source: DatasetSource) {
		await this.session.replaceDataset(files, source);
		// Filters chosen for the old data would greet the new data with "0 of N"; it opens whole,
		// and every view shows "…" until it has queried the new data.
		this.view.filters = emptyFilters();
		this.view.selection = { kind: 'none' };
		this.coordinator.reset();
	}

	/** Appends the table's next page; false if the filters or sort changed meanwhile. */
	async loadMoreRows(): Promise<boolean> {
		const runner = this.session.runner;
		if (!runner || this.tableStale || this.table.current.kind !== 'ready') return false;
		const first = this.table.current.value;
		const shown = this.rows;
		const more = await activityRows(runner, $state.snapshot(this.view.filters), $state.snapshot(this.view.sort), {
			limit: PAGE_SIZE,
			offset: shown.length
		});
		if (this.table.current.kind !== 'ready' || this.table.current.value !== first || this.rows !== shown) return false;
		this.morePages = { after: first, rows: [...(this.morePages.after === first ? this.morePages.rows : []), ...more] };
		return true;
	}

	/** Every filtered row in table order, for the CSV download. */
	async allRows(): Promise<ActivityRow[]> {
		const runner = this.session.runner;
		if (!runner) return this.rows;
		return activityRows(runner, $state.snapshot(this.view.filters), $state.snapshot(this.view.sort));
	}

	/** The sources the filtered activities cite, for the Excel download. */
	async citedSources(): Promise<CitedSourceRow[]> {
		const runner = this.session.runner;
		return runner ? citedSources(runner, $state.snapshot(this.view.filters)) : [];
	}

	toggle(dimension: ListDimension, value: string) {
		this.view.toggle(dimension, value);
	}

	setValues(dimension: ListDimension, values: string[]) {
		this.view.setValues(dimension, values);
	}

	setSearch(search: string) {
		this.view.setSearch(search);
	}

	/** "In operation in YEAR" (null: any year). */
	setYear(year: number | null) {
		this.view.setYear(year);
	}

	clearFilters() {
		this.view.clearFilters();
	}

	select(selection: Selection) {
		this.view.selection = selection;
	}

	/** Shows exactly this view, Insight tab included. */
	applyView(view: SavedView) {
		this.view.apply(view);
	}

	saved(): SavedView {
		return this.view.saved();
	}
}

const KEY = Symbol('atlas');
export const provideAtlas = (atlas: AtlasState) => setContext(KEY, atlas);
export const useAtlas = () => getContext<AtlasState>(KEY);
