import type { Map as MapLibreMap } from 'maplibre-gl';

/**
 * Bottom-to-top order of every layer the Atlas draws. Layers are added by independent
 * components in any order; each asks here which layer to insert itself beneath.
 */
export const LAYER_ORDER = [
	'backdrop-fill',
	'councils-fill',
	'councils-outline',
	'councils-highlight',
	'links-casing',
	'links-regional',
	'links',
	'links-hit',
	// The council filter's outlines and the opportunity outlines sit over the links, or the links would hide them.
	'councils-chosen-casing',
	'councils-chosen',
	'councils-opportunity',
	'councils-opportunity-dashed',
	'council-labels'
] as const;

export type LayerId = (typeof LAYER_ORDER)[number];

export function assertLayerId(id: string): asserts id is LayerId {
	if (!(LAYER_ORDER as readonly string[]).includes(id)) {
		throw new Error(`Unknown map layer "${id}": add it to LAYER_ORDER in layer-order.ts`);
	}
}

/** The id of the first layer above `id` already on the map, to pass as addLayer's beforeId. */
export function beforeIdFor(id: string, present: (candidate: LayerId) => boolean): LayerId | undefined {
	assertLayerId(id);
	const above = LAYER_ORDER.slice(LAYER_ORDER.indexOf(id) + 1);
	return above.find((candidate) => present(candidate));
}

export function addOrderedLayer(map: MapLibreMap, layer: Parameters<MapLibreMap['addLayer']>[0] & { id: string }) {
	map.addLayer(layer, beforeIdFor(layer.id, (candidate) => map.getLayer(candidate) !== undefined));
}

/**
 * Switches line layers off and on. A line layer with nothing to show still draws every feature
 * at zero width, ~5–15 ms a frame on software WebGL; at layer opacity zero MapLibre skips it
 * outright, and unlike a visibility change this does not re-tile the layer's source. Any paint
 * change costs MapLibre a second frame, though, so this suits layers that change rarely (the
 * council marks), not ones a filter click would switch (the link spans).
 */
export function lineLayerSwitch(map: MapLibreMap) {
	const shown = new Map<LayerId, boolean>();
	return (id: LayerId, on: boolean) => {
		if (shown.get(id) === on) return;
		shown.set(id, on);
		map.setPaintProperty(id, 'line-layer-opacity', on ? 1 : 0);
	};
}
