import { describe, expect, it } from 'vitest';
import { arc, classBreaks, classLabels, classOf, LABEL_CLEARANCE_PX, linkWidth, nearestWithin, tooltipPosition } from '../../src/lib/components/map/geometry';
import { beforeIdFor, LAYER_ORDER } from '../../src/lib/components/map/layer-order';
import { CASING, SELECTED_LINK_EXTRA_WIDTH, TILE_BUFFER } from '../../src/lib/components/map/map-style';

describe('choropleth classes', () => {
	it('gives each value its own class when the range is small', () => {
		expect(classBreaks([0, 1, 3, 2, 0])).toEqual([1, 2, 3]);
		expect(classLabels([1, 2, 3])).toEqual(['1', '2', '3']);
	});

	it('uses quantiles for wide ranges and always ends at the maximum', () => {
		const counts = [1, 1, 1, 2, 2, 3, 4, 8, 9, 20, 0, 0];
		const breaks = classBreaks(counts);
		expect(breaks.at(-1)).toBe(20);
		expect(breaks.length).toBeLessThanOrEqual(5);
		expect(breaks).toEqual([...breaks].sort((a, b) => a - b));
		for (const n of counts.filter((c) => c > 0)) expect(classOf(n, breaks)).toBeGreaterThanOrEqual(0);
	});

	it('keeps zero out of every class and labels ranges', () => {
		expect(classOf(0, [1, 4, 9])).toBe(-1);
		expect(classOf(3, [1, 4, 9])).toBe(1);
		expect(classLabels([1, 4, 9])).toEqual(['1', '2–4', '5–9']);
		expect(classBreaks([0, 0])).toEqual([]);
	});
});

describe('links', () => {
	it('draws an arc that starts and ends at the two councils and bows off the straight line', () => {
		const points = arc([-4, 55], [-3, 56]);
		expect(points[0]).toEqual([-4, 55]);
		expect(points.at(-1)![0]).toBeCloseTo(-3);
		expect(points.at(-1)![1]).toBeCloseTo(56);
		const [mx, my] = points[12];
		// the straight line's midpoint is (-3.5, 55.5); the arc's is off it
		expect(Math.hypot(mx + 3.5, my - 55.5)).toBeGreaterThan(0.1);
	});

	it('widens with the number of shared activities', () => {
		expect(linkWidth(1, 10)).toBeLessThan(linkWidth(5, 10));
		expect(linkWidth(10, 10)).toBeCloseTo(8);
	});

	it('keeps enough of each neighbouring tile that the widest link never shows a seam at a tile edge', () => {
		// Half the widest line, plus a pixel of antialiasing, must lie inside the tile's margin.
		const widest = Math.max(...[1, 2, 50, 1000].map((shared) => linkWidth(shared, 1000))) + SELECTED_LINK_EXTRA_WIDTH + CASING.extraWidth;
		expect(TILE_BUFFER).toBeGreaterThanOrEqual(widest / 2 + 1);
	});
});

describe('layer z-order registry', () => {
	it('inserts a layer beneath the next registered layer already present', () => {
		const present = new Set(['councils-fill', 'council-labels']);
		expect(beforeIdFor('backdrop-fill', (id) => present.has(id))).toBe('councils-fill');
		expect(beforeIdFor('links', (id) => present.has(id))).toBe('council-labels');
		expect(beforeIdFor(LAYER_ORDER.at(-1)!, () => true)).toBeUndefined();
	});

	it('throws on a layer it does not know', () => {
		expect(() => beforeIdFor('mystery-layer', () => true)).toThrow(/Unknown map layer "mystery-layer"/);
	});
});

describe('picking on the map', () => {
	const anchors = [
		{ code: 'A', x: 100, y: 100 },
		{ code: 'B', x: 130, y: 100 }
	];
	it('gives a click near a label point to the nearest council within the clearance', () => {
		expect(nearestWithin({ x: 104, y: 100 }, anchors)).toBe('A');
		expect(nearestWithin({ x: 120, y: 100 }, anchors)).toBe('B');
		expect(nearestWithin({ x: 100, y: 100 + LABEL_CLEARANCE_PX + 1 }, anchors)).toBeUndefined();
		expect(nearestWithin({ x: 0, y: 0 }, [])).toBeUndefined();
	});

	it('keeps a tooltip inside the frame, flipping it to the pointer’s other side at the edges', () => {
		const frame = { width: 390, height: 500 };
		const size = { width: 200, height: 30 };
		expect(tooltipPosition({ x: 50, y: 50 }, size, frame)).toEqual({ left: 64, top: 64 });
		const right = tooltipPosition({ x: 380, y: 490 }, size, frame);
		expect(right).toEqual({ left: 380 - 14 - 200, top: 490 - 14 - 30 });
		// Wider than either side: centred on the pointer and clamped to the frame.
		const wide = tooltipPosition({ x: 195, y: 50 }, { width: 300, height: 30 }, frame);
		expect(wide.left).toBeGreaterThanOrEqual(0);
		expect(wide.left + 300).toBeLessThanOrEqual(390);
	});
});
