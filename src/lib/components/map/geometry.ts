/** Pure helpers for the map, kept free of MapLibre so they can be unit-tested. */

export type LonLat = [number, number];

/**
 * A gentle quadratic curve from a to b, bowed to the left of travel, so links between
 * neighbours that share a line of sight do not sit on top of each other.
 */
export function arc(a: LonLat, b: LonLat, bend = 0.18, segments = 24): LonLat[] {
	const [x0, y0] = a;
	const [x2, y2] = b;
	const dx = x2 - x0;
	const dy = y2 - y0;
	const cx = (x0 + x2) / 2 - dy * bend;
	const cy = (y0 + y2) / 2 + dx * bend;
	const points: LonLat[] = [];
	for (let i = 0; i <= segments; i++) {
		const t = i / segments;
		const u = 1 - t;
		points.push([u * u * x0 + 2 * u * t * cx + t * t * x2, u * u * y0 + 2 * u * t * cy + t * t * y2]);
	}
	return points;
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
