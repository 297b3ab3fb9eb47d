/**
 * The one place queries are issued from, after Mosaic's Coordinator: each view is a client that
 * declares its query (from the filters and its own inputs) and whether it is wanted now. The
 * coordinator runs the wanted clients whenever the filters, their inputs or the dataset change,
 * and publishes each client's answer as a `Loadable`. Clients that are not on screen (a hidden
 * tab, the table below the fold) stay idle and catch up when shown. Answers are kept by SQL text
 * and parameters in the engine (`CachingAtlasDb`), so turning a filter off again costs no query.
 */
import { untrack } from 'svelte';
import type { Filters } from './filters';
import type { AtlasDb } from './sql';

/** A query's answer as a view sees it. A refresh keeps showing the last answer until the next arrives. */
export type Loadable<T> = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready'; value: T } | { kind: 'failed'; message: string };

/**
 * Whether a client's answer is wanted: `active` queries now; `hidden` keeps the last answer and
 * queries when shown again; `none` means there is nothing to ask (e.g. no council chosen yet).
 */
export type Demand = 'active' | 'hidden' | 'none';

export interface ClientSpec<T, I> {
	name: string;
	/** The client's own inputs besides the filters, read reactively; return plain data. */
	inputs(): I;
	/** Read reactively too; a client is always wanted without it. */
	demand?(): Demand;
	query(db: AtlasDb, filters: Filters, inputs: I): Promise<T>;
}

/** Where the coordinator finds the engine and filters; reactive reads. */
export interface CoordinatorSource {
	readonly runner: AtlasDb | undefined;
	/** Changes when a new dataset is swapped in. */
	readonly version: number;
	readonly filters: Filters;
}

type Answer<T> = Extract<Loadable<T>, { kind: 'ready' | 'failed' }>;

export class Client<T = unknown, I = unknown> {
	private answer = $state.raw<Answer<T> | undefined>(undefined);
	/** Waiting for an answer newer than the one shown. */
	inFlight = $state(false);
	/** Not queried for the current filters because it is not on screen. */
	stale = $state(false);
	/** The latest answer, or loading before the first; a refresh keeps the last answer on screen. */
	current = $derived<Loadable<T>>(this.answer ?? (this.inFlight ? { kind: 'loading' } : { kind: 'idle' }));
	/** The coordinator's ticket of the latest request; answers to older tickets are dropped. */
	ticket = 0;
	/** The key of the request on its way to the engine, if any, so it is not asked twice. */
	askedKey: string | undefined = undefined;
	/** Which request the shown answer is for, so showing a hidden client again costs nothing if nothing changed. */
	answeredKey = $state<string | undefined>(undefined);
	/**
	 * The request the current filters and inputs make, asked or not. Derived, not written by the
	 * coordinator's effect, so `pending` turns true the moment a filter changes, before any effect.
	 */
	request = $derived.by(() => {
		const filters = $state.snapshot(this.source.filters) as Filters;
		const inputs = this.spec.inputs();
		return { filters, inputs, key: requestKey(this.source.version, filters, inputs) };
	});
	wantedKey = $derived(this.request.key);
	demand = $derived.by<Demand>(() => this.spec.demand?.() ?? 'active');
	/** The shown answer was handed in (the build's summary): the engine's own answer must still replace it. */
	private seeded = false;

	constructor(
		readonly spec: ClientSpec<T, I>,
		private source: CoordinatorSource
	) {}

	/** Shows an answer computed elsewhere (the build's summary) until the engine's first answer. */
	seed(value: T, key: string) {
		if (this.answer) return;
		this.answer = { kind: 'ready', value };
		this.answeredKey = key;
		this.seeded = true;
	}

	/** Whether the shown answer is the engine's answer to this request. */
	answers(key: string) {
		return key === this.answeredKey && !this.seeded && !this.inFlight;
	}

	publish(answer: Answer<T>, key: string) {
		this.answer = answer;
		this.answeredKey = key;
		this.seeded = false;
		this.inFlight = false;
		this.stale = false;
	}

	clear() {
		this.answer = undefined;
		this.answeredKey = undefined;
		this.seeded = false;
		this.inFlight = false;
		this.stale = false;
	}
}

/** Called when an answer is published and no shown client still waits for one. */
export type SettledListener = (event: { client: Client; answered: number }) => void;

/** The request key of filters, inputs and dataset version, to tell whether an answer still fits. */
export const requestKey = (version: number, filters: Filters, inputs: unknown) => JSON.stringify([version, filters, inputs]);

export class Coordinator {
	/** The one staleness counter: every request takes the next ticket. */
	private tickets = 0;
	private clients: Client<any, any>[] = [];
	private settledListeners = new Set<SettledListener>();

	constructor(
		private source: CoordinatorSource,
		private now: () => number = () => performance.now()
	) {}

	client<T, I>(spec: ClientSpec<T, I>): Client<T, I> {
		const client = new Client(spec, this.source);
		this.clients.push(client);
		return client;
	}

	/**
	 * True while a client on screen shows an answer to other filters than the current ones (or
	 * none yet): waiting for its query, or for the engine to start.
	 */
	get pending(): boolean {
		return this.clients.some((client) => client.demand === 'active' && (client.inFlight || client.wantedKey !== client.answeredKey));
	}

	onSettled(listener: SettledListener): () => void {
		this.settledListeners.add(listener);
		return () => this.settledListeners.delete(listener);
	}

	/**
	 * Asks every wanted client for the current filters now, without waiting for the effects: a
	 * filter input calls this straight after changing the filters, so the query leaves for the
	 * engine's worker before the page spends its first milliseconds drawing the click itself. The
	 * effects that follow find the same requests on their way and ask nothing more.
	 */
	askNow() {
		for (const client of this.clients) this.follow(client);
	}

	/**
	 * Starts following the source; returns the function that stops it. The clients' effects run
	 * before the DOM updates of the same change (`$effect.pre`), so a query is on its way to the
	 * engine's worker while the page draws the click itself.
	 */
	connect(): () => void {
		return $effect.root(() => {
			for (const client of this.clients) $effect.pre(() => this.follow(client));
		});
	}

	/** One client's effect: it depends on the engine, the dataset, the filters and the client's own inputs only. */
	private follow<T, I>(client: Client<T, I>) {
		const runner = this.source.runner;
		const { filters, inputs, key } = client.request;
		const demand = client.demand;
		untrack(() => {
			if (demand === 'none') {
				client.ticket = ++this.tickets;
				client.clear();
				return;
			}
			if (!runner) return;
			if (client.answers(key)) {
				client.stale = false;
				return;
			}
			if (client.inFlight && client.askedKey === key) return;
			if (demand === 'hidden') {
				client.stale = true;
				return;
			}
			void this.run(client, runner, filters, inputs, key);
		});
	}

	private async run<T, I>(client: Client<T, I>, runner: AtlasDb, filters: Filters, inputs: I, key: string) {
		const ticket = ++this.tickets;
		client.ticket = ticket;
		client.askedKey = key;
		client.inFlight = true;
		let answer: Answer<T>;
		try {
			answer = { kind: 'ready', value: await client.spec.query(runner, filters, inputs) };
		} catch (error) {
			answer = { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
		}
		if (client.ticket !== ticket) return;
		const answered = this.now();
		client.publish(answer, key);
		if (this.clients.some((other) => other.demand === 'active' && other.inFlight)) return;
		for (const listener of this.settledListeners) listener({ client, answered });
	}

	/** Forgets every answer (a new dataset is in): views show loading, not the old data's figures. */
	reset() {
		for (const client of this.clients) {
			client.ticket = ++this.tickets;
			client.clear();
		}
	}
}
