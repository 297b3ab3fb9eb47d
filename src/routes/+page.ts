/**
 * The default view's figures and the council boundaries, for drawing the dashboard into the
 * prerendered HTML: the first paint needs no script. The build reads them from the files it
 * wrote; the browser fetches the same files (asked for early by the page's preload links) and
 * hydrates with the same figures. Nothing here is serialised into the page, so the figures are
 * not sent twice.
 */
import { browser } from '$app/environment';
import { base } from '$app/paths';
import type { AtlasSummary } from '$lib/data/figures';
import { startDb } from '$lib/data/duckdb';
import type { CouncilTopology } from '$lib/components/map/geometry';

export interface FirstPaintData {
	summary: AtlasSummary | undefined;
	topology: CouncilTopology | undefined;
}

async function fetchJson<T>(url: string): Promise<T | undefined> {
	try {
		const response = await fetch(url);
		return response.ok ? ((await response.json()) as T) : undefined;
	} catch {
		// Without them the page starts as before the first paint was prerendered: it waits for the engine.
		return undefined;
	}
}

export async function load(): Promise<FirstPaintData> {
	if (!browser) {
		const [summary, topology] = await Promise.all([import('../../static/data/summary.json'), import('../../static/data/councils.topo.json')]);
		return { summary: summary.default as unknown as AtlasSummary, topology: topology.default as unknown as CouncilTopology };
	}
	// The engine starts now, as the page's script starts, rather than once the page has hydrated.
	startDb(`${base}/data`);
	const [summary, topology] = await Promise.all([
		fetchJson<AtlasSummary>(`${base}/data/summary.json`),
		fetchJson<CouncilTopology>(`${base}/data/councils.topo.json`)
	]);
	return { summary, topology };
}
