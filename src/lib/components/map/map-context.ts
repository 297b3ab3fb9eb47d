import { getContext, setContext } from 'svelte';
import type { Map as MapLibreMap } from 'maplibre-gl';

/** What layer components get from the map they live in: the map once its style has loaded. */
export interface MapContext {
	readonly map: MapLibreMap | undefined;
}

const KEY = Symbol('maplibre');
export const provideMap = (context: MapContext) => setContext(KEY, context);
export const useMap = () => getContext<MapContext>(KEY);
