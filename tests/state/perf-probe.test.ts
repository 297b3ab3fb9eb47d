import { describe, expect, it } from 'vitest';
import { MEASURES, PerfProbe, type ProbeClock } from '../../src/lib/state/perf-probe';

/** A clock the test moves by hand, with paints and map frames that happen when it says. */
function fakeClock(fcp?: number) {
	const measures: { name: string; start: number; end: number }[] = [];
	const state = { now: 0 };
	const paints: (() => void)[] = [];
	const clock: ProbeClock = {
		now: () => state.now,
		measure: (name, start, end) => void measures.push({ name, start, end }),
		afterPaint: () => new Promise((resolve) => paints.push(resolve)),
		firstContentfulPaint: async () => fcp
	};
	const map = { drawn: [] as (() => void)[], idle: [] as (() => void)[] };
	const settle = {
		drawn: () => new Promise<void>((resolve) => map.drawn.push(resolve)),
		idle: () => new Promise<void>((resolve) => map.idle.push(resolve)),
		// MapLibre's first complete frame is waited for in the same queue: the tests release them in order.
		complete: () => new Promise<void>((resolve) => map.idle.push(resolve))
	};
	const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
	return { clock, state, measures, paints, map, settle, flush };
}

describe('the performance probe', () => {
	it('times the first paint from the map’s first frame with figures, and interactive from the engine’s first figures', async () => {
		const t = fakeClock();
		const probe = new PerfProbe(t.clock);
		probe.setMapSettle(t.settle);
		t.state.now = 400;
		const summary = probe.figuresShown(400, false, () => true);
		await t.flush();
		t.paints.shift()!();
		t.state.now = 450;
		t.map.drawn.shift()!();
		await summary;
		expect(t.measures).toEqual([{ name: MEASURES.firstPaint, start: 0, end: 450 }]);
		t.state.now = 900;
		t.map.idle.shift()!();
		await t.flush();
		expect(t.measures.at(-1)).toEqual({ name: MEASURES.firstMapIdle, start: 0, end: 900 });

		t.state.now = 2500;
		const engine = probe.figuresShown(2500, true, () => true);
		await t.flush();
		t.paints.shift()!();
		t.state.now = 2600;
		t.map.idle.shift()!();
		await engine;
		expect(t.measures.at(-1)).toEqual({ name: MEASURES.interactive, start: 0, end: 2600 });
		expect(probe.interactive).toBe(true);
	});

	it('splits a filter change into queries answered, DOM painted, map idle and all done', async () => {
		const t = fakeClock();
		const probe = new PerfProbe(t.clock);
		probe.setMapSettle(t.settle);
		const first = probe.figuresShown(0, true, () => true);
		await t.flush();
		t.paints.shift()!();
		t.map.drawn.shift()!();
		await first;
		// The first map's idle frame, measured on its own.
		await t.flush();
		t.map.idle.shift()!();
		await t.flush();
		t.measures.length = 0;

		t.state.now = 1000;
		probe.noteInput();
		const update = probe.figuresShown(1080, true, () => true);
		await t.flush();
		t.state.now = 1110;
		t.paints.shift()!();
		await t.flush();
		t.state.now = 1150;
		t.map.idle.shift()!();
		await update;
		expect(t.measures).toEqual([
			{ name: MEASURES.filterQueries, start: 1000, end: 1080 },
			{ name: MEASURES.filterDom, start: 1000, end: 1110 },
			{ name: MEASURES.filterMap, start: 1000, end: 1150 },
			{ name: MEASURES.filterUpdate, start: 1000, end: 1150 }
		]);
	});

	it('records nothing for figures replaced before they were drawn', async () => {
		const t = fakeClock();
		const probe = new PerfProbe(t.clock);
		probe.setMapSettle(t.settle);
		const stale = probe.figuresShown(10, true, () => false);
		await t.flush();
		t.paints.shift()!();
		t.map.drawn.shift()!();
		await stale;
		expect(t.measures).toEqual([]);
	});

	it('waits for a map that has not started yet', async () => {
		const t = fakeClock();
		const probe = new PerfProbe(t.clock);
		let done = false;
		const shown = probe.figuresShown(5, false, () => true).then(() => (done = true));
		await t.flush();
		t.paints.shift()!();
		await t.flush();
		expect(done).toBe(false);
		probe.setMapSettle(t.settle);
		await t.flush();
		t.state.now = 1200;
		t.map.drawn.shift()!();
		await shown;
		expect(t.measures).toEqual([{ name: MEASURES.firstPaint, start: 0, end: 1200 }]);
	});

	it('takes the first paint from the browser when the page arrived with its figures in the HTML', async () => {
		const t = fakeClock(180);
		const probe = new PerfProbe(t.clock);
		probe.setMapSettle(t.settle);
		await probe.prerenderedPaint();
		expect(t.measures).toEqual([{ name: MEASURES.firstPaint, start: 0, end: 180 }]);
		// The engine's first figures: interactive, and the map's first frame still waited for and its idle frame measured.
		t.state.now = 2000;
		const engine = probe.figuresShown(2000, true, () => true);
		await t.flush();
		t.paints.shift()!();
		t.map.drawn.shift()!();
		await engine;
		expect(t.measures.map((m) => m.name)).toEqual([MEASURES.firstPaint, MEASURES.interactive]);
		await t.flush();
		t.map.idle.shift()!();
		await t.flush();
		expect(t.measures.map((m) => m.name)).toEqual([MEASURES.firstPaint, MEASURES.interactive, MEASURES.firstMapIdle]);
	});
});
