import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	// The DuckDB worker and wasm are bundled as URLs; pre-bundling them breaks their paths.
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	build: { chunkSizeWarningLimit: 1500 },
	// The import worker is an ES module (new Worker(..., { type: 'module' })), so its chunks can be too.
	worker: { format: 'es' },
	test: {
		// Vitest leaves a core free by default; on a 2-core machine that ran the SQL files one at a time.
		maxWorkers: '100%',
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' }
			},
			{
				// State classes under Svelte's client runtime, where effects run (the server build's are inert).
				extends: true,
				resolve: { conditions: ['browser'] },
				test: { name: 'state', include: ['tests/state/**/*.test.ts'], environment: './tests/helpers/client-environment.ts' }
			},
			{
				extends: true,
				test: { name: 'sql', include: ['tests/sql/**/*.test.ts'], environment: 'node', testTimeout: 30_000, hookTimeout: 30_000 }
			},
			{
				extends: true,
				test: {
					name: 'browser',
					include: ['tests/browser/**/*.test.ts'],
					environment: 'node',
					testTimeout: 90_000,
					hookTimeout: 120_000,
					// The page answers through a worker on a loaded 2-core machine; a second is too tight.
					expect: { poll: { timeout: 15_000, interval: 100 } },
					// Two files at once: a file alone kept the two cores ~85% busy (its pages wait on
					// workers, the GPU process and timers), and two side by side took the suite from ~550 s
					// to ~505 s here, every test well inside its timeout. Each worker runs its files one
					// after another without isolation: a fresh worker per file, re-importing Playwright and
					// the app's modules, cost each file seconds. The files share no state: each starts its
					// own server and Chromium (builtSite).
					fileParallelism: true,
					maxWorkers: 2,
					isolate: false
				}
			},
			{
				// A working session's worth of clicks, too slow for every run: `npm run test:long`.
				extends: true,
				test: {
					name: 'long',
					include: ['tests/long/**/*.test.ts'],
					environment: 'node',
					testTimeout: 300_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});
