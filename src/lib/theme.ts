import { REACHES } from '$lib/data/model';

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

/**
 * Spectrum of collaboration, light to dark as arrangements deepen (after magma: ordered by
 * lightness, so it reads with colour-blindness and in greyscale); grey where no level is derivable.
 */
export const SPECTRUM_COLOURS: Record<'communicate' | 'cooperate' | 'coordinate' | 'collaborate' | 'integrate' | 'none', string> = {
	communicate: '#e8c547',
	cooperate: '#f7934d',
	coordinate: '#de4968',
	collaborate: '#8c2981',
	integrate: '#2c115f',
	none: '#7A7A7A'
};

/** Outline of candidate councils in the opportunity finder (Okabe–Ito vermillion). */
export const OPPORTUNITY_COLOUR = '#D55E00';

/** Outline of the councils the council filter has chosen (on a white casing). */
export const CHOSEN_OUTLINE = '#111111';
