/** Pure helpers for the map, kept free of MapLibre so they can be unit-tested. */
import type { GeometryCollection, Topology } from 'topojson-specification';

/** The council boundaries as the build writes them (static/data/councils.topo.json). */
export type CouncilTopology = Topology<{ councils: GeometryCollection<{ code: string; name: string }> }>;

export type LonLat = [number, number];

/**
 * A gentle quadratic curve from a to b, bowed to the left of travel, so links between
 * neighbours that share a line of sight do not sit on top of each other.
 */
export function arc(a: LonLat, b: LonLat, bend = 0.18, segments = 24): LonLat[] {
	const [x0, y0] = a;
	const [x2, y2] = b;
	const [cx, cy] = arcControl(a, b, bend);
	const points: LonLat[] = [];
	for (let i = 0; i <= segments; i++) {
		const t = i / segments;
		const u = 1 - t;
		points.push([u * u * x0 + 2 * u * t * cx + t * t * x2, u * u * y0 + 2 * u * t * cy + t * t * y2]);
	}
	return points;
}

/** The control point of `arc`'s quadratic curve: an SVG path can draw the same curve from it. */
export function arcControl([x0, y0]: LonLat, [x2, y2]: LonLat, bend = 0.18): LonLat {
	return [(x0 + x2) / 2 - (y2 - y0) * bend, (y0 + y2) / 2 + (x2 - x0) * bend];
}

/**
 * Upper bounds of the choropleth classes for these counts (zero is always its own class).
 * Small ranges get one class per value so that every count is distinguishable; larger ones
 * get up to `classes` quantile classes, merged where quantiles coincide.
 */
export function classBreaks(counts: number[], classes = 5): number[] {
	const positive = counts.filter((n) => n > 0).sort((x, y) => x - y);
	if (!positive.length) return [];
	const max = positive[positive.length - 1];
	if (max <= classes) return Array.from({ length: max }, (_, i) => i + 1);
	const breaks = new Set<number>();
	for (let i = 1; i <= classes; i++) {
		const index = Math.min(positive.length - 1, Math.ceil((i / classes) * positive.length) - 1);
		breaks.add(positive[index]);
	}
	breaks.add(max);
	return [...breaks].sort((x, y) => x - y);
}

/** Index of the class a count falls in, or -1 for zero. */
export function classOf(count: number, breaks: number[]): number {
	if (count <= 0) return -1;
	const index = breaks.findIndex((upper) => count <= upper);
	return index === -1 ? breaks.length - 1 : index;
}

/** Legend labels for the classes: "1", "2–4", "5–9"… */
export function classLabels(breaks: number[]): string[] {
	return breaks.map((upper, i) => {
		const lower = i === 0 ? 1 : breaks[i - 1] + 1;
		return lower === upper ? String(upper) : `${lower}–${upper}`;
	});
}

/** Line width in pixels for a link carrying `shared` activities. */
export function linkWidth(shared: number, maxShared: number): number {
	if (maxShared <= 1) return 2.5;
	return 1.5 + (6.5 * Math.sqrt(shared - 1)) / Math.sqrt(maxShared - 1);
}

/**
 * How far from a council's label point (where its label sits and every link to it ends) a click
 * or tap belongs to the council rather than to a link: links fan out from that point, so without
 * this a click on a council's name picked whichever link ended there. 22 px is a fingertip's radius.
 */
export const LABEL_CLEARANCE_PX = 22;

/** The code of the nearest anchor within `radius` pixels of `point`, if any. */
export function nearestWithin(
	point: { x: number; y: number },
	anchors: { code: string; x: number; y: number }[],
	radius = LABEL_CLEARANCE_PX
): string | undefined {
	let best: { code: string; distance: number } | undefined;
	for (const anchor of anchors) {
		const distance = Math.hypot(anchor.x - point.x, anchor.y - point.y);
		if (distance <= radius && (!best || distance < best.distance)) best = { code: anchor.code, distance };
	}
	return best?.code;
}

/**
 * Where a tooltip goes: beside the pointer, flipped to the pointer's other side (and clamped) so
 * it stays inside a frame of `frame` pixels, for the councils near the map's edges and narrow screens.
 */
export function tooltipPosition(
	pointer: { x: number; y: number },
	size: { width: number; height: number },
	frame: { width: number; height: number },
	offset = 14
): { left: number; top: number } {
	const place = (at: number, extent: number, room: number) => {
		if (at + offset + extent <= room) return at + offset;
		if (at - offset - extent >= 0) return at - offset - extent;
		return Math.max(0, Math.min(room - extent, at - extent / 2));
	};
	return { left: place(pointer.x, size.width, frame.width), top: place(pointer.y, size.height, frame.height) };
}
