import { describe, expect, it } from 'vitest';
import { FeatureStateJoin, type FeatureStateMap, type FeatureStateValue, type FeatureTarget } from '../../src/lib/components/map/feature-state-join';

/** MapLibre's feature-state rules: setFeatureState merges keys, removeFeatureState drops one key (or all). */
class FakeMap implements FeatureStateMap {
	states = new Map<string, Record<string, FeatureStateValue>>();
	calls: string[] = [];
	#key = (f: FeatureTarget) => `${f.source}/${f.sourceLayer ?? ''}/${f.id}`;
	setFeatureState(feature: FeatureTarget, state: Record<string, FeatureStateValue>) {
		this.calls.push(`set ${feature.id} ${JSON.stringify(state)}`);
		this.states.set(this.#key(feature), { ...this.states.get(this.#key(feature)), ...state });
	}
	removeFeatureState(feature: FeatureTarget, key?: string) {
		this.calls.push(`remove ${feature.id} ${key ?? '*'}`);
		const state = this.states.get(this.#key(feature));
		if (!state) return;
		if (key === undefined) this.states.delete(this.#key(feature));
		else delete state[key];
	}
	state(source: string, id: string, sourceLayer = '') {
		return this.states.get(`${source}/${sourceLayer}/${id}`) ?? {};
	}
}

const states = (entries: [string, Record<string, FeatureStateValue>][]) => new Map(entries);

describe('feature-state join', () => {
	it('sets each present id its state on the given source', () => {
		const map = new FakeMap();
		new FeatureStateJoin(map, 'councils').update(states([['S1', { count: 3, cls: 1 }], ['S2', { count: 0, cls: -1 }]]));
		expect(map.state('councils', 'S1')).toEqual({ count: 3, cls: 1 });
		expect(map.state('councils', 'S2')).toEqual({ count: 0, cls: -1 });
		expect(map.state('links', 'S1')).toEqual({});
	});

	it('touches nothing when the states are unchanged, and only the ids that changed otherwise', () => {
		const map = new FakeMap();
		const join = new FeatureStateJoin(map, 'councils');
		join.update(states([['S1', { count: 3 }], ['S2', { count: 1 }]]));
		map.calls = [];
		join.update(states([['S1', { count: 3 }], ['S2', { count: 1 }]]));
		expect(map.calls).toEqual([]);
		join.update(states([['S1', { count: 3 }], ['S2', { count: 2 }]]));
		expect(map.calls).toEqual(['set S2 {"count":2}']);
	});

	it('removes its keys from ids that left, and a key an id no longer has', () => {
		const map = new FakeMap();
		const join = new FeatureStateJoin(map, 'links');
		join.update(states([['a~b', { shared: 2, width: 3 }], ['a~c', { shared: 1, width: 1, selected: true }]]));
		join.update(states([['a~c', { shared: 1, width: 1 }]]));
		expect(map.state('links', 'a~b')).toEqual({});
		expect(map.state('links', 'a~c')).toEqual({ shared: 1, width: 1 });
		expect(join.ids).toEqual(['a~c']);
		join.update(new Map());
		expect(map.state('links', 'a~c')).toEqual({});
		expect(join.ids).toEqual([]);
	});

	it('leaves the keys of another join on the same source alone', () => {
		const map = new FakeMap();
		const shading = new FeatureStateJoin(map, 'councils');
		const hover = new FeatureStateJoin(map, 'councils');
		shading.update(states([['S1', { count: 4, cls: 2 }]]));
		hover.update(states([['S1', { hover: true }]]));
		expect(map.state('councils', 'S1')).toEqual({ count: 4, cls: 2, hover: true });
		hover.update(new Map());
		expect(map.state('councils', 'S1')).toEqual({ count: 4, cls: 2 });
		expect(map.calls.filter((call) => call.startsWith('remove'))).toEqual(['remove S1 hover']);
	});

	it('addresses a vector source layer when given one', () => {
		const map = new FakeMap();
		new FeatureStateJoin(map, 'tiles', 'boundaries').update(states([['S1', { count: 1 }]]));
		expect(map.state('tiles', 'S1', 'boundaries')).toEqual({ count: 1 });
		expect(map.state('tiles', 'S1')).toEqual({});
	});

	it('does not share its state objects with the caller', () => {
		const map = new FakeMap();
		const join = new FeatureStateJoin(map, 'councils');
		const state = { count: 1 };
		join.update(states([['S1', state]]));
		state.count = 2;
		join.update(states([['S1', state]]));
		expect(map.state('councils', 'S1')).toEqual({ count: 2 });
	});
});
