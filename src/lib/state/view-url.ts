import { filtersFromParams, filtersToParams, type Filters } from '$lib/data/filters';
import type { SortKey } from '$lib/data/queries';
import { DEFAULT_SORT, type TableSort } from '$lib/data/figures';

export type Selection =
	| { kind: 'none' }
	| { kind: 'council'; code: string }
	| { kind: 'link'; a: string; b: string }
	| { kind: 'activity'; id: string };

export interface MapView {
	lon: number;
	lat: number;
	zoom: number;
}

export type { TableSort } from '$lib/data/figures';

/** Everything a shared link restores. */
export interface ViewState {
	filters: Filters;
	selection: Selection;
	sort: TableSort;
	map: MapView | undefined;
	showNational: boolean;
}

const SORT_KEYS: SortKey[] = ['name', 'reach', 'status', 'start_year', 'council_count'];
export { DEFAULT_SORT } from '$lib/data/figures';

export function selectionToString(selection: Selection): string {
	switch (selection.kind) {
		case 'none':
			return '';
		case 'council':
			return `council:${selection.code}`;
		case 'link':
			return `link:${selection.a}~${selection.b}`;
		case 'activity':
			return `activity:${selection.id}`;
	}
}

export function selectionFromString(text: string | null): Selection {
	if (!text) return { kind: 'none' };
	const colon = text.indexOf(':');
	const kind = text.slice(0, colon);
	const value = text.slice(colon + 1);
	if (!value) return { kind: 'none' };
	if (kind === 'council') return { kind: 'council', code: value };
	if (kind === 'activity') return { kind: 'activity', id: value };
	if (kind === 'link') {
		const [a, b] = value.split('~');
		if (a && b) return { kind: 'link', a, b };
	}
	return { kind: 'none' };
}

export function viewToParams(view: ViewState): URLSearchParams {
	const params = filtersToParams(view.filters);
	const selection = selectionToString(view.selection);
	if (selection) params.set('sel', selection);
	if (view.sort.key !== DEFAULT_SORT.key || view.sort.descending !== DEFAULT_SORT.descending)
		params.set('sort', `${view.sort.key}${view.sort.descending ? ':desc' : ''}`);
	if (view.map) params.set('map', [view.map.lon.toFixed(3), view.map.lat.toFixed(3), view.map.zoom.toFixed(2)].join(','));
	if (view.showNational) params.set('national', '1');
	return params;
}

export function viewFromParams(params: URLSearchParams): ViewState {
	const [sortKey, direction] = (params.get('sort') ?? '').split(':');
	const mapParts = (params.get('map') ?? '').split(',').map(Number);
	const map =
		mapParts.length === 3 && mapParts.every(Number.isFinite) && Math.abs(mapParts[1]) <= 90
			? { lon: mapParts[0], lat: mapParts[1], zoom: mapParts[2] }
			: undefined;
	return {
		filters: filtersFromParams(params),
		selection: selectionFromString(params.get('sel')),
		sort: SORT_KEYS.includes(sortKey as SortKey)
			? { key: sortKey as SortKey, descending: direction === 'desc' }
			: { ...DEFAULT_SORT },
		map,
		showNational: params.get('national') === '1'
	};
}
