import { describe, expect, it } from 'vitest';
import { fitCamera, MAP_MAX_ZOOM, MAP_MIN_ZOOM, projectToFrame, SCOTLAND_BOUNDS, scotlandCamera } from '../../src/lib/components/map/web-mercator';

describe('Web Mercator as MapLibre draws it', () => {
	it('puts the camera centre mid-frame and spans a 512-pixel world at zoom 0', () => {
		const size = { width: 512, height: 512 };
		const camera = { lon: 0, lat: 0, zoom: 0 };
		expect(projectToFrame(0, 0, camera, size)).toEqual([256, 256]);
		const [east] = projectToFrame(180, 0, camera, size);
		const [west] = projectToFrame(-180, 0, camera, size);
		expect(east - west).toBeCloseTo(512, 9);
		// Each zoom level doubles distances on screen.
		const [x1] = projectToFrame(10, 0, { ...camera, zoom: 1 }, size);
		const [x0] = projectToFrame(10, 0, camera, size);
		expect(x1 - 256).toBeCloseTo(2 * (x0 - 256), 9);
	});

	it('stretches latitudes towards the poles', () => {
		const size = { width: 800, height: 800 };
		const camera = { lon: -4, lat: 57, zoom: 6 };
		const [, y55] = projectToFrame(-4, 55, camera, size);
		const [, y56] = projectToFrame(-4, 56, camera, size);
		const [, y60] = projectToFrame(-4, 60, camera, size);
		const [, y61] = projectToFrame(-4, 61, camera, size);
		expect(y55 - y56).toBeGreaterThan(0);
		expect(y60 - y61).toBeGreaterThan(y55 - y56);
	});

	it('fits bounds tightly inside the padding on the limiting side', () => {
		const size = { width: 700, height: 600 };
		const camera = fitCamera(SCOTLAND_BOUNDS, size, { padding: 20 });
		const [[west, south], [east, north]] = SCOTLAND_BOUNDS;
		const [left, bottom] = projectToFrame(west, south, camera, size);
		const [right, top] = projectToFrame(east, north, camera, size);
		for (const x of [left, right]) expect(x).toBeGreaterThanOrEqual(20 - 1e-6), expect(x).toBeLessThanOrEqual(680 + 1e-6);
		for (const y of [top, bottom]) expect(y).toBeGreaterThanOrEqual(20 - 1e-6), expect(y).toBeLessThanOrEqual(580 + 1e-6);
		// Scotland is taller than wide in Mercator: the height is the limit, to the pixel.
		expect(top).toBeCloseTo(20, 6);
		expect(bottom).toBeCloseTo(580, 6);
		// Centred both ways.
		expect((left + right) / 2).toBeCloseTo(350, 6);
	});

	it('keeps the fitted zoom within the map’s zoom range', () => {
		expect(scotlandCamera({ width: 10, height: 10 }).zoom).toBe(MAP_MIN_ZOOM);
		expect(scotlandCamera({ width: 1e7, height: 1e7 }).zoom).toBe(MAP_MAX_ZOOM);
		expect(scotlandCamera({ width: 0, height: 0 }).zoom).toBe(MAP_MIN_ZOOM);
	});
});
