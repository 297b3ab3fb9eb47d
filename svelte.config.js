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
		serviceWorker: { register: false }
	}
};

export default config;
