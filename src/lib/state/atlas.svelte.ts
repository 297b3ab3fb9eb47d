import { getContext, setContext } from 'svelte';
import { getDb, onDbState, type DbState } from '$lib/data/duckdb';
import { emptyFilters, toggleValue, type Filters, type ListDimension } from '$lib/data/filters';
import {
	activityDetail,
	activityRows,
	councilCounts,
	councilLinks,
	councilProfile,
	countActivities,
	dimensionCounts,
	nationalCount,
	reference,
	sharedActivities,
	surveyTables,
	type ActivityDetail,
	type ActivityRow,
	type ChartDimension,
	type CouncilCount,
	type CouncilLink,
	type CouncilProfile,
	type CountRow,
	type Reference,
	type AtlasDb,
	type SurveyRow
} from '$lib/data/queries';
import type { DatasetFiles } from '$lib/data/schema';
import { DEFAULT_SORT, type MapView, type Selection, type TableSort, type ViewState } from './view-url';

export type { Selection } from './view-url';

/** Which dataset the views show; the header badge names it so nobody mistakes one for another. */
export type DatasetSource =
	| { kind: 'embedded' }
	| { kind: 'imported'; fileName: string; activities: number; importedAt: string }
	| { kind: 'synthetic'; activities: number; seed: number };

/** A dataset kept from an earlier visit (an import saved in the browser), offered when the app starts. */
export interface SavedDataset {
	load(): Promise<{ files: DatasetFiles; source: DatasetSource } | undefined>;
	/** Called when the saved dataset no longer loads, so it is not tried again on every visit. */
	discard(): Promise<void>;
}

export const CHART_DIMENSIONS = ['serviceAreas', 'types', 'reaches', 'mechanisms', 'startYears'] as const satisfies ChartDimension[];
type Charts = Record<(typeof CHART_DIMENSIONS)[number], CountRow[]>;

/** What the side panel shows for the current selection, once its query has answered. */
export type SelectionDetail =
	| { kind: 'none' }
	| { kind: 'loading' }
	| { kind: 'council'; profile: CouncilProfile }
	| { kind: 'link'; a: string; b: string; activities: ActivityRow[] }
	| { kind: 'activity'; activity: ActivityDetail }
	| { kind: 'missing'; what: string };

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
	datasetNotice = $state<string | undefined>(undefined);
	/** Bumped when a new dataset is swapped in, so every figure is queried again. */
	dataVersion = $state(0);
	reference = $state<Reference | undefined>(undefined);
	total = $state<number | undefined>(undefined);
	grandTotal = $state<number | undefined>(undefined);
	councils = $state<CouncilCount[]>([]);
	links = $state<CouncilLink[]>([]);
	national = $state(0);
	charts = $state<Charts>({ serviceAreas: [], types: [], reaches: [], mechanisms: [], startYears: [] });
	rows = $state<ActivityRow[]>([]);
	survey = $state<SurveyRow[]>([]);
	detail = $state<SelectionDetail>({ kind: 'none' });
	/** Milliseconds from the last filter change to every view's data being in place. */
	lastUpdateMillis = $state<number | undefined>(undefined);

	councilName = $derived.by(() => {
		const names = new Map(this.reference?.councils.map((c) => [c.code, c.name]) ?? []);
		return (code: string) => names.get(code) ?? code;
	});

	private runner = $state.raw<AtlasDb | undefined>(undefined);
	private figuresGeneration = 0;
	private detailGeneration = 0;

	constructor(private dataBase: string) {}

	/**
	 * A saved dataset is swapped in before the views first query, so the embedded figures never
	 * flash up ahead of it; if it no longer loads, the embedded data stays and the user is told.
	 */
	async start(saved?: SavedDataset) {
		onDbState((state) => (this.db = state));
		// Read while the engine starts, so a visit without an import waits for nothing extra.
		const pending = saved?.load().catch(() => undefined);
		let runner: AtlasDb;
		try {
			runner = await getDb(this.dataBase);
		} catch {
			return; // the failure is in `db` for the UI to show
		}
		const stored = await pending;
		if (stored) {
			try {
				await runner.replaceDataset(stored.files);
				this.dataset = stored.source;
			} catch (error) {
				// The engine's first line is enough to report; its full text runs to a screenful.
				const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 160);
				this.datasetNotice = `The dataset imported earlier could not be loaded (${reason}), so the embedded dataset is showing.`;
				await saved?.discard().catch(() => undefined);
			}
		}
		this.runner = runner;
		await this.loadReference(runner);
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
		this.selection = { kind: 'none' };
		await this.loadReference(runner);
		// Named together with the new totals, so the badge never describes figures it is not beside;
		// the filtered count shows "…" until the views have queried the new data.
		this.dataset = source;
		this.total = undefined;
		this.dataVersion++;
	}

	get ready() {
		return this.runner !== undefined;
	}

	/** Re-runs every figure for these filters; answers that arrive after a newer request are dropped. */
	async refreshFigures(filters: Filters, sort: TableSort) {
		const runner = this.runner;
		if (!runner) return;
		const generation = ++this.figuresGeneration;
		const started = performance.now();
		const [total, councils, links, national, rows, ...chartRows] = await Promise.all([
			countActivities(runner, filters),
			councilCounts(runner, filters),
			councilLinks(runner, filters),
			nationalCount(runner, filters),
			activityRows(runner, filters, sort),
			...CHART_DIMENSIONS.map((dimension) => dimensionCounts(runner, dimension, filters))
		]);
		if (generation !== this.figuresGeneration) return;
		this.total = total;
		this.councils = councils;
		this.links = links;
		this.national = national;
		this.rows = rows;
		this.charts = Object.fromEntries(CHART_DIMENSIONS.map((d, i) => [d, chartRows[i]])) as Charts;
		this.lastUpdateMillis = Math.round(performance.now() - started);
	}

	async refreshDetail(selection: Selection, filters: Filters) {
		const runner = this.runner;
		if (!runner) return;
		const generation = ++this.detailGeneration;
		if (selection.kind === 'none') {
			this.detail = { kind: 'none' };
			return;
		}
		if (this.detail.kind === 'none') this.detail = { kind: 'loading' };
		let next: SelectionDetail;
		switch (selection.kind) {
			case 'council': {
				const profile = await councilProfile(runner, selection.code, filters);
				next = profile ? { kind: 'council', profile } : { kind: 'missing', what: `council ${selection.code}` };
				break;
			}
			case 'link':
				next = {
					kind: 'link',
					a: selection.a,
					b: selection.b,
					activities: await sharedActivities(runner, selection.a, selection.b, filters)
				};
				break;
			case 'activity': {
				const activity = await activityDetail(runner, selection.id);
				next = activity ? { kind: 'activity', activity } : { kind: 'missing', what: `activity “${selection.id}”` };
				break;
			}
		}
		if (generation === this.detailGeneration) this.detail = next;
	}

	toggle(dimension: ListDimension, value: string) {
		this.filters = toggleValue(this.filters, dimension, value);
	}

	setValues(dimension: ListDimension, values: string[]) {
		this.filters = { ...this.filters, [dimension]: values };
	}

	setSearch(search: string) {
		this.filters = { ...this.filters, search };
	}

	clearFilters() {
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
