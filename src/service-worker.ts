/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Makes the Atlas work with no network after its first load (a workshop laptop, an intranet
// copy). Each deploy's pages, code and data are cached together under that deploy's version and
// served only together: a page from one deploy never meets data from another.
//
// Updates: the browser fetches this script on each visit (bypassing the HTTP cache). A new deploy's
// worker caches its whole version, then waits. Open pages keep running on the version they loaded
// and offer "A new version is available: reload" (UpdateNotice.svelte), which tells the waiting
// worker to take over. Once every tab of the old version is closed the new one takes over by itself,
// so the next visit opens the new deploy.
import { base, build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `atlas-${version}`;
const scoped = (path: string) => new URL(path, sw.location.href).href;
/** Every prerendered page (dashboard, briefing, accessibility statement, privacy note). */
const PAGES = prerendered.map(scoped);
const ROOT_PAGE = new URL('./', sw.registration.scope).href;

/** Fails an install that fetched another deploy's files, so the browser retries with that deploy's worker. */
class MixedDeploy extends Error {}

async function install() {
	const cache = await caches.open(CACHE);
	// Hashed build files are immutable, so the HTTP cache may supply them; the data, static files
	// and pages keep their names from deploy to deploy, so they are revalidated with the server.
	await cache.addAll(build);
	await cache.addAll([...files, ...PAGES].map((url) => new Request(url, { cache: 'no-cache' })));
	// Had a deploy landed while the files were fetched, the server's version (fetched last) says so.
	const live = await fetch(`${base}/_app/version.json`, { cache: 'no-store' })
		.then((r) => r.json() as Promise<{ version: string }>)
		.catch(() => undefined);
	if (live && live.version !== version) throw new MixedDeploy(`The server now has version ${live.version}, not ${version}`);
	// And a page from another deploy would name code this version does not have.
	const known = new Set(build.map(scoped));
	for (const url of PAGES) {
		const html = await (await cache.match(url))?.text();
		for (const [, asset] of html?.matchAll(/["'(]([^"'()]*_app\/immutable\/[^"'()?#]+)/g) ?? []) {
			if (!known.has(new URL(asset, url).href)) throw new MixedDeploy(`${url} names ${asset}, which this version lacks`);
		}
	}
}

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			try {
				await install();
			} catch (error) {
				await caches.delete(CACHE);
				throw error;
			}
			// A first visit has nothing older to protect: take over at once, so offline use starts now.
			if (!sw.registration.active) await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('message', (event) => {
	// The user chose "reload" on the update notice.
	if ((event.data as { type?: string } | null)?.type === 'skip-waiting') void sw.skipWaiting();
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key.startsWith('atlas-') && key !== CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			// Navigations carry the view in the query string (?council=, ?synthetic=); one cached page serves every view.
			const navigate = request.mode === 'navigate';
			const cached = await cache.match(request, { ignoreSearch: navigate });
			if (cached) return cached;
			if (navigate && !url.pathname.endsWith('/')) {
				// The site's addresses end in a slash; a typed "/briefing" is the same page.
				const page = await cache.match(`${url.origin}${url.pathname}/`, { ignoreSearch: true });
				if (page) return page;
			}
			// Anything else is not part of this version, so it is fetched but never cached here: an
			// unhashed file from the network might belong to another deploy.
			try {
				return await fetch(request);
			} catch (error) {
				if (navigate) {
					const page = await cache.match(ROOT_PAGE);
					if (page) return page;
				}
				throw error;
			}
		})()
	);
});
