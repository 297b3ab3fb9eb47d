import { tick } from 'svelte';
import type { AtlasState } from '$lib/state/atlas.svelte';
import type { InsightState } from '$lib/state/insight.svelte';
import { insightFromParams, viewFromParams } from '$lib/state/view-url';
import type { Slide } from '$lib/state/slides';
import { activeFilterChips } from '$lib/components/filter-labels';
import { BOUNDARY_ATTRIBUTION } from '$lib/attribution';
import { capture } from './captures';
import { elementPicture, sideBySide } from './element-picture';

/** One slide as the exported deck shows it: its words and the picture of its view. */
export interface RenderedSlide {
	title: string;
	caption?: string;
	notes?: string;
	/** Which dataset, how many activities and which filters the picture shows. */
	basis: string;
	/** Where the figures and boundaries come from. */
	source: string;
	image: { bytes: Uint8Array; width: number; height: number };
}

const EMBEDDED_SOURCE =
	'Sources: Improvement Service, Collaborative Working Research Report and Research Review (2020), and the other published sources cited for each activity in the Atlas.';

/** The dataset's name as the header badge gives it, so a deck from an import is never taken for the published data. */
export function datasetName(atlas: AtlasState): string {
	const dataset = atlas.dataset;
	switch (dataset.kind) {
		case 'embedded':
			return 'Council Collaboration Atlas dataset';
		case 'imported':
			return `Imported dataset: ${dataset.fileName}`;
		case 'synthetic':
			return 'Synthetic data (generated for testing, not real arrangements)';
	}
}

function sourceLine(atlas: AtlasState): string {
	const data = atlas.dataset.kind === 'embedded' ? EMBEDDED_SOURCE : `Data: ${datasetName(atlas)}.`;
	return `${data} ${BOUNDARY_ATTRIBUTION}`;
}

/** Waits (frame by frame) until `ready` holds; a view that never settles fails the export rather than hanging it. */
async function until(ready: () => boolean, what: string, timeout = 60_000) {
	const started = performance.now();
	while (!ready()) {
		if (performance.now() - started > timeout) throw new Error(`Timed out waiting for ${what}.`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
}

/**
 * Shows each slide's view in the page in turn and takes its picture: the map (with its legend and
 * attribution drawn in), or the Insight view the slide was saved on. The caller puts the user's
 * own view back afterwards.
 */
export async function renderSlides(
	slides: Slide[],
	{ atlas, insight, onProgress }: { atlas: AtlasState; insight: InsightState | undefined; onProgress: (index: number) => void }
): Promise<RenderedSlide[]> {
	const rendered: RenderedSlide[] = [];
	for (const [index, slide] of slides.entries()) {
		onProgress(index);
		const params = new URLSearchParams(slide.query);
		const view = viewFromParams(params);
		atlas.applyView(view);
		insight?.viewReplaced();
		await tick();
		// Every view on screen, the slide's Insight view included, has answered for this slide.
		await until(() => atlas.ready && !atlas.pending && atlas.total !== undefined, 'the figures');
		await tick();
		const image = await picture(insightFromParams(params)?.tab ?? 'map');
		const chips = activeFilterChips(atlas.filters, atlas.reference);
		const basis = [
			datasetName(atlas),
			`${atlas.total} of ${atlas.grandTotal} activities`,
			...chips.map((c) => `${c.dimensionLabel}: ${c.valueLabel}`)
		].join(' · ');
		const bitmap = await createImageBitmap(image);
		rendered.push({
			title: slide.title,
			...(slide.caption ? { caption: slide.caption } : {}),
			...(slide.notes ? { notes: slide.notes } : {}),
			basis,
			source: sourceLine(atlas),
			image: { bytes: new Uint8Array(await image.arrayBuffer()), width: bitmap.width, height: bitmap.height }
		});
		bitmap.close();
	}
	return rendered;
}

async function picture(tab: 'map' | 'opportunities' | 'spectrum' | 'network' | 'compare'): Promise<Blob> {
	const map = capture('map');
	if (tab === 'map') {
		if (!map) throw new Error('The map is not on the page.');
		return map();
	}
	const panel = document.querySelector<HTMLElement>(`.insight [data-panel="${tab}"]`);
	if (!panel) throw new Error('The Insight view of this slide is not on the page.');
	if (tab === 'opportunities' && map) {
		// The finder's list beside the map that outlines its councils, as the slide is presented.
		const mapImage = await map();
		const bitmap = await createImageBitmap(mapImage);
		const cssHeight = bitmap.height / (window.devicePixelRatio || 1);
		bitmap.close();
		const list = await elementPicture(panel, { maxHeight: cssHeight * 1.1 });
		return sideBySide(list, mapImage);
	}
	// The matrix alone: the figures table under it would shrink it to nothing on a slide.
	const matrix = tab === 'network' ? panel.querySelector<HTMLElement>('[data-testid="matrix-svg"]') : null;
	if (matrix) return elementPicture(matrix);
	// A slide is wide: a long view shows its top part, as the screen does when the slide opens.
	return elementPicture(panel, { maxHeight: panel.getBoundingClientRect().width * 0.7 });
}
