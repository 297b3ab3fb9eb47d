import { getContext, setContext } from 'svelte';
import { getDb, onDbState, type DbState } from '$lib/data/duckdb';
import { emptyFilters, type Filters } from '$lib/data/filters';
import { countActivities, type SqlRunner } from '$lib/data/queries';

export type Selection =
	| { kind: 'none' }
	| { kind: 'council'; code: string }
	| { kind: 'link'; a: string; b: string }
	| { kind: 'activity'; id: string };

export class AtlasState {
	filters = $state<Filters>(emptyFilters());
	selection = $state<Selection>({ kind: 'none' });
	db = $state<DbState>({ kind: 'idle' });
	total = $state<number | undefined>(undefined);

	private runner: SqlRunner | undefined;

	constructor(private dataBase: string) {}

	async start() {
		onDbState((state) => (this.db = state));
		try {
			this.runner = await getDb(this.dataBase);
			await this.refresh();
		} catch {
			// The failure is already in `db` for the UI to show.
		}
	}

	async refresh() {
		if (!this.runner) return;
		this.total = await countActivities(this.runner, $state.snapshot(this.filters));
	}
}

const KEY = Symbol('atlas');
export const provideAtlas = (atlas: AtlasState) => setContext(KEY, atlas);
export const useAtlas = () => getContext<AtlasState>(KEY);
