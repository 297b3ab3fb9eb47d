/**
 * How the Atlas map looks, in one place for the two things that draw it: the MapLibre layers and
 * the SVG preview shown before MapLibre's first frame, which must look the same.
 */
import { CHOROPLETH_COLOURS, NO_DATA_COLOUR, REACH_COLOURS, SPECTRUM_COLOURS } from '$lib/theme';

export const SEA_COLOUR = '#dbe7ef';
export const BACKDROP = { fill: '#e8e6e1', outline: '#c8c4bc' };
export const COUNCIL_OUTLINE = { colour: '#5b6570', width: 0.6 };
export const COUNCIL_FILL_OPACITY = 0.95;

/** A council's fill for its choropleth class (-1: no activities). */
export const classColour = (cls: number) => (cls < 0 ? NO_DATA_COLOUR : CHOROPLETH_COLOURS[cls]);

/**
 * Link spans bottom to top: many-council groupings beneath, so they cannot bury the close
 * partnerships; a link belongs to the first span whose reach it has (the last takes the rest, in
 * which shorter links lie over longer ones). Each span is a map layer that draws every pair, most
 * at zero width, and rewrites every pair's paint on each filter change, so there are two.
 */
export const LINK_SPANS = [
	{ id: 'links-regional', reach: 'regional' },
	{ id: 'links', reach: undefined }
] as const;
export const spanOf = (reach: string) => LINK_SPANS.findIndex((span) => span.reach === undefined || span.reach === reach);

/** Regional links are lighter, so the long island arcs do not dominate. */
export const LINK_OPACITY = { regional: 0.55, other: 0.95 };
export const CASING = { colour: '#ffffff', extraWidth: 2, opacity: { regional: 0.35, other: 0.85 } };
/**
 * Links end flat at the council's point. Round ends look the same under the label there, but
 * cost two fans of vertices per link per tile in every link layer: ~5 ms a frame on software WebGL.
 */
export const LINK_CAP = 'butt';
/** How much wider the selected link is drawn than its figures make it. */
export const SELECTED_LINK_EXTRA_WIDTH = 2;

/**
 * The margin of neighbouring geometry each GeoJSON tile carries, in tile pixels (MapLibre's
 * default is 128 of 512). Every vertex in the margin is drawn again for each tile it reaches,
 * which on software WebGL cost ~22 ms of every frame at the default 128. A line crossing a tile
 * edge needs only half its width beyond it; the widest the Atlas draws, a selected link on its
 * casing, is 12 px, and tiles are never shown smaller than their own pixels.
 */
export const TILE_BUFFER = 16;
export const UNKNOWN_REACH_COLOUR = '#555555';

/** A link's colour: by its widest reach, or by its most integrated spectrum level. */
export function linkColour(link: { reach: string; spectrum: string | null }, colourBy: 'reach' | 'spectrum') {
	if (colourBy === 'spectrum') return (SPECTRUM_COLOURS as Record<string, string>)[link.spectrum ?? 'none'] ?? SPECTRUM_COLOURS.none;
	return (REACH_COLOURS as Record<string, string>)[link.reach] ?? UNKNOWN_REACH_COLOUR;
}
