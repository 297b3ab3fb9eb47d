import type { Page } from 'playwright-core';
import { projectToFrame } from '../../src/lib/components/map/web-mercator';

/** Where a place is on screen, by the same Web Mercator the app uses to line its preview up with MapLibre. */
export function project(lon: number, lat: number, view: { lon: number; lat: number; zoom: number }, size: { width: number; height: number }) {
	const [x, y] = projectToFrame(lon, lat, view, size);
	return { x, y };
}

/** Page coordinates of a longitude/latitude on the Atlas map opened with an explicit `map=` view. */
export async function pagePoint(page: Page, lon: number, lat: number, view: { lon: number; lat: number; zoom: number }) {
	const box = await page.getByTestId('map').boundingBox();
	if (!box) throw new Error('map not visible');
	const point = project(lon, lat, view, box);
	return { x: box.x + point.x, y: box.y + point.y };
}

export async function waitForMapIdle(page: Page) {
	await page.waitForSelector('[data-testid="map"][data-map-state="idle"]', { timeout: 60_000 });
}
