/**
 * The same DuckDB-WASM engine the browser runs, in Node (blocking bindings), loaded with the
 * same table definitions, so SQL tests see what users see. Shared with the build, which computes
 * the first-paint summary with it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { openWasmDb } from '../../scripts/lib/wasm-db';

export { openWasmDb };

/** Where `npm run data:build` writes the embedded dataset the site ships. */
export const BUILT_DATA = path.resolve('static/data');

/** The engine over the embedded dataset as built, or a clear error when it has not been built. */
export async function openBuiltData() {
	if (!fs.existsSync(path.join(BUILT_DATA, 'activities.csv'))) throw new Error('run `npm run data:build` first');
	return openWasmDb(BUILT_DATA);
}
