import { REACHES } from '$lib/data/model.js';

/** Okabe–Ito colours: distinguishable with the common forms of colour-blindness. */
export const REACH_COLOURS: Record<(typeof REACHES)[number], string> = {
	single: '#E69F00',
	cluster: '#0072B2',
	regional: '#009E73',
	national: '#CC79A7',
	unspecified: '#7A7A7A'
};

/** ColorBrewer YlGnBu, colour-blind safe and readable on a projector. */
export const CHOROPLETH_COLOURS = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'];
export const NO_DATA_COLOUR = '#f2f2f2';
export const BAR_COLOUR = '#2c7fb8';
export const BAR_ACTIVE_COLOUR = '#E69F00';
