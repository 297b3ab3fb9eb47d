/**
 * Which dataset this browser is showing, and the engine that holds it: engine start, an import
 * saved in this browser, generated (synthetic) data, the build's summary for the first paint, and
 * swapping in a new dataset. The dashboard and the printable briefing both use it, so a page
 * opened from the dashboard shows the same figures.
 */
import { emptyFilters } from '$lib/data/filters';
import { CHART_DIMENSIONS, type AtlasSummary } from '$lib/data/figures';
import { countActivities, mapAndCharts, reference, surveyTables, syntheticReference, type Reference, type SurveyRow } from '$lib/data/queries';
import type { AtlasDb } from '$lib/data/sql';
import type { DatasetFiles } from '$lib/data/schema';
import type { SyntheticDataset } from '$lib/data/synthetic';
import { getDb, onDbState, type DbState } from '$lib/data/duckdb';
import type { DatasetNotice } from './dataset-notice';

/** Which dataset the views show; the header badge names it so nobody mistakes one for another. */
export type DatasetSource =
	| { kind: 'embedded' }
	| { kind: 'imported'; fileName: string; activities: number; importedAt: string }
	| { kind: 'synthetic'; activities: number; seed: number };

/**
 * A dataset kept from an earlier visit (an import saved in the browser), offered when the app
 * starts. One that no longer loads is kept: only the user's "Discard it" deletes it.
 */
export interface SavedDataset {
	load(): Promise<{ files: DatasetFiles; source: DatasetSource } | undefined>;
}

/** What the session needs from outside; the browser's engine by default, fakes in tests. */
export interface SessionEnvironment {
	openEngine(dataBase: string): Promise<AtlasDb>;
	/** Follows the engine's start-up, for the progress shown in the header. */
	onEngineState(listener: (state: DbState) => void): void;
	fetchSummary(dataBase: string): Promise<AtlasSummary | undefined>;
	generateSynthetic(reference: Awaited<ReturnType<typeof syntheticReference>>, size: number, seed: number): Promise<SyntheticDataset>;
}

/** An error's first line, enough to report: the engine's full text runs to a screenful. */
export const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0].slice(0, 160);

/**
 * Runs the map-and-charts statement once with filters and drops its answer. The first filtered
 * query after start-up takes ~100 ms longer than later ones (the browser is still optimising
 * DuckDB-WASM's code, and the statement meets filter values for the first time); the dashboard
 * pays it while nobody is waiting, so the user's first click does not.
 */
export async function warmFilteredQuery(runner: AtlasDb, ref: Reference | undefined) {
	const area = ref?.serviceAreas[0]?.id;
	if (!area) return;
	await mapAndCharts(runner, { ...emptyFilters(), reaches: ['cluster'], serviceAreas: [area] }, CHART_DIMENSIONS).catch(() => undefined);
}

export interface StartOptions {
	saved?: SavedDataset;
	synthetic?: { activities: number; seed: number };
	/**
	 * Work on the engine before it takes over from the summary, such as the first view's own query,
	 * whose answer the engine then keeps: the page is interactive as soon as the engine takes over.
	 */
	warm?: (runner: AtlasDb) => Promise<unknown>;
}

export class DatasetSession {
	engine = $state<DbState>({ kind: 'idle' });
	source = $state<DatasetSource>({ kind: 'embedded' });
	/** Something the user should know about which dataset is showing, e.g. a saved import that failed to load. */
	notice = $state<DatasetNotice | undefined>(undefined);
	/** Bumped when a new dataset is swapped in, so every figure is queried again. */
	version = $state(0);
	// Replaced whole, never edited in place: raw state spares Svelte from proxying the lists.
	reference = $state.raw<Reference | undefined>(undefined);
	survey = $state.raw<SurveyRow[]>([]);
	grandTotal = $state<number | undefined>(undefined);
	/** What is being done between the engine being up and the data being ready (e.g. generating). */
	preparing = $state<string | undefined>(undefined);
	/** The engine, once it holds the dataset to show; queries wait for this. */
	runner = $state.raw<AtlasDb | undefined>(undefined);

	private summaryFetch: Promise<AtlasSummary | undefined> | undefined;

	constructor(
		readonly dataBase: string,
		private environment: SessionEnvironment = browserEnvironment
	) {}

	get ready() {
		return this.runner !== undefined;
	}

	/** The build's summary of the embedded data's default view, when the page already has it. */
	offerSummary(summary: AtlasSummary) {
		this.summaryFetch ??= Promise.resolve(summary);
	}

	/** The build's summary, fetched if nobody offered it; only the default view may use it. */
	summary(): Promise<AtlasSummary | undefined> {
		this.summaryFetch ??= this.environment.fetchSummary(this.dataBase).catch(() => undefined);
		return this.summaryFetch;
	}

	/**
	 * Starts the engine and swaps in the dataset to show: generated activities with `synthetic`,
	 * else an import saved in this browser, else the embedded data. A saved import is read while
	 * the engine starts, so a visit without one waits for nothing extra. `beforeEngine` hears
	 * whether the embedded data is what will show (no saved import), as soon as that is known,
	 * so the summary can be drawn meanwhile. If the saved import no longer loads, the embedded
	 * data stays and `notice` says so; the saved import is kept for the user to retry or discard.
	 */
	async start(options: StartOptions = {}, beforeEngine?: (showsEmbedded: boolean) => void) {
		const { saved, synthetic, warm } = options;
		this.environment.onEngineState((state) => (this.engine = state));
		// A synthetic dataset is for testing: it leaves a saved import alone, neither loaded nor discarded.
		const pending: Promise<{ stored?: Awaited<ReturnType<SavedDataset['load']>>; unreadable?: string }> = synthetic
			? Promise.resolve({})
			: (saved?.load() ?? Promise.resolve(undefined)).then(
					(stored) => ({ stored }),
					(error: unknown) => ({ unreadable: firstLine(error) })
				);
		void pending.then((outcome) => beforeEngine?.(!synthetic && !outcome.stored));
		let runner: AtlasDb;
		try {
			runner = await this.environment.openEngine(this.dataBase);
			if (synthetic) await this.loadSynthetic(runner, synthetic.activities, synthetic.seed);
		} catch (error) {
			// An engine failure is in `engine` for the UI to show; a generation failure is reported the same way.
			if (this.engine.kind !== 'failed') this.engine = { kind: 'failed', message: firstLine(error) };
			return;
		}
		const outcome = await pending;
		let unreadable = outcome.unreadable;
		if (outcome.stored) {
			try {
				await runner.replaceDataset(outcome.stored.files);
				this.source = outcome.stored.source;
			} catch (error) {
				unreadable = firstLine(error);
			}
		}
		if (unreadable) this.notice = { kind: 'stored-import-unloadable', reason: unreadable };
		await this.loadReference(runner);
		if (warm) await warm(runner).catch(() => undefined);
		this.runner = runner;
	}

	private async loadSynthetic(runner: AtlasDb, activities: number, seed: number) {
		this.preparing = `Generating ${activities.toLocaleString('en-GB')} synthetic activities`;
		const dataset = await this.environment.generateSynthetic(await syntheticReference(runner), activities, seed);
		this.preparing = 'Loading the synthetic activities';
		await runner.replaceWithSynthetic(dataset);
		this.source = { kind: 'synthetic', activities, seed };
		this.preparing = undefined;
	}

	/** The figures that stand for the whole dataset: reference lists, the survey, the total. */
	private async loadReference(runner: AtlasDb) {
		const [ref, survey, grandTotal] = await Promise.all([reference(runner), surveyTables(runner), countActivities(runner, emptyFilters())]);
		this.reference = ref;
		this.survey = survey;
		this.grandTotal = grandTotal;
	}

	/** Shows the summary's reference figures while the engine starts (only the embedded data's). */
	showSummaryReference(summary: AtlasSummary) {
		if (this.runner) return;
		this.reference = summary.reference;
		this.survey = summary.survey;
		this.grandTotal = summary.grandTotal;
	}

	/** Swaps in a whole dataset; if it fails, the loaded data and every view stay as they were. */
	async replaceDataset(files: DatasetFiles, source: DatasetSource) {
		const runner = this.runner;
		if (!runner) throw new Error('The query engine is not ready yet');
		await runner.replaceDataset(files);
		await this.loadReference(runner);
		// Named together with the new totals, so the badge never describes figures it is not beside.
		this.source = source;
		this.version++;
	}
}

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

/** The browser's engine (one per page, shared by every caller), summary and generator. */
export const browserEnvironment: SessionEnvironment = {
	openEngine: getDb,
	onEngineState: (listener) => void onDbState(listener),
	fetchSummary: async (dataBase) => {
		const response = await fetch(`${dataBase}/summary.json`);
		return response.ok ? ((await response.json()) as AtlasSummary) : undefined;
	},
	generateSynthetic: generateInWorker
};
