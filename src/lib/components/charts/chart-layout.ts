/**
 * Geometry and wording for the charts, kept free of Svelte and the DOM so it can be unit tested
 * and so BarChart and Timeline agree on every number they show.
 */
import type { CountRow } from '$lib/data/queries';
import { activityCount } from '$lib/counts';

/** 14px is the smallest text that stays legible on a projector at the back of a room. */
export const FONT_SIZE = 14;

/** Measures rendered text width in pixels at FONT_SIZE. */
export type Measure = (text: string) => number;

/**
 * A deliberately generous width estimate (Noto Sans averages about 0.55em): used before the
 * web font has loaded or outside a browser, where over-estimating only truncates a little early.
 */
export const estimateTextWidth: Measure = (text) => text.length * FONT_SIZE * 0.6;

const ELLIPSIS = '…';

/** The longest prefix of `text` (plus an ellipsis) that fits `maxWidth`. */
export function truncateToWidth(text: string, maxWidth: number, measure: Measure = estimateTextWidth): string {
	if (measure(text) <= maxWidth) return text;
	if (measure(ELLIPSIS) > maxWidth) return '';
	// Binary search, because measuring every prefix of a long label on each resize is wasteful.
	let lo = 0;
	let hi = text.length - 1;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		if (measure(text.slice(0, mid).trimEnd() + ELLIPSIS) <= maxWidth) lo = mid;
		else hi = mid - 1;
	}
	return text.slice(0, lo).trimEnd() + ELLIPSIS;
}

/** One name for every bar and column, so screen readers and voice control hear the numbers. */
export const barButtonName = (label: string, n: number) => `${label}: ${activityCount(n)}. Filter by this`;

/**
 * The rows a collapsed chart shows: the first `maxRows`, plus any selected row beyond them,
 * because hiding an active filter would leave the user unable to see or remove it.
 */
export function visibleRows(
	rows: CountRow[],
	selected: readonly string[],
	maxRows: number | undefined,
	showAll: boolean
): { rows: CountRow[]; hidden: number } {
	if (showAll || maxRows === undefined || rows.length <= maxRows) return { rows, hidden: 0 };
	const chosen = new Set(selected);
	const shown = rows.filter((row, index) => index < maxRows || chosen.has(row.key));
	return { rows: shown, hidden: rows.length - shown.length };
}

export interface BarLayout {
	/** 'side': label left of the bar; 'stacked': label on its own line above the bar (narrow screens). */
	mode: 'side' | 'stacked';
	width: number;
	height: number;
	rowHeight: number;
	/** Space at the left for the check box that marks a selected bar. */
	gutter: number;
	labelX: number;
	labelWidth: number;
	/** Baseline of the label, relative to the row's top. */
	labelY: number;
	barX: number;
	barY: number;
	barHeight: number;
	/** The longest a bar may be, leaving room for its count. */
	barMax: number;
}

const GUTTER = 24;
const GAP = 8;
const SIDE_ROW = 32;
const STACKED_ROW = 50;
const BAR_HEIGHT = 20;

/**
 * Places label, bar and count for each row. Side by side when the labels fit in 45% of the width
 * (or the chart is wide enough that a cut label still reads); otherwise labels go above their
 * bars rather than being cut down to a few letters.
 */
export function barLayout(
	width: number,
	rowCount: number,
	longestLabel: number,
	widestCount: number
): BarLayout {
	const countSpace = widestCount + GAP;
	const sideLabel = Math.min(longestLabel, Math.max(0, width * 0.45 - GUTTER));
	const side = width >= 640 || longestLabel <= width * 0.45 - GUTTER;
	if (side) {
		const barX = GUTTER + sideLabel + GAP;
		return {
			mode: 'side',
			width,
			height: rowCount * SIDE_ROW,
			rowHeight: SIDE_ROW,
			gutter: GUTTER,
			labelX: GUTTER,
			labelWidth: sideLabel,
			labelY: SIDE_ROW / 2 + FONT_SIZE * 0.35,
			barX,
			barY: (SIDE_ROW - BAR_HEIGHT) / 2,
			barHeight: BAR_HEIGHT,
			barMax: Math.max(0, width - barX - countSpace)
		};
	}
	return {
		mode: 'stacked',
		width,
		height: rowCount * STACKED_ROW,
		rowHeight: STACKED_ROW,
		gutter: GUTTER,
		labelX: GUTTER,
		labelWidth: Math.max(0, width - GUTTER),
		labelY: FONT_SIZE + 2,
		barX: GUTTER,
		barY: FONT_SIZE + 8,
		barHeight: BAR_HEIGHT,
		barMax: Math.max(0, width - GUTTER - countSpace)
	};
}

export interface YearSlot {
	year: number;
	key: string;
	n: number;
	/** The data row, absent for a year with no activities (drawn as a gap, not a button). */
	row?: CountRow;
}

/**
 * Every year from the first to the last with activities, so the axis is continuous and
 * quiet years show as gaps instead of neighbouring columns silently closing up.
 */
export function fillYearGaps(rows: CountRow[]): YearSlot[] {
	const byYear = new Map<number, CountRow>();
	for (const row of rows) {
		const year = Number(row.key);
		if (row.key.trim() !== '' && Number.isInteger(year)) byYear.set(year, row);
	}
	if (byYear.size === 0) return [];
	const years = [...byYear.keys()];
	const first = Math.min(...years);
	const last = Math.max(...years);
	const slots: YearSlot[] = [];
	for (let year = first; year <= last; year++) {
		const row = byYear.get(year);
		slots.push({ year, key: row?.key ?? String(year), n: row?.n ?? 0, row });
	}
	return slots;
}

const YEAR_STEPS = [1, 2, 5, 10, 20, 25, 50, 100];

/** Round-numbered year ticks, no more than `maxTicks`, so four-digit labels never overlap. */
export function yearTicks(first: number, last: number, maxTicks: number): number[] {
	if (last < first) return [];
	const limit = Math.max(1, Math.floor(maxTicks));
	for (const step of YEAR_STEPS) {
		const start = Math.ceil(first / step) * step;
		const ticks: number[] = [];
		for (let year = start; year <= last; year += step) ticks.push(year);
		if (ticks.length > limit) continue;
		// A short span can fall between round numbers; label its first year rather than nothing.
		return ticks.length ? ticks : [first];
	}
	return [first];
}

/** Whole-number count ticks: a fraction of an activity means nothing. */
export function countTicks(max: number, maxTicks: number): number[] {
	if (max <= 0) return [0];
	const raw = max / Math.max(1, maxTicks);
	const magnitude = 10 ** Math.floor(Math.log10(raw));
	const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
	const ticks: number[] = [];
	for (let value = 0; value <= max; value += step) ticks.push(value);
	if (ticks[ticks.length - 1] < max) ticks.push(ticks[ticks.length - 1] + step);
	return ticks;
}

/** Turns a chart title into a safe download name: `Service areas` → `service-areas`. */
export function fileSlug(text: string): string {
	const slug = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	return slug || 'chart';
}
