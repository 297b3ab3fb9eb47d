import { getContext, setContext } from 'svelte';
import { getDb } from '$lib/data/duckdb';
import type { Filters } from '$lib/data/filters';
import type { MatrixOrder } from '$lib/data/insight';
import {
	compareCouncils,
	councilFigures,
	opportunityFinder,
	sharedMatrix,
	spectrumActivities,
	type AtlasDb,
	type Comparison,
	type CouncilFigures,
	type OpportunityFinding,
	type SharedMatrix,
	type SpectrumPage
} from '$lib/data/queries';
import type { InsightTab, InsightView, LinkColour, ViewState } from './view-url';
import { QueryResult } from './query-result.svelte';

import type { Loadable } from './query-result.svelte';
export type { Loadable };

/** A page of the spectrum list: the table is a disclosure below the chart, rarely read to the end. */
export const SPECTRUM_PAGE = 100;

type Answers<Q> = { readonly [K in keyof Q]: Q[K] extends QueryResult<infer T> ? Loadable<T> : never };

function answersOf<Q extends Record<string, QueryResult<unknown>>>(queries: Q): Answers<Q> {
	const answers = {};
	for (const key of Object.keys(queries)) Object.defineProperty(answers, key, { get: () => queries[key].current, enumerable: true });
	return answers as Answers<Q>;
}

/** How the map marks a council while the opportunity finder has an answer. */
export type OpportunityMark = 'chosen' | 'neighbour' | 'region';

export interface NetworkData {
	matrix: SharedMatrix;
	figures: CouncilFigures[];
}

/** The spectrum chart's counts come with the dashboard's charts (AtlasState.charts), in the same statement. */
export type SpectrumData = SpectrumPage;

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
	/** How many rows of the spectrum list to show; "Show more" adds a page. */
	spectrumRows = $state(SPECTRUM_PAGE);
	/** A request for the map to frame these councils (a new object each time, so a repeat request still moves it). */
	mapFocus = $state.raw<{ codes: string[] } | undefined>(undefined);

	private queries = {
		opportunities: new QueryResult<OpportunityFinding>(),
		network: new QueryResult<NetworkData>(),
		spectrum: new QueryResult<SpectrumData>(),
		comparison: new QueryResult<Comparison | undefined>()
	};

	/** Each view's latest answer, read per view so one view's answer does not redraw the others. */
	readonly results = answersOf(this.queries);

	/** Candidate councils on the map, while the finder is the active tab and has answered. */
	opportunityMarks = $derived.by((): Map<string, OpportunityMark> => {
		const marks = new Map<string, OpportunityMark>();
		const found = this.results.opportunities;
		if (this.tab !== 'opportunities' || !this.opportunityCouncil || found.kind !== 'ready') return marks;
		for (const candidate of found.value.opportunities) marks.set(candidate.code, candidate.isNeighbour ? 'neighbour' : 'region');
		marks.set(this.opportunityCouncil, 'chosen');
		return marks;
	});

	private runner = $state.raw<AtlasDb | undefined>(undefined);

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
				if (!council) return this.queries.opportunities.clear();
				await this.queries.opportunities.load(() => opportunityFinder(runner, { council, area }, filters));
				break;
			}
			case 'network': {
				const national = this.networkNational;
				await this.queries.network.load(async () => {
					const [matrix, figures] = await Promise.all([sharedMatrix(runner, filters, national), councilFigures(runner, filters)]);
					return { matrix, figures };
				});
				break;
			}
			case 'spectrum':
				const limit = this.spectrumRows;
				await this.queries.spectrum.load(() => spectrumActivities(runner, filters, { limit }));
				break;
			case 'compare': {
				const { compareA: a, compareB: b } = this;
				if (!a || !b) return this.queries.comparison.clear();
				await this.queries.comparison.load(() => compareCouncils(runner, a, b, filters));
				break;
			}
		}
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

	/**
	 * Shows exactly this view: whatever it does not name goes back to its default, so a slide saved
	 * on the plain dashboard does not keep the opportunity outline the previous slide left.
	 */
	applyView(view: Pick<ViewState, 'insight' | 'linkColour'>) {
		this.linkColour = view.linkColour ?? 'reach';
		const insight: InsightView = view.insight ?? { tab: 'opportunities' };
		this.tab = insight.tab;
		this.opportunityCouncil = insight.tab === 'opportunities' ? (insight.council ?? '') : '';
		this.opportunityArea = insight.tab === 'opportunities' ? (insight.area ?? '') : '';
		this.networkOrder = insight.tab === 'network' ? insight.order : 'region';
		this.networkNational = insight.tab === 'network' ? insight.national : false;
		this.compareA = insight.tab === 'compare' ? (insight.a ?? '') : '';
		this.compareB = insight.tab === 'compare' ? (insight.b ?? '') : '';
		this.mapFocus = undefined;
	}

}

const KEY = Symbol('insight');
export const provideInsight = (insight: InsightState) => setContext(KEY, insight);
/** Undefined where no Insight section is on the page (the map then behaves as before). */
export const useInsight = () => getContext<InsightState | undefined>(KEY);
