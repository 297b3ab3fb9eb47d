import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { Coordinator, type Demand } from '../../src/lib/data/coordinator.svelte';
import type { AtlasDb } from '../../src/lib/data/sql';
import type { Filters } from '../../src/lib/data/filters';
import { FakeSource, Toggle } from '../helpers/fake-source.svelte';

/** A stand-in engine: each query is recorded and answers when the test says. */
function fakeEngine() {
	const asked: { client: string; filters: Filters; resolve(value: unknown): void; reject(error: Error): void }[] = [];
	const runner = {} as AtlasDb;
	const query = (client: string) => (_db: AtlasDb, filters: Filters) =>
		new Promise<unknown>((resolve, reject) => asked.push({ client, filters, resolve, reject }));
	return { runner, asked, query };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function setUp() {
	const source = new FakeSource();
	const coordinator = new Coordinator(source, () => 0);
	const engine = fakeEngine();
	const tab = new Toggle<Demand>('active');
	const figures = coordinator.client({ name: 'figures', inputs: () => null, query: engine.query('figures') });
	const hidden = coordinator.client({ name: 'tab', inputs: () => null, demand: () => tab.value, query: engine.query('tab') });
	const stop = coordinator.connect();
	flushSync();
	return { source, coordinator, engine, tab, figures, hidden, stop };
}

describe('the query coordinator', () => {
	it('asks nothing before the engine is ready, then asks every wanted client once', async () => {
		const { source, engine, figures, stop } = setUp();
		expect(engine.asked).toHaveLength(0);
		expect(figures.current.kind).toBe('idle');
		source.runner = engine.runner;
		flushSync();
		expect(engine.asked.map((a) => a.client)).toEqual(['figures', 'tab']);
		expect(figures.current.kind).toBe('loading');
		engine.asked[0].resolve(161);
		await settle();
		expect(figures.current).toEqual({ kind: 'ready', value: 161 });
		stop();
	});

	it('publishes only the latest request’s answer, whichever arrives first', async () => {
		const { source, engine, figures, stop } = setUp();
		source.runner = engine.runner;
		flushSync();
		source.filters = { ...source.filters, reaches: ['cluster'] };
		flushSync();
		const figureRequests = engine.asked.filter((a) => a.client === 'figures');
		expect(figureRequests).toHaveLength(2);
		figureRequests[1].resolve('cluster answer');
		await settle();
		figureRequests[0].resolve('stale answer');
		await settle();
		expect(figures.current).toEqual({ kind: 'ready', value: 'cluster answer' });
		stop();
	});

	it('asks at once when told to, and the effects that follow do not ask again', async () => {
		const { source, coordinator, engine, figures, stop } = setUp();
		coordinator.askNow();
		expect(engine.asked).toHaveLength(0);
		source.runner = engine.runner;
		flushSync();
		engine.asked.splice(0).forEach((a) => a.resolve('all'));
		await settle();
		source.filters = { ...source.filters, reaches: ['cluster'] };
		coordinator.askNow();
		// On its way before any effect has run.
		expect(engine.asked.map((a) => [a.client, a.filters.reaches])).toEqual([
			['figures', ['cluster']],
			['tab', ['cluster']]
		]);
		flushSync();
		expect(engine.asked).toHaveLength(2);
		engine.asked[0].resolve('cluster answer');
		await settle();
		expect(figures.current).toEqual({ kind: 'ready', value: 'cluster answer' });
		// Back to no filter: asked anew, once, though the effects run too.
		source.filters = { ...source.filters, reaches: [] };
		coordinator.askNow();
		flushSync();
		expect(engine.asked.filter((a) => a.client === 'figures')).toHaveLength(2);
		stop();
	});

	it('keeps a hidden client idle, and asks it once when shown, only if the filters changed meanwhile', async () => {
		const { source, engine, tab, hidden, stop } = setUp();
		source.runner = engine.runner;
		flushSync();
		engine.asked.find((a) => a.client === 'tab')!.resolve('first');
		await settle();
		tab.value = 'hidden';
		flushSync();
		source.filters = { ...source.filters, reaches: ['regional'] };
		flushSync();
		expect(engine.asked.filter((a) => a.client === 'tab')).toHaveLength(1);
		expect(hidden.stale).toBe(true);
		expect(hidden.current).toEqual({ kind: 'ready', value: 'first' });
		tab.value = 'active';
		flushSync();
		const asked = engine.asked.filter((a) => a.client === 'tab');
		expect(asked).toHaveLength(2);
		expect(asked[1].filters.reaches).toEqual(['regional']);
		// Hidden and shown again with nothing changed: no query.
		asked[1].resolve('regional');
		await settle();
		tab.value = 'hidden';
		flushSync();
		tab.value = 'active';
		flushSync();
		expect(engine.asked.filter((a) => a.client === 'tab')).toHaveLength(2);
		expect(hidden.stale).toBe(false);
		stop();
	});

	it('clears a client with nothing to ask, and a late answer does not bring it back', async () => {
		const { source, engine, tab, hidden, stop } = setUp();
		source.runner = engine.runner;
		flushSync();
		tab.value = 'none';
		flushSync();
		engine.asked.find((a) => a.client === 'tab')!.resolve('late');
		await settle();
		expect(hidden.current.kind).toBe('idle');
		stop();
	});

	it('reports a failed query as failed, and the next filter change recovers', async () => {
		const { source, engine, figures, stop } = setUp();
		source.runner = engine.runner;
		flushSync();
		engine.asked[0].reject(new Error('Binder Error: no such column'));
		await settle();
		expect(figures.current).toEqual({ kind: 'failed', message: 'Binder Error: no such column' });
		source.filters = { ...source.filters, search: 'roads' };
		flushSync();
		engine.asked.filter((a) => a.client === 'figures')[1].resolve(3);
		await settle();
		expect(figures.current).toEqual({ kind: 'ready', value: 3 });
		stop();
	});

	it('is pending while a shown client waits, and says so once every shown client has answered', async () => {
		const { source, coordinator, engine, tab, stop } = setUp();
		const settled: string[] = [];
		coordinator.onSettled(({ client }) => settled.push(client.spec.name));
		tab.value = 'hidden';
		source.runner = engine.runner;
		flushSync();
		expect(coordinator.pending).toBe(true);
		engine.asked[0].resolve(1);
		await settle();
		expect(coordinator.pending).toBe(false);
		expect(settled).toEqual(['figures']);
		stop();
	});

	it('asks again for a new dataset, and shows loading rather than the old dataset’s figures after a reset', async () => {
		const { source, coordinator, engine, figures, stop } = setUp();
		source.runner = engine.runner;
		flushSync();
		engine.asked[0].resolve('old data');
		await settle();
		coordinator.reset();
		source.version++;
		flushSync();
		expect(figures.current.kind).toBe('loading');
		expect(engine.asked.filter((a) => a.client === 'figures')).toHaveLength(2);
		stop();
	});

	it('shows a handed-in answer until the engine’s own, and is pending before the engine only for other filters', async () => {
		const { source, coordinator, engine, tab, figures, stop } = setUp();
		tab.value = 'hidden';
		flushSync();
		figures.seed('summary', figures.wantedKey!);
		expect(figures.current).toEqual({ kind: 'ready', value: 'summary' });
		expect(coordinator.pending).toBe(false);
		source.filters = { ...source.filters, reaches: ['cluster'] };
		flushSync();
		expect(coordinator.pending).toBe(true);
		source.filters = { ...source.filters, reaches: [] };
		flushSync();
		expect(coordinator.pending).toBe(false);
		// Same request as the summary answered, but the engine is asked all the same.
		source.runner = engine.runner;
		flushSync();
		expect(engine.asked.map((a) => a.client)).toEqual(['figures']);
		engine.asked[0].resolve('engine');
		await settle();
		expect(figures.current).toEqual({ kind: 'ready', value: 'engine' });
		stop();
	});

	it('stops following once stopped', () => {
		const { source, engine, stop } = setUp();
		stop();
		source.runner = engine.runner;
		flushSync();
		expect(engine.asked).toHaveLength(0);
	});
});
