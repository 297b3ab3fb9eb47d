import { describe, expect, it } from 'vitest';
import { activityCount } from '../../src/lib/counts';
import {
	barButtonName,
	barLayout,
	countTicks,
	estimateTextWidth,
	fileSlug,
	fillYearGaps,
	truncateToWidth,
	visibleRows,
	yearTicks
} from '../../src/lib/components/charts/chart-layout';
import {
	inlineStyle,
	parseUnicodeRange,
	rangeCovers,
	wrapText,
	type StyleSource
} from '../../src/lib/components/charts/chart-export';
import type { CountRow } from '../../src/lib/data/queries';

const row = (key: string, n: number, label = key): CountRow => ({ key, label, n });
/** One pixel per character keeps the expected truncations easy to read. */
const perChar = (text: string) => text.length;

describe('fillYearGaps', () => {
	it('fills every missing year with a zero slot that has no row', () => {
		const slots = fillYearGaps([row('2005', 7), row('2008', 1), row('2007', 2)]);
		expect(slots.map((s) => [s.year, s.n])).toEqual([
			[2005, 7],
			[2006, 0],
			[2007, 2],
			[2008, 1]
		]);
		expect(slots[1].row).toBeUndefined();
		expect(slots[1].key).toBe('2006');
		expect(slots[2].row).toEqual(row('2007', 2));
	});

	it('ignores keys that are not years and returns nothing for no data', () => {
		expect(fillYearGaps([])).toEqual([]);
		expect(fillYearGaps([row('', 3), row('unknown', 2)])).toEqual([]);
		expect(fillYearGaps([row('2010', 4), row('', 9)]).map((s) => s.year)).toEqual([2010]);
	});
});

describe('yearTicks', () => {
	it('uses round-numbered steps that fit the space', () => {
		expect(yearTicks(1996, 2025, 30)).toHaveLength(30);
		expect(yearTicks(1996, 2025, 7)).toEqual([2000, 2005, 2010, 2015, 2020, 2025]);
		expect(yearTicks(1996, 2025, 3)).toEqual([2000, 2010, 2020]);
	});

	it('never exceeds the limit and always labels something', () => {
		for (const limit of [1, 2, 4, 9]) expect(yearTicks(1950, 2025, limit).length).toBeLessThanOrEqual(limit);
		expect(yearTicks(2003, 2004, 1)).toEqual([2004]);
		expect(yearTicks(2001, 2004, 1)).toEqual([2001]);
		expect(yearTicks(2011, 2011, 5)).toEqual([2011]);
		expect(yearTicks(2012, 2010, 5)).toEqual([]);
	});
});

describe('countTicks', () => {
	it('gives whole numbers from zero up to at least the maximum', () => {
		expect(countTicks(7, 4)).toEqual([0, 2, 4, 6, 8]);
		expect(countTicks(1, 4)).toEqual([0, 1]);
		expect(countTicks(100, 4)).toEqual([0, 50, 100]);
		expect(countTicks(0, 4)).toEqual([0]);
		for (const max of [3, 13, 27, 240]) {
			const ticks = countTicks(max, 4);
			expect(ticks.every(Number.isInteger)).toBe(true);
			expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
		}
	});
});

describe('truncateToWidth', () => {
	it('keeps text that fits', () => {
		expect(truncateToWidth('Legal', 5, perChar)).toBe('Legal');
	});

	it('cuts to the longest prefix that fits with an ellipsis, without a dangling space', () => {
		expect(truncateToWidth('Transport & highways', 10, perChar)).toBe('Transport…');
		expect(truncateToWidth('Health & social care', 8, perChar)).toBe('Health…');
		expect(truncateToWidth('Transport & highways', 10, perChar).length).toBeLessThanOrEqual(10);
	});

	it('returns nothing when not even the ellipsis fits', () => {
		expect(truncateToWidth('Finance', 0, perChar)).toBe('');
	});

	it('estimates widths at 14px by default', () => {
		expect(estimateTextWidth('abcde')).toBeCloseTo(5 * 14 * 0.6);
	});
});

describe('visibleRows', () => {
	const rows = ['a', 'b', 'c', 'd', 'e'].map((key, i) => row(key, 10 - i));

	it('shows everything when uncapped, expanded or short enough', () => {
		expect(visibleRows(rows, [], undefined, false)).toEqual({ rows, hidden: 0 });
		expect(visibleRows(rows, [], 2, true)).toEqual({ rows, hidden: 0 });
		expect(visibleRows(rows, [], 5, false)).toEqual({ rows, hidden: 0 });
	});

	it('caps the rows but keeps a selected row from below the cap, in order', () => {
		const { rows: shown, hidden } = visibleRows(rows, ['e'], 2, false);
		expect(shown.map((r) => r.key)).toEqual(['a', 'b', 'e']);
		expect(hidden).toBe(2);
	});
});

describe('barLayout', () => {
	it('puts labels beside bars when they fit in 45% of the width', () => {
		const layout = barLayout(500, 4, 100, 20);
		expect(layout.mode).toBe('side');
		expect(layout.labelWidth).toBe(100);
		expect(layout.barX).toBeGreaterThan(layout.labelX + layout.labelWidth);
		expect(layout.barX + layout.barMax + 20).toBeLessThanOrEqual(500);
		expect(layout.height).toBe(4 * layout.rowHeight);
	});

	it('stacks labels above bars on narrow charts with long labels', () => {
		const layout = barLayout(320, 3, 230, 20);
		expect(layout.mode).toBe('stacked');
		expect(layout.labelWidth).toBeGreaterThanOrEqual(230);
		expect(layout.barY).toBeGreaterThan(layout.labelY);
		expect(layout.barX + layout.barMax + 20).toBeLessThanOrEqual(320);
	});

	it('caps labels at 45% on wide charts, truncating rather than squeezing the bars', () => {
		const layout = barLayout(800, 3, 600, 20);
		expect(layout.mode).toBe('side');
		expect(layout.labelX + layout.labelWidth).toBeLessThanOrEqual(800 * 0.45);
		expect(layout.barMax).toBeGreaterThan(300);
	});

	it('keeps rows at least 24px high, the minimum pointer target', () => {
		expect(barLayout(500, 1, 50, 10).rowHeight).toBeGreaterThanOrEqual(24);
		expect(barLayout(200, 1, 500, 10).rowHeight).toBeGreaterThanOrEqual(24);
	});
});

describe('wording', () => {
	it('names each bar with its count and what pressing it does', () => {
		expect(barButtonName('Transport & highways', 12)).toBe('Transport & highways: 12 activities. Filter by this');
		expect(activityCount(1)).toBe('1 activity');
		expect(activityCount(1234)).toBe('1,234 activities');
	});

	it('turns titles into safe file names', () => {
		expect(fileSlug('Service area')).toBe('service-area');
		expect(fileSlug('Transport & highways / 2020')).toBe('transport-and-highways-2020');
		expect(fileSlug('Crèche ')).toBe('creche');
		expect(fileSlug('***')).toBe('chart');
	});
});

describe('inlineStyle', () => {
	const style = (values: Record<string, string>): StyleSource => ({ getPropertyValue: (p) => values[p] ?? '' });

	it('writes inherited properties only where they differ from the parent', () => {
		const parent = style({ 'font-family': 'Noto Sans', 'font-size': '14px', fill: 'rgb(0, 0, 0)' });
		const child = style({ 'font-family': 'Noto Sans', 'font-size': '14px', fill: 'rgb(44, 127, 184)', 'font-weight': '700' });
		expect(inlineStyle(child, parent)).toBe('font-weight:700;fill:rgb(44, 127, 184)');
	});

	it('writes everything on the root, but skips defaults, url() paints and hidden-irrelevant display', () => {
		const root = style({
			'font-family': 'Noto Sans',
			fill: 'url("http://example.org/#hatch")',
			opacity: '1',
			display: 'block'
		});
		expect(inlineStyle(root)).toBe('font-family:Noto Sans');
		expect(inlineStyle(style({ display: 'none', opacity: '0.5' }))).toBe('opacity:0.5;display:none');
	});
});

describe('font subsets for export', () => {
	it('parses unicode ranges, including single points and wildcards', () => {
		expect(parseUnicodeRange('U+0000-00FF, U+0131,u+4??')).toEqual([
			[0, 0xff],
			[0x131, 0x131],
			[0x400, 0x4ff]
		]);
		expect(parseUnicodeRange('')).toEqual([]);
	});

	it('embeds a subset only when the text uses one of its characters', () => {
		const latin = 'U+0000-00FF,U+2000-206F';
		const cyrillic = 'U+0400-045F';
		expect(rangeCovers(latin, 'Transport & highways – 12')).toBe(true);
		expect(rangeCovers(cyrillic, 'Transport & highways – 12')).toBe(false);
		expect(rangeCovers('U+0100-02BA', 'Comhairle nan Eilean Siar')).toBe(false);
		expect(rangeCovers('U+0100-02BA', 'Łódź')).toBe(true);
		expect(rangeCovers('', 'anything')).toBe(true);
	});
});

describe('wrapText', () => {
	it('breaks between words so each line fits', () => {
		const lines = wrapText('n = 61 activities in this dataset under the current filters', 20, perChar);
		expect(lines).toEqual(['n = 61 activities in', 'this dataset under', 'the current filters']);
		expect(lines.every((line) => line.length <= 20)).toBe(true);
	});

	it('keeps an over-long word whole rather than losing it', () => {
		expect(wrapText('Simplification/standardisation x', 10, perChar)).toEqual(['Simplification/standardisation', 'x']);
		expect(wrapText('   ', 10, perChar)).toEqual([]);
	});
});
