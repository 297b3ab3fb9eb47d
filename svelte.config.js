import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ fallback: undefined, strict: true }),
		// Relative asset paths let the built site run from any folder or intranet sub-path.
		paths: { relative: true },
		// Registered by the page once the data is loaded, so caching for offline use never
		// competes with the first paint.
		serviceWorker: { register: false },
		// Nothing but this site's own files: no request leaves the origin, no inline script runs but
		// SvelteKit's start-up (by hash), WebAssembly compiles for DuckDB, and styles come from files
		// except the positions Svelte sets in style attributes (tooltips, bars).
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['none'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'worker-src': ['self'],
				'connect-src': ['self'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'style-src': ['self'],
				'style-src-attr': ['unsafe-inline'],
				'manifest-src': ['self'],
				'base-uri': ['none'],
				'form-action': ['none']
			}
		}
	}
};

export default config;
