/**
 * Web Mercator exactly as MapLibre draws it (512-pixel world at zoom 0), so that a drawing made
 * before MapLibre has started (the SVG preview) lines up with MapLibre's first frame.
 */
export interface MapCamera {
	lon: number;
	lat: number;
	zoom: number;
}
export interface FrameSize {
	width: number;
	height: number;
}

const WORLD_AT_ZOOM_0 = 512;

export const SCOTLAND_BOUNDS: [[number, number], [number, number]] = [
	[-8.8, 54.6],
	[-0.6, 60.9]
];

/** Position in the world at zoom 0, as fractions of its width and height. */
const mercatorX = (lon: number) => (lon + 180) / 360;
const mercatorY = (lat: number) => (1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2;
const latitudeOf = (y: number) => (360 / Math.PI) * Math.atan(Math.exp((1 - 2 * y) * Math.PI)) - 90;

/** Where a longitude/latitude falls in a frame showing this camera, in pixels from its top-left corner. */
export function projectToFrame(lon: number, lat: number, camera: MapCamera, size: FrameSize): [number, number] {
	const world = WORLD_AT_ZOOM_0 * 2 ** camera.zoom;
	return [
		(mercatorX(lon) - mercatorX(camera.lon)) * world + size.width / 2,
		(mercatorY(lat) - mercatorY(camera.lat)) * world + size.height / 2
	];
}

/** The camera that fits these bounds into the frame with `padding` pixels to spare on every side. */
export function fitCamera(
	[[west, south], [east, north]]: [[number, number], [number, number]],
	size: FrameSize,
	{ padding = 20, minZoom = 0, maxZoom = 22 }: { padding?: number; minZoom?: number; maxZoom?: number } = {}
): MapCamera {
	const spanX = Math.abs(mercatorX(east) - mercatorX(west)) * WORLD_AT_ZOOM_0;
	const spanY = Math.abs(mercatorY(south) - mercatorY(north)) * WORLD_AT_ZOOM_0;
	const scale = Math.min(Math.max(1, size.width - 2 * padding) / spanX, Math.max(1, size.height - 2 * padding) / spanY);
	const zoom = Math.min(maxZoom, Math.max(minZoom, Math.log2(scale)));
	return { lon: (west + east) / 2, lat: latitudeOf((mercatorY(south) + mercatorY(north)) / 2), zoom };
}

export const MAP_MIN_ZOOM = 4;
export const MAP_MAX_ZOOM = 11;

/** The view of all of Scotland the Atlas opens on when no view is given. */
export const scotlandCamera = (size: FrameSize) => fitCamera(SCOTLAND_BOUNDS, size, { padding: 20, minZoom: MAP_MIN_ZOOM, maxZoom: MAP_MAX_ZOOM });
