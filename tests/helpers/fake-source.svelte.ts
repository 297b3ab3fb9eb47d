/** Reactive stand-ins for the engine and filters the coordinator follows, for unit tests. */
import { emptyFilters, type Filters } from '../../src/lib/data/filters';
import type { AtlasDb } from '../../src/lib/data/sql';

export class FakeSource {
	runner = $state.raw<AtlasDb | undefined>(undefined);
	version = $state(0);
	filters = $state<Filters>(emptyFilters());
}

/** A client's own input, e.g. a tab being shown. */
export class Toggle<T> {
	value = $state() as T;
	constructor(value: T) {
		this.value = value;
	}
}
