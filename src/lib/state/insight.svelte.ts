import { getContext, setContext } from 'svelte';
import { getDb } from '$lib/data/duckdb';
import type { Filters } from '$lib/data/filters';
import type { MatrixOrder, Opportunity } from '$lib/data/insight';
import {
	compareCouncils,
	councilFigures,
	opportunities,
	sharedMatrix,
	spectrumActivities,
	type AtlasDb,
	type Comparison,
	type CouncilFigures,
	type SharedMatrix,
	type SpectrumActivity
} from '$lib/data/queries';
import type { InsightTab, InsightView, LinkColour, ViewState } from './view-url';

/** A query's answer as a view sees it. A refresh keeps showing the last answer until the next arrives. */
export type Loadable<T> = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; message: string };

type ValueOf<L> = L extends { kind: 'ready'; value: infer V } ? V : never;

interface Results {
	opportunities: Loadable<Opportunity[]>;
	network: Loadable<NetworkData>;
	spectrum: Loadable<SpectrumData>;
	comparison: Loadable<Comparison | undefined>;
}

/** How the map marks a council while the opportunity finder has an answer. */
export type OpportunityMark = 'chosen' | 'neighbour' | 'region';

export interface NetworkData {
	matrix: SharedMatrix;
	figures: CouncilFigures[];
}

/** The spectrum chart's counts come with the dashboard's charts (AtlasState.charts), in the same statement. */
export interface SpectrumData {
	activities: SpectrumActivity[];
}

/**
 * State of the Insight section: the active tab, each tab's own settings (kept while another tab
 * is shown), the map options it drives, and each view's latest answer.
 */
export class InsightState {
	tab = $state<InsightTab>('opportunities');
	opportunityCouncil = $state('');
	opportunityArea = $state('');
	networkOrder = $state<MatrixOrder>('region');
	networkNational = $state(false);
	compareA = $state('');
	compareB = $state('');
	linkColour = $state<LinkColour>('reach');
	/** A request for the map to frame these councils (a new object each time, so a repeat request still moves it). */
	mapFocus = $state.raw<{ codes: string[] } | undefined>(undefined);

	results = $state<Results>({
		opportunities: { kind: 'idle' },
		network: { kind: 'idle' },
		spectrum: { kind: 'idle' },
		comparison: { kind: 'idle' }
	});

	/** Candidate councils on the map, while the finder is the active tab and has answered. */
	opportunityMarks = $derived.by((): Map<string, OpportunityMark> => {
		const marks = new Map<string, OpportunityMark>();
		const found = this.results.opportunities;
		if (this.tab !== 'opportunities' || !this.opportunityCouncil || found.kind !== 'ready') return marks;
		for (const candidate of found.value) marks.set(candidate.code, candidate.isNeighbour ? 'neighbour' : 'region');
		marks.set(this.opportunityCouncil, 'chosen');
		return marks;
	});

	private runner = $state.raw<AtlasDb | undefined>(undefined);
	private generations: Record<keyof Results, number> = { opportunities: 0, network: 0, spectrum: 0, comparison: 0 };

	constructor(private dataBase: string) {}

	get ready() {
		return this.runner !== undefined;
	}

	/** The same engine the dashboard uses (getDb hands every caller one instance). */
	async start() {
		try {
			this.runner = await getDb(this.dataBase);
		} catch {
			// AtlasState reports the failure to the user.
		}
	}

	/** Queries the active tab's figures for these filters. */
	async refresh(filters: Filters) {
		const runner = this.runner;
		if (!runner) return;
		switch (this.tab) {
			case 'opportunities': {
				const council = this.opportunityCouncil;
				const area = this.opportunityArea;
				if (!council) return void (this.results.opportunities = { kind: 'idle' });
				await this.load('opportunities', () => opportunities(runner, { council, area }, filters));
				break;
			}
			case 'network': {
				const national = this.networkNational;
				await this.load('network', async () => {
					const [matrix, figures] = await Promise.all([sharedMatrix(runner, filters, national), councilFigures(runner, filters)]);
					return { matrix, figures };
				});
				break;
			}
			case 'spectrum':
				await this.load('spectrum', async () => ({ activities: await spectrumActivities(runner, filters) }));
				break;
			case 'compare': {
				const { compareA: a, compareB: b } = this;
				if (!a || !b) return void (this.results.comparison = { kind: 'idle' });
				await this.load('comparison', () => compareCouncils(runner, a, b, filters));
				break;
			}
		}
	}

	private async load<K extends keyof Results>(key: K, query: () => Promise<ValueOf<Results[K]>>) {
		const generation = ++this.generations[key];
		if (this.results[key].kind !== 'ready') this.results[key] = { kind: 'loading' } as Results[K];
		let next: Loadable<ValueOf<Results[K]>>;
		try {
			next = { kind: 'ready', value: await query() };
		} catch (error) {
			next = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
		}
		if (generation === this.generations[key]) this.results[key] = next as Results[K];
	}

	focusMap(codes: string[]) {
		this.mapFocus = { codes };
	}

	swapCompare() {
		[this.compareA, this.compareB] = [this.compareB, this.compareA];
	}

	/** The part of a shared link this section owns: the active tab's settings and the link colouring. */
	view(): Pick<ViewState, 'insight' | 'linkColour'> {
		return { insight: this.insightView(), linkColour: this.linkColour === 'spectrum' ? 'spectrum' : undefined };
	}

	private insightView(): InsightView | undefined {
		switch (this.tab) {
			case 'opportunities':
				if (!this.opportunityCouncil) return undefined;
				return {
					tab: 'opportunities',
					council: this.opportunityCouncil,
					...(this.opportunityArea ? { area: this.opportunityArea } : {})
				};
			case 'spectrum':
				return { tab: 'spectrum' };
			case 'network':
				return { tab: 'network', order: this.networkOrder, national: this.networkNational };
			case 'compare':
				return { tab: 'compare', ...(this.compareA ? { a: this.compareA } : {}), ...(this.compareB ? { b: this.compareB } : {}) };
		}
	}

	applyView(view: Pick<ViewState, 'insight' | 'linkColour'>) {
		this.linkColour = view.linkColour ?? 'reach';
		const insight = view.insight;
		if (!insight) return;
		this.tab = insight.tab;
		switch (insight.tab) {
			case 'opportunities':
				this.opportunityCouncil = insight.council ?? '';
				this.opportunityArea = insight.area ?? '';
				break;
			case 'network':
				this.networkOrder = insight.order;
				this.networkNational = insight.national;
				break;
			case 'compare':
				this.compareA = insight.a ?? '';
				this.compareB = insight.b ?? '';
				break;
		}
	}
}

const KEY = Symbol('insight');
export const provideInsight = (insight: InsightState) => setContext(KEY, insight);
/** Undefined where no Insight section is on the page (the map then behaves as before). */
export const useInsight = () => getContext<InsightState | undefined>(KEY);
