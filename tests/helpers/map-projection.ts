import type { Page } from 'playwright-core';

/** Web Mercator as MapLibre draws it (512-pixel world tiles), to find where a place is on screen. */
export function project(lon: number, lat: number, view: { lon: number; lat: number; zoom: number }, size: { width: number; height: number }) {
	const worldSize = 512 * 2 ** view.zoom;
	const x = (l: number) => ((l + 180) / 360) * worldSize;
	const y = (p: number) => ((1 - Math.log(Math.tan(Math.PI / 4 + (p * Math.PI) / 360)) / Math.PI) / 2) * worldSize;
	return { x: x(lon) - x(view.lon) + size.width / 2, y: y(lat) - y(view.lat) + size.height / 2 };
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
