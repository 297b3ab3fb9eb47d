import { getContext, setContext } from 'svelte';
import type { MatrixOrder } from '$lib/data/insight';
import type { Client, Coordinator, Demand, Loadable } from '$lib/data/coordinator.svelte';
import {
	compareCouncils,
	councilFigures,
	opportunityFinder,
	sharedMatrix,
	spectrumActivities,
	type Comparison,
	type CouncilFigures,
	type OpportunityFinding,
	type SharedMatrix,
	type SpectrumPage
} from '$lib/data/queries';
import type { InsightTab, LinkColour } from './view-url';
import type { ViewState } from './view-state.svelte';

export type { Loadable };

/** A page of the spectrum list: the table is a disclosure below the chart, rarely read to the end. */
export const SPECTRUM_PAGE = 100;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Answers<Q> = { readonly [K in keyof Q]: Q[K] extends Client<infer T, any> ? Loadable<T> : never };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function answersOf<Q extends Record<string, Client<any, any>>>(queries: Q): Answers<Q> {
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

/** The four views' queries; each runs only while its tab is shown and it has what it needs. */
function insightClients(view: ViewState, coordinator: Coordinator, spectrumRows: () => number) {
	const shownAs = (tab: InsightTab): Demand => (view.tab === tab ? 'active' : 'hidden');
	return {
		opportunities: coordinator.client({
			name: 'opportunities',
			inputs: () => ({ council: view.opportunityCouncil, area: view.opportunityArea }),
			demand: () => (view.opportunityCouncil ? shownAs('opportunities') : 'none'),
			query: (db, filters, choice) => opportunityFinder(db, choice, filters)
		}),
		network: coordinator.client({
			name: 'network',
			inputs: () => ({ national: view.networkNational }),
			demand: () => shownAs('network'),
			query: async (db, filters, { national }): Promise<NetworkData> => {
				const [matrix, figures] = await Promise.all([sharedMatrix(db, filters, national), councilFigures(db, filters)]);
				return { matrix, figures };
			}
		}),
		spectrum: coordinator.client({
			name: 'spectrum',
			inputs: () => ({ limit: spectrumRows() }),
			demand: () => shownAs('spectrum'),
			query: (db, filters, { limit }): Promise<SpectrumData> => spectrumActivities(db, filters, { limit })
		}),
		comparison: coordinator.client({
			name: 'comparison',
			inputs: () => ({ a: view.compareA, b: view.compareB }),
			demand: () => (view.compareA && view.compareB ? shownAs('compare') : 'none'),
			query: (db, filters, { a, b }): Promise<Comparison | undefined> => compareCouncils(db, a, b, filters)
		})
	};
}

/**
 * The Insight section: its four views' queries (only the shown tab's runs), the spectrum list's
 * paging and the map options it drives. The tab and each tab's choices live in the ViewState,
 * since a link or slide restores them; they are read and written here under their old names.
 */
export class InsightState {
	/** How many rows of the spectrum list to show; "Show more" adds a page. */
	spectrumRows = $state(SPECTRUM_PAGE);
	/** A request for the map to frame these councils (a new object each time, so a repeat request still moves it). */
	mapFocus = $state.raw<{ codes: string[] } | undefined>(undefined);

	/** Each view's latest answer, read per view so one view's answer does not redraw the others. */
	readonly results: Answers<ReturnType<typeof insightClients>>;

	constructor(
		private view: ViewState,
		coordinator: Coordinator
	) {
		this.results = answersOf(insightClients(view, coordinator, () => this.spectrumRows));
	}

	/** Candidate councils on the map, while the finder is the active tab and has answered. */
	opportunityMarks = $derived.by((): Map<string, OpportunityMark> => {
		const marks = new Map<string, OpportunityMark>();
		const found = this.results.opportunities;
		if (this.tab !== 'opportunities' || !this.opportunityCouncil || found.kind !== 'ready') return marks;
		for (const candidate of found.value.opportunities) marks.set(candidate.code, candidate.isNeighbour ? 'neighbour' : 'region');
		marks.set(this.opportunityCouncil, 'chosen');
		return marks;
	});

	get tab() {
		return this.view.tab;
	}
	set tab(tab: InsightTab) {
		this.view.tab = tab;
	}
	get opportunityCouncil() {
		return this.view.opportunityCouncil;
	}
	set opportunityCouncil(code: string) {
		this.view.opportunityCouncil = code;
	}
	get opportunityArea() {
		return this.view.opportunityArea;
	}
	set opportunityArea(area: string) {
		this.view.opportunityArea = area;
	}
	get networkOrder() {
		return this.view.networkOrder;
	}
	set networkOrder(order: MatrixOrder) {
		this.view.networkOrder = order;
	}
	get networkNational() {
		return this.view.networkNational;
	}
	set networkNational(national: boolean) {
		this.view.networkNational = national;
	}
	get compareA() {
		return this.view.compareA;
	}
	set compareA(code: string) {
		this.view.compareA = code;
	}
	get compareB() {
		return this.view.compareB;
	}
	set compareB(code: string) {
		this.view.compareB = code;
	}
	get linkColour() {
		return this.view.linkColour;
	}
	set linkColour(colour: LinkColour) {
		this.view.linkColour = colour;
	}

	focusMap(codes: string[]) {
		this.mapFocus = { codes };
	}

	swapCompare() {
		this.view.swapCompare();
	}

	/** A slide or link is shown: the map's framing request belongs to the view it replaces. */
	viewReplaced() {
		this.mapFocus = undefined;
	}
}

const KEY = Symbol('insight');
export const provideInsight = (insight: InsightState) => setContext(KEY, insight);
/** Undefined where no Insight section is on the page (the map then behaves as before). */
export const useInsight = () => getContext<InsightState | undefined>(KEY);
