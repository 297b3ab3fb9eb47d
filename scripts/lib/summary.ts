/**
 * Writes static/data/summary.json: the default view's figures (no filters, default sort),
 * computed by the app's own query functions on the same DuckDB-WASM engine in Node, so the page
 * can draw real numbers before the engine has started in the browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import { computeSummary } from '../../src/lib/data/figures';
import { openWasmDb } from './wasm-db';

export async function writeSummary(dataDir: string) {
	const db = await openWasmDb(dataDir);
	try {
		const summary = await computeSummary(db);
		fs.writeFileSync(path.join(dataDir, 'summary.json'), JSON.stringify(summary) + '\n');
		return summary;
	} finally {
		db.close();
	}
}
