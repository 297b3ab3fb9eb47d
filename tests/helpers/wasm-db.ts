/**
 * The same DuckDB-WASM engine the browser runs, in Node (blocking bindings), loaded with the
 * same table definitions, so SQL tests see what users see. Shared with the build, which computes
 * the first-paint summary with it.
 */
export { openWasmDb } from '../../scripts/lib/wasm-db';
