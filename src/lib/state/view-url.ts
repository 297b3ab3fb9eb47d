import { filtersFromParams, filtersToParams, type Filters } from '$lib/data/filters';
import type { SortKey } from '$lib/data/queries';
import { DEFAULT_SORT, type TableSort } from '$lib/data/figures';
import { MATRIX_ORDERS, type MatrixOrder } from '$lib/data/insight';

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

export const INSIGHT_TABS = ['opportunities', 'spectrum', 'network', 'compare'] as const;
export type InsightTab = (typeof INSIGHT_TABS)[number];

/** The Insight section's active tab and that tab's own settings (the URL keeps only the active one's). */
export type InsightView =
	| { tab: 'opportunities'; council?: string; area?: string }
	| { tab: 'spectrum' }
	| { tab: 'network'; order: MatrixOrder; national: boolean }
	| { tab: 'compare'; a?: string; b?: string };

export type LinkColour = 'reach' | 'spectrum';

/** Everything a shared link restores. */
export interface SavedView {
	filters: Filters;
	selection: Selection;
	sort: TableSort;
	map: MapView | undefined;
	showNational: boolean;
	/** Absent while the Insight section is untouched. */
	insight?: InsightView;
	/** What map links are coloured by; absent means reach. */
	linkColour?: LinkColour;
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

export function viewToParams(view: SavedView): URLSearchParams {
	const params = filtersToParams(view.filters);
	const selection = selectionToString(view.selection);
	if (selection) params.set('sel', selection);
	if (view.sort.key !== DEFAULT_SORT.key || view.sort.descending !== DEFAULT_SORT.descending)
		params.set('sort', `${view.sort.key}${view.sort.descending ? ':desc' : ''}`);
	if (view.map) params.set('map', [view.map.lon.toFixed(3), view.map.lat.toFixed(3), view.map.zoom.toFixed(2)].join(','));
	if (view.showNational) params.set('national', '1');
	if (view.insight) insightToParams(view.insight, params);
	if (view.linkColour === 'spectrum') params.set('links', 'spectrum');
	return params;
}

function insightToParams(insight: InsightView, params: URLSearchParams) {
	params.set('insight', insight.tab);
	switch (insight.tab) {
		case 'opportunities':
			if (insight.council) params.set('opp', insight.area ? `${insight.council}~${insight.area}` : insight.council);
			break;
		case 'network':
			params.set('order', insight.order);
			if (insight.national) params.set('netnational', '1');
			break;
		case 'compare':
			if (insight.a || insight.b) params.set('compare', `${insight.a ?? ''}~${insight.b ?? ''}`);
			break;
	}
}

export function insightFromParams(params: URLSearchParams): InsightView | undefined {
	const tab = params.get('insight');
	switch (tab) {
		case 'opportunities': {
			const [council, area] = (params.get('opp') ?? '').split('~');
			return { tab, ...(council ? { council } : {}), ...(council && area ? { area } : {}) };
		}
		case 'spectrum':
			return { tab };
		case 'network': {
			const order = params.get('order') as MatrixOrder;
			return { tab, order: MATRIX_ORDERS.includes(order) ? order : 'region', national: params.get('netnational') === '1' };
		}
		case 'compare': {
			const [a, b] = (params.get('compare') ?? '').split('~');
			return { tab, ...(a ? { a } : {}), ...(b ? { b } : {}) };
		}
		default:
			return undefined;
	}
}

/** The furthest a Web Mercator map reaches north and south, and the zooms MapLibre draws. */
const MAX_LATITUDE = 85.05;
const MAX_ZOOM = 22;

/**
 * The map position a link gives (`lon,lat,zoom`), if MapLibre can show it. Anything else is
 * ignored, and `problem` says so: the map then opens on Scotland rather than breaking.
 */
export function mapFromParam(text: string | null): { map?: MapView; problem?: string } {
	if (text === null || text === '') return {};
	const parts = text.split(',').map((part) => (part.trim() === '' ? NaN : Number(part)));
	const [lon, lat, zoom] = parts;
	if (parts.length === 3 && Math.abs(lon) <= 180 && Math.abs(lat) <= MAX_LATITUDE && zoom >= 0 && zoom <= MAX_ZOOM)
		return { map: { lon, lat, zoom } };
	const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
	return {
		problem: `The map position in this link (“${shown}”) is not one the map can show, so the map opens on Scotland instead.`
	};
}

export function viewFromParams(params: URLSearchParams): SavedView {
	const [sortKey, direction] = (params.get('sort') ?? '').split(':');
	const { map } = mapFromParam(params.get('map'));
	return {
		filters: filtersFromParams(params),
		selection: selectionFromString(params.get('sel')),
		sort: SORT_KEYS.includes(sortKey as SortKey)
			? { key: sortKey as SortKey, descending: direction === 'desc' }
			: { ...DEFAULT_SORT },
		map,
		showNational: params.get('national') === '1',
		insight: insightFromParams(params),
		linkColour: params.get('links') === 'spectrum' ? 'spectrum' : undefined
	};
}
