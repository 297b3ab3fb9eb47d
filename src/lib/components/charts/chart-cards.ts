/**
 * The dashboard's chart cards, in the order they are shown. One list, so adding or reordering a
 * chart is one entry here, and the page, a prerendered first paint or a slide can draw the same set.
 */
import { REACH_LABELS } from '$lib/data/model';
import type { ChartDimension, CountRow } from '$lib/data/queries';
import { REACH_COLOURS } from '$lib/theme';

interface CardBase {
	/** The card's heading. */
	title: string;
	/** The chart's own accessible name (and the downloaded file's heading). */
	chartTitle: string;
	/** Spans two grid columns where there is room. */
	wide?: boolean;
}

/** A horizontal bar per value, biggest first. */
export interface BarCard extends CardBase {
	kind: 'bars';
	dimension: Exclude<ChartDimension, 'startYears'>;
	/** Collapse to this many rows behind a "Show all" button. */
	maxRows?: number;
	labelFor?: (row: CountRow) => string;
	colourFor?: (key: string) => string | undefined;
}

/** A column per year, in year order. */
export interface TimelineCard extends CardBase {
	kind: 'timeline';
	dimension: 'startYears';
}

export type ChartCardConfig = BarCard | TimelineCard;

export const CHART_CARDS: readonly ChartCardConfig[] = [
	{ kind: 'bars', dimension: 'serviceAreas', title: 'Service area', chartTitle: 'Activities by service area', maxRows: 12 },
	{ kind: 'bars', dimension: 'types', title: 'Collaborative type', chartTitle: 'Activities by collaborative type' },
	{
		kind: 'bars',
		dimension: 'reaches',
		title: 'Geographic reach',
		chartTitle: 'Activities by geographic reach',
		labelFor: (row) => REACH_LABELS[row.key as keyof typeof REACH_LABELS] ?? row.key,
		colourFor: (key) => REACH_COLOURS[key as keyof typeof REACH_COLOURS]
	},
	{ kind: 'bars', dimension: 'mechanisms', title: 'Delivery mechanism', chartTitle: 'Activities by delivery mechanism', maxRows: 10 },
	// Year columns need room to stay 24px-wide targets (WCAG 2.2 target size).
	{ kind: 'timeline', dimension: 'startYears', title: 'Start year', chartTitle: 'Activities by start year', wide: true }
];
