/**
 * Data reaches the map's features only as feature-state, so the geometry stays on the GPU and a
 * filter change redraws without re-tiling. Every layer joins its figures the same way, through
 * this one primitive (as svelte-maplibre's JoinedData does): it diffs the new states against the
 * ones it last set, sets only what changed and takes its keys off the features that left.
 */

export type FeatureStateValue = string | number | boolean;
export type FeatureStateRecord = Readonly<Record<string, FeatureStateValue>>;

export interface FeatureTarget {
	source: string;
	sourceLayer?: string;
	id: string;
}

/** The two calls of MapLibre's Map a join makes (unit tests pass a fake). */
export interface FeatureStateMap {
	setFeatureState(feature: FeatureTarget, state: Record<string, FeatureStateValue>): unknown;
	removeFeatureState(feature: FeatureTarget, key?: string): unknown;
}

const sameState = (a: FeatureStateRecord, b: FeatureStateRecord) => {
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every((key) => key in b && a[key] === b[key]);
};

/**
 * One join of id → state onto one source. Several joins may share a source (the councils'
 * shading, marks and hover): each removes only the keys it set, never another join's.
 */
export class FeatureStateJoin {
	readonly #map: FeatureStateMap;
	readonly #source: string;
	readonly #sourceLayer: string | undefined;
	/** What this join last gave each id. */
	readonly #shown = new Map<string, FeatureStateRecord>();

	constructor(map: FeatureStateMap, source: string, sourceLayer?: string) {
		this.#map = map;
		this.#source = source;
		this.#sourceLayer = sourceLayer;
	}

	#target(id: string): FeatureTarget {
		return this.#sourceLayer === undefined ? { source: this.#source, id } : { source: this.#source, sourceLayer: this.#sourceLayer, id };
	}

	/** Gives every id in `states` its state and takes this join's keys off every id it set before but `states` leaves out. */
	update(states: ReadonlyMap<string, FeatureStateRecord>) {
		for (const [id, state] of states) {
			const before = this.#shown.get(id);
			if (before && sameState(before, state)) continue;
			if (before) for (const key of Object.keys(before)) if (!(key in state)) this.#map.removeFeatureState(this.#target(id), key);
			this.#map.setFeatureState(this.#target(id), { ...state });
			this.#shown.set(id, { ...state });
		}
		for (const [id, before] of this.#shown) {
			if (states.has(id)) continue;
			for (const key of Object.keys(before)) this.#map.removeFeatureState(this.#target(id), key);
			this.#shown.delete(id);
		}
	}

	/** The ids this join currently gives a state to. */
	get ids(): string[] {
		return [...this.#shown.keys()];
	}
}
