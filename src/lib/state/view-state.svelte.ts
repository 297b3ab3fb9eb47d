/**
 * Everything a shared link or a saved slide holds, and nothing else: the filters, the selection,
 * the table's sort, the map's position, and the Insight tab with its choices. Serialisable by
 * construction: `saved()` gives it as data and `apply()` restores exactly that.
 */
import { emptyFilters, toggleValue, type Filters, type ListDimension } from '$lib/data/filters';
import type { MatrixOrder } from '$lib/data/insight';
import { DEFAULT_SORT, type InsightTab, type InsightView, type LinkColour, type MapView, type SavedView, type Selection, type TableSort } from './view-url';

export class ViewState {
	filters = $state<Filters>(emptyFilters());
	selection = $state<Selection>({ kind: 'none' });
	sort = $state<TableSort>({ ...DEFAULT_SORT });
	map = $state<MapView | undefined>(undefined);
	showNational = $state(false);
	linkColour = $state<LinkColour>('reach');
	/** The Insight tab shown, and each tab's own choices (kept while another tab is shown). */
	tab = $state<InsightTab>('opportunities');
	opportunityCouncil = $state('');
	opportunityArea = $state('');
	networkOrder = $state<MatrixOrder>('region');
	networkNational = $state(false);
	compareA = $state('');
	compareB = $state('');

	/**
	 * `onFilterInput` hears every filter change the user makes, before it (the performance probe
	 * times from it); `onFiltersChanged` hears it after, with the new filters in place.
	 */
	constructor(
		private onFilterInput: () => void = () => {},
		private onFiltersChanged: () => void = () => {}
	) {}

	/** A user's change of the filters. */
	private input(next: Filters) {
		this.onFilterInput();
		this.filters = next;
		this.onFiltersChanged();
	}

	toggle(dimension: ListDimension, value: string) {
		this.input(toggleValue(this.filters, dimension, value));
	}

	setValues(dimension: ListDimension, values: string[]) {
		this.input({ ...this.filters, [dimension]: values });
	}

	setSearch(search: string) {
		this.input({ ...this.filters, search });
	}

	/** "In operation in" a year, or any year (null). */
	setYear(year: number | null) {
		this.input({ ...this.filters, inYear: year });
	}

	clearFilters() {
		this.input(emptyFilters());
	}

	/**
	 * Shows exactly this view: whatever it does not name goes back to its default, so a slide saved
	 * on the plain dashboard does not keep the opportunity outline the previous slide left.
	 */
	apply(view: SavedView) {
		this.filters = view.filters;
		this.selection = view.selection;
		this.sort = view.sort;
		this.map = view.map;
		this.showNational = view.showNational;
		this.linkColour = view.linkColour ?? 'reach';
		const insight: InsightView = view.insight ?? { tab: 'opportunities' };
		this.tab = insight.tab;
		this.opportunityCouncil = insight.tab === 'opportunities' ? (insight.council ?? '') : '';
		this.opportunityArea = insight.tab === 'opportunities' ? (insight.area ?? '') : '';
		this.networkOrder = insight.tab === 'network' ? insight.order : 'region';
		this.networkNational = insight.tab === 'network' ? insight.national : false;
		this.compareA = insight.tab === 'compare' ? (insight.a ?? '') : '';
		this.compareB = insight.tab === 'compare' ? (insight.b ?? '') : '';
	}

	saved(): SavedView {
		return {
			filters: $state.snapshot(this.filters),
			selection: $state.snapshot(this.selection),
			sort: $state.snapshot(this.sort),
			map: $state.snapshot(this.map),
			showNational: this.showNational,
			insight: this.insight(),
			linkColour: this.linkColour === 'spectrum' ? 'spectrum' : undefined
		};
	}

	/** The active tab's settings only, as a link keeps them; absent while the section is untouched. */
	private insight(): InsightView | undefined {
		switch (this.tab) {
			case 'opportunities':
				if (!this.opportunityCouncil) return undefined;
				return { tab: 'opportunities', council: this.opportunityCouncil, ...(this.opportunityArea ? { area: this.opportunityArea } : {}) };
			case 'spectrum':
				return { tab: 'spectrum' };
			case 'network':
				return { tab: 'network', order: this.networkOrder, national: this.networkNational };
			case 'compare':
				return { tab: 'compare', ...(this.compareA ? { a: this.compareA } : {}), ...(this.compareB ? { b: this.compareB } : {}) };
		}
	}

	swapCompare() {
		[this.compareA, this.compareB] = [this.compareB, this.compareA];
	}
}
