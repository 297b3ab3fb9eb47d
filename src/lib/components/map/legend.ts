import { CHOROPLETH_COLOURS, NO_DATA_COLOUR, REACH_COLOURS, SPECTRUM_COLOURS } from '$lib/theme';
import { REACH_LABELS, SPECTRUM_LEVELS } from '$lib/data/model';
import { spectrumLabel } from '$lib/data/spectrum';
import { classLabels } from './geometry';

export interface LegendItem {
	key: string;
	colour: string;
	label: string;
}

/** Choropleth classes, zero first: one definition for the on-screen legend and the PNG. */
export function fillLegend(breaks: number[]): LegendItem[] {
	return [
		{ key: '0', colour: NO_DATA_COLOUR, label: '0' },
		...classLabels(breaks).map((label, i) => ({ key: label, colour: CHOROPLETH_COLOURS[i], label }))
	];
}

/** The link colours actually drawn, in the order the legend lists them. */
export function linkLegend(colourBy: 'reach' | 'spectrum', reaches: string[], levels: string[]): { title: string; items: LegendItem[] } {
	if (colourBy === 'spectrum') {
		// Most integrated first, as the links are drawn darkest; "not derivable" last.
		const ordered = [...[...SPECTRUM_LEVELS].reverse(), 'none'].filter((level) => levels.includes(level));
		return {
			title: 'Links: most integrated shared activity',
			items: ordered.map((level) => ({ key: level, colour: SPECTRUM_COLOURS[level as keyof typeof SPECTRUM_COLOURS], label: spectrumLabel(level) }))
		};
	}
	return {
		title: 'Links: shared activities, by widest reach',
		items: reaches.map((reach) => ({
			key: reach,
			colour: REACH_COLOURS[reach as keyof typeof REACH_COLOURS],
			label: REACH_LABELS[reach as keyof typeof REACH_LABELS] ?? reach
		}))
	};
}
